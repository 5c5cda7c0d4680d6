ALTER TABLE accounts RENAME COLUMN mail TO email;
ALTER INDEX account_mail_idx RENAME TO accounts_email_idx;
ALTER TABLE accounts RENAME nick TO nickname;
