CREATE UNIQUE INDEX teams_lower_name_idx ON teams (lower(name));
