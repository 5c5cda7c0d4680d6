-- Procedural code the model cannot follow: an unsupported-statement note, never an error.
DO $$
DECLARE
    n integer;
BEGIN
    SELECT count(*) INTO n FROM do_tasks;
    RAISE NOTICE 'do_tasks: %', n;
END
$$;

DO LANGUAGE plpgsql $x$ BEGIN PERFORM 1; END $x$;

CREATE INDEX do_tasks_level ON do_tasks (level);
