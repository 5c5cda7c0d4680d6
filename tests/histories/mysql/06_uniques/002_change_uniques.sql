ALTER TABLE teams DROP INDEX slug;
ALTER TABLE teams ADD CONSTRAINT teams_slug_uq UNIQUE (slug);
CREATE UNIQUE INDEX teams_name_idx ON teams (name);
