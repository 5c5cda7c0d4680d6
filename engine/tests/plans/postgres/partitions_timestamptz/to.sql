CREATE TABLE payment (
  payment_id integer NOT NULL,
  amount numeric(5, 2) NOT NULL,
  payment_date timestamp with time zone NOT NULL
) PARTITION BY RANGE (payment_date);
CREATE TABLE payment_p2022_03 PARTITION OF payment
  FOR VALUES FROM ('2022-03-01 00:00:00+00') TO ('2022-04-01 01:00:00+01');
CREATE TABLE payment_p2022_04 PARTITION OF payment
  FOR VALUES FROM ('2022-04-01 02:00:00+02') TO ('2022-05-01 00:00:00-00');
CREATE INDEX payment_p2022_04_amount ON payment_p2022_04 (amount);
