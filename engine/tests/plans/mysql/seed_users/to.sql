CREATE TABLE Users (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(191) NOT NULL,
  signup_date datetime NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY Users_email_key (email)
);
