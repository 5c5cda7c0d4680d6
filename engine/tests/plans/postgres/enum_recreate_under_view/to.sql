CREATE TYPE status AS ENUM ('new', 'closed', 'open');
CREATE TABLE tickets (id integer PRIMARY KEY, s status NOT NULL DEFAULT 'new');
CREATE VIEW open_tickets AS SELECT id, s FROM tickets WHERE s = 'open';
