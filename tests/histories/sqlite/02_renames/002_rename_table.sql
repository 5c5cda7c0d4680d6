ALTER TABLE account RENAME TO accounts;
