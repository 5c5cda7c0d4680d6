CREATE TABLE memberships (
  user_id int NOT NULL,
  group_id int NOT NULL,
  role varchar(20) NOT NULL DEFAULT 'member'
);
