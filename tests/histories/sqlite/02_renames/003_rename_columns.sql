ALTER TABLE accounts RENAME COLUMN mail TO email;
ALTER TABLE accounts RENAME nick TO nickname;
