DROP TYPE currency;
