CREATE TABLE users (id serial PRIMARY KEY, name text, updated_at timestamp);
CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END; $$ LANGUAGE plpgsql;
CREATE FUNCTION label(n integer) RETURNS integer AS $$ SELECT n $$ LANGUAGE sql IMMUTABLE;
CREATE FUNCTION old_helper() RETURNS integer AS $$ SELECT 1 $$ LANGUAGE sql;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON FUNCTION label IS 'a label';
