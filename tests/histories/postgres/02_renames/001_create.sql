CREATE TABLE account (
    id bigserial PRIMARY KEY,
    mail text NOT NULL,
    nick text
);
CREATE INDEX account_mail_idx ON account (mail);
