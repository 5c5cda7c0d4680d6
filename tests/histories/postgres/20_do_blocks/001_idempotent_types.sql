-- Idempotent DDL as migration tools write it: the check runs against the schema so far
-- (conditions on other catalog columns, such as the namespace, narrow the same name).
DO $$ BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typname = 'do_priority' AND n.nspname = current_schema
    ) THEN
        CREATE TYPE do_priority AS ENUM ('low', 'high');
    END IF;
END $$;

CREATE TABLE do_tasks (id integer PRIMARY KEY, level do_priority NOT NULL DEFAULT 'low');

-- Run again: the type exists, nothing happens.
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'do_priority' AND typnamespace = current_schema::regnamespace) THEN
        CREATE TYPE do_priority AS ENUM ('low', 'medium', 'high');
    END IF;
END $$;

DO $body$
BEGIN
    CREATE TYPE do_visibility AS ENUM ('private', 'public');
EXCEPTION
    WHEN duplicate_object THEN null;
END
$body$ LANGUAGE plpgsql;

DO $$ BEGIN
    CREATE TYPE do_visibility AS ENUM ('hidden');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

ALTER TABLE do_tasks ADD COLUMN seen do_visibility;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_schema = current_schema AND table_name = 'do_tasks' AND column_name = 'title'
    ) THEN
        ALTER TABLE do_tasks ADD COLUMN title text;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'do_tasks_title_key' AND connamespace = current_schema::regnamespace) THEN
        ALTER TABLE do_tasks ADD CONSTRAINT do_tasks_title_key UNIQUE (title);
    END IF;
END
$$;
