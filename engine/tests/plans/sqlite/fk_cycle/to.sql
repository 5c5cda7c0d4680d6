CREATE TABLE country (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE store (
  store_id integer PRIMARY KEY,
  manager_staff_id integer NOT NULL REFERENCES staff (staff_id),
  country_id integer REFERENCES country (id)
);
CREATE TABLE staff (
  staff_id integer PRIMARY KEY,
  store_id integer NOT NULL REFERENCES store (store_id),
  name text
);
CREATE TABLE employee (id integer PRIMARY KEY, boss_id integer REFERENCES employee (id));
