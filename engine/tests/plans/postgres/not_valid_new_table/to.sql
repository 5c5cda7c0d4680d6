CREATE TABLE accounts (id integer PRIMARY KEY);
CREATE TABLE payments (
  id integer PRIMARY KEY,
  account_id integer,
  amount integer
);
ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount > 0) NOT VALID;
ALTER TABLE payments ADD CONSTRAINT payments_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE NOT VALID;
