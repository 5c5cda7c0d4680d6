CREATE TABLE bookings (
  id integer NOT NULL,
  name varchar(255),
  room integer,
  during tstzrange NOT NULL,
  EXCLUDE USING gist (during WITH &&) INCLUDE (id) WHERE (room IS NOT NULL) DEFERRABLE INITIALLY DEFERRED
);
ALTER TABLE bookings ADD CONSTRAINT bookings_lower EXCLUDE USING btree (lower(name::text) text_ops WITH =) WHERE (name::text <> '');
ALTER TABLE bookings ADD EXCLUDE USING hash (name WITH =);
