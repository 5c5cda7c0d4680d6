CREATE TABLE accounts (id integer PRIMARY KEY);
CREATE TABLE payments (
  id integer PRIMARY KEY,
  account_id integer,
  amount integer
);
-- Added on a table that had rows: the old ones were never checked.
ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount > 0) NOT VALID;
ALTER TABLE payments ADD CONSTRAINT payments_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;
ALTER TABLE payments ADD CONSTRAINT payments_amount_small CHECK (amount < 1000000) NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT payments_amount_small;
ALTER TABLE payments ADD CONSTRAINT payments_id_even CHECK (id % 2 = 0) NO INHERIT;
