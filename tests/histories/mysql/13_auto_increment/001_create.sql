CREATE TABLE tickets (
  id int unsigned NOT NULL AUTO_INCREMENT,
  title varchar(100),
  PRIMARY KEY (id)
) AUTO_INCREMENT=1000;
CREATE TABLE labels (id int NOT NULL, name varchar(50));
