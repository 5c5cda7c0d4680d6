CREATE FUNCTION new_code() RETURNS text AS $$ BEGIN RETURN md5(random()::text); END; $$ LANGUAGE plpgsql VOLATILE;
CREATE TABLE users (id serial PRIMARY KEY, name text, updated_at timestamp, code text DEFAULT new_code());
CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.updated_at = clock_timestamp(); RETURN NEW; END; $$ LANGUAGE plpgsql;
CREATE FUNCTION label(n integer) RETURNS text AS $$ SELECT n::text $$ LANGUAGE sql IMMUTABLE;
CREATE TRIGGER users_touch BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TABLE posts (id serial PRIMARY KEY, title text, updated_at timestamp);
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON FUNCTION touch() IS 'keeps updated_at';
COMMENT ON TRIGGER posts_touch ON posts IS 'posts too';
