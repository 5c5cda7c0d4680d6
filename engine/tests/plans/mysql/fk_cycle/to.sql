CREATE TABLE country (id int PRIMARY KEY, name varchar(50) NOT NULL);
CREATE TABLE store (
  store_id int PRIMARY KEY,
  manager_staff_id int NOT NULL,
  country_id int,
  CONSTRAINT store_country_fk FOREIGN KEY (country_id) REFERENCES country (id)
);
CREATE TABLE staff (
  staff_id int PRIMARY KEY,
  store_id int NOT NULL,
  name varchar(50),
  KEY idx_store (store_id),
  CONSTRAINT staff_store_fk FOREIGN KEY (store_id) REFERENCES store (store_id)
);
ALTER TABLE store ADD CONSTRAINT store_manager_fk FOREIGN KEY (manager_staff_id) REFERENCES staff (staff_id);
CREATE TABLE employee (id int PRIMARY KEY, boss_id int, KEY idx_boss (boss_id), CONSTRAINT employee_boss_fk FOREIGN KEY (boss_id) REFERENCES employee (id));
