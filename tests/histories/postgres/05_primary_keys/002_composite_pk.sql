ALTER TABLE memberships DROP CONSTRAINT memberships_pkey;
ALTER TABLE memberships DROP COLUMN id;
ALTER TABLE memberships ADD PRIMARY KEY (user_id, group_id);
