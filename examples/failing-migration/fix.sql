-- The fix a person writes after reading the diagnostic query's rows.
DELETE FROM posts WHERE id = 11;
