// The ready examples. Each is a whole state (see state.js), shown by name in the picker.

const seedRows = `INSERT INTO Users (email, birthDate) VALUES
  ('ann@example.com', '1990-01-01'),
  ('bob@example.com', '1985-05-05'),
  ('ann@example.com', '1991-02-02');`;

const seed = {
  sqlite: {
    from: `CREATE TABLE Users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  birthDate TEXT
);
-- Rows, so the new unique index meets a duplicate.
${seedRows}
`,
    to: `CREATE TABLE Users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  signup_date TEXT
);
CREATE UNIQUE INDEX Users_email_key ON Users (email);
`,
  },
  postgres: {
    from: `CREATE TABLE "Users" (
  id serial PRIMARY KEY,
  email text NOT NULL,
  "birthDate" date
);
-- Rows, so the new unique constraint meets a duplicate.
${seedRows.replace("Users (email, birthDate)", '"Users" (email, "birthDate")')}
`,
    to: `CREATE TABLE "Users" (
  id serial PRIMARY KEY,
  email text NOT NULL,
  signup_date date,
  CONSTRAINT "Users_email_key" UNIQUE (email)
);
`,
  },
  mysql: {
    from: `CREATE TABLE \`Users\` (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(191) NOT NULL,
  \`birthDate\` date NULL
);
`,
    to: `CREATE TABLE \`Users\` (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(191) NOT NULL,
  signup_date date NULL,
  UNIQUE KEY \`Users_email_key\` (email)
);
`,
  },
};

const branchBase = `-- migration: 0001_init
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL
);
`;

export const EXAMPLES = [
  {
    name: "Seed scenario: UNIQUE(email) over duplicates (SQLite)",
    state: { dialect: "sqlite", mode: "schemas", ...seed.sqlite, noTransaction: true, failAt: 2 },
  },
  {
    name: "Seed scenario (PostgreSQL)",
    state: { dialect: "postgres", mode: "schemas", ...seed.postgres, noTransaction: true, failAt: 2 },
  },
  {
    name: "Seed scenario (MySQL: plan only)",
    state: { dialect: "mysql", mode: "schemas", ...seed.mysql },
  },
  {
    name: "Retype a column under a view (PostgreSQL)",
    state: {
      dialect: "postgres",
      mode: "schemas",
      from: `CREATE TABLE authors (
  id serial PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE posts (
  id serial PRIMARY KEY,
  author_id integer NOT NULL,
  title varchar(100) NOT NULL,
  body text
);
CREATE VIEW post_titles AS SELECT id, title FROM posts;
`,
      to: `CREATE TABLE authors (
  id serial PRIMARY KEY,
  name text NOT NULL,
  email text
);
CREATE TABLE posts (
  id serial PRIMARY KEY,
  author_id integer NOT NULL REFERENCES authors (id),
  title text NOT NULL,
  body text,
  published_at timestamptz
);
CREATE INDEX posts_author_id_idx ON posts (author_id);
CREATE VIEW post_titles AS SELECT id, title FROM posts;
`,
      failAt: 3,
    },
  },
  {
    name: "A table rebuild (SQLite)",
    state: {
      dialect: "sqlite",
      mode: "schemas",
      from: `CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  account_id INTEGER,
  total TEXT
);
CREATE INDEX orders_account ON orders (account_id);
INSERT INTO accounts (name) VALUES ('acme');
INSERT INTO orders (account_id, total) VALUES (1, '9.50');
`,
      to: `CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  total NUMERIC NOT NULL DEFAULT 0
);
CREATE INDEX orders_account ON orders (account_id);
`,
      failAt: 3,
    },
  },
  {
    name: "Out-of-order branch that commutes (SQLite)",
    state: {
      dialect: "sqlite",
      mode: "migrations",
      migrations: `${branchBase}
-- migration: 0002_user_bio
-- Merged late from a parallel branch: 0003 ran first.
ALTER TABLE users ADD COLUMN bio TEXT;

-- migration: 0003_posts
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  title TEXT NOT NULL
);
`,
      applied: "0001_init 0003_posts",
      policy: "commutative",
      to: `CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  bio TEXT
);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  title TEXT NOT NULL
);
CREATE INDEX posts_user_id ON posts (user_id);
`,
    },
  },
  {
    name: "Out-of-order branch that conflicts (SQLite)",
    state: {
      dialect: "sqlite",
      mode: "migrations",
      migrations: `${branchBase}
-- migration: 0002_rename_email
-- Merged late from a parallel branch: 0003 ran first and indexed the old name.
ALTER TABLE users RENAME COLUMN email TO email_address;

-- migration: 0003_email_index
CREATE INDEX users_email ON users (email);
`,
      applied: "0001_init 0003_email_index",
      policy: "commutative",
    },
  },
];
