CREATE TABLE bookings (
  id integer NOT NULL,
  name varchar(255),
  room integer,
  during tstzrange NOT NULL,
  CONSTRAINT bookings_name_excl EXCLUDE (name WITH =)
);
ALTER TABLE bookings ADD CONSTRAINT bookings_lower EXCLUDE USING btree (lower(name::text) WITH =) WHERE (name::text <> '');
