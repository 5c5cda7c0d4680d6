ALTER TYPE order_status ADD VALUE 'refunded';
ALTER TYPE order_status ADD VALUE 'failed' BEFORE 'paid';
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'pending';
