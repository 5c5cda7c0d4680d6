CREATE TABLE accounts (id integer PRIMARY KEY);
CREATE TABLE payments (
  id integer PRIMARY KEY,
  account_id integer,
  amount integer,
  CONSTRAINT payments_amount_positive CHECK (amount > 0),
  CONSTRAINT payments_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)
);
ALTER TABLE payments ADD CONSTRAINT payments_amount_small CHECK (amount < 1000000) NOT VALID;
ALTER TABLE payments ADD CONSTRAINT payments_id_even CHECK (id % 2 = 0);
