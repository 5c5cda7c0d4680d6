ALTER TABLE memberships DROP CONSTRAINT memberships_pkey;
ALTER TABLE memberships ADD CONSTRAINT memberships_pk PRIMARY KEY (group_id, user_id);
