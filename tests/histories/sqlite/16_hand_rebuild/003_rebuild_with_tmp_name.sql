PRAGMA foreign_keys=OFF;
CREATE TABLE "teams_tmp" (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT);
INSERT INTO "teams_tmp" SELECT id, name, NULL FROM "teams";
DROP TABLE "teams";
ALTER TABLE "teams_tmp" RENAME TO "teams";
PRAGMA foreign_keys=ON;
