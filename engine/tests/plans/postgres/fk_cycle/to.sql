CREATE TABLE country (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE store (
  store_id integer PRIMARY KEY,
  manager_staff_id integer NOT NULL,
  country_id integer REFERENCES country (id)
);
CREATE TABLE staff (
  staff_id integer PRIMARY KEY,
  store_id integer NOT NULL REFERENCES store (store_id),
  name text
);
ALTER TABLE store ADD CONSTRAINT store_manager_fk FOREIGN KEY (manager_staff_id) REFERENCES staff (staff_id) DEFERRABLE INITIALLY DEFERRED;
CREATE TABLE employee (id integer PRIMARY KEY, boss_id integer REFERENCES employee (id));
