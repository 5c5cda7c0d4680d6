ALTER TYPE order_status RENAME VALUE 'failed' TO 'declined';
CREATE TYPE currency AS ENUM ('eur', 'usd');
