ALTER TABLE memberships DROP PRIMARY KEY, ADD PRIMARY KEY (group_id, user_id);
