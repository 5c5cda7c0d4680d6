CREATE TABLE account (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mail TEXT NOT NULL,
    nick TEXT
);
CREATE INDEX account_mail_idx ON account (mail);
