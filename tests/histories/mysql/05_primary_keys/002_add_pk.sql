ALTER TABLE memberships ADD PRIMARY KEY (user_id, group_id);
