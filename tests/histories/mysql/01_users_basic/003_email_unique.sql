ALTER TABLE users ADD UNIQUE KEY users_email_unique (email);
