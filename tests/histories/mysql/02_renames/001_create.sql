CREATE TABLE account (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  mail varchar(190) NOT NULL,
  nick varchar(50),
  KEY account_mail_idx (mail)
);
