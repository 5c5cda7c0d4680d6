RENAME TABLE account TO accounts;
