ALTER TABLE accounts RENAME COLUMN mail TO email;
ALTER TABLE accounts RENAME INDEX account_mail_idx TO accounts_email_idx;
ALTER TABLE accounts CHANGE nick nickname varchar(80) NOT NULL DEFAULT '';
