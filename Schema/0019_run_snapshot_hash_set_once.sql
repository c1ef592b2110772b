-- A committed run's snapshot hash is written once, inside the transaction that creates it.
--
-- The nightly job inserts the run row before its offers (their statement-level check names
-- it, 0017) and explains and writes the offers while the snapshot is still being encoded on
-- another core (ADR 0024). The hash is known only when that encoding ends, so the row starts
-- with a placeholder of 64 zeros, which no other transaction can see, and the job sets the
-- real hash before it stores the snapshot and commits. Once set, a hash never changes: the
-- trigger refuses every other change, for every role.

GRANT UPDATE (snapshot_hash) ON match_runs TO talentmatch_app;

CREATE FUNCTION guard_run_snapshot_hash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.snapshot_hash <> repeat('0', 64) THEN
        RAISE EXCEPTION 'run %: its snapshot hash is set once and never changed', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER match_runs_snapshot_hash_once BEFORE UPDATE OF snapshot_hash ON match_runs
    FOR EACH ROW WHEN (OLD.snapshot_hash IS DISTINCT FROM NEW.snapshot_hash)
    EXECUTE FUNCTION guard_run_snapshot_hash();

-- And no run commits with the placeholder: checked once per run, at commit.
CREATE FUNCTION check_run_snapshot_hash_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM match_runs WHERE id = NEW.id AND snapshot_hash = repeat('0', 64)) THEN
        RAISE EXCEPTION 'run %: committed without its snapshot hash', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER match_runs_snapshot_hash_set AFTER INSERT ON match_runs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_run_snapshot_hash_set();
