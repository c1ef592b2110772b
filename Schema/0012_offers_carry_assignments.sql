-- The nightly write path at national scale (issue 4; ADR 0021).
--
-- A night writes ~300,000 offers in one transaction. Measured at 1M candidates, the cost was
-- in PostgreSQL's per-row work, not in the data: each offer also wrote an assignment row, a
-- "created" transition row, and ran five row-level foreign-key checks, each of which locks
-- (and so dirties and WAL-logs) a candidate or vacancy row. This migration keeps every rule
-- and moves it to where it costs one pass per statement instead of one query per row:
--
-- 1. An offer carries its assignment (choice rank, score): they were always one-to-one.
--    `match_assignments` stays as a read-only view for readers of the old name.
-- 2. The links from offers to candidates and vacancies are checked by the insert statement's
--    own trigger with one anti-join over the inserted rows, and the referenced rows can never
--    be deleted while an offer names them (the half of a foreign key that protects later).
-- 3. An offer's creation (who, why, when) is recorded once per run, on the run, instead of
--    once per offer; `offer_history` shows creation and every later transition together.
-- 4. The stored snapshot is kept in parts of a few megabytes, compressed with lz4: one value
--    of 600 MB cost three copies of itself in the writer's memory and would hit PostgreSQL's
--    1 GB limit on a single value as the market grows.

-- 1. Offers carry their assignment.
ALTER TABLE offers ADD COLUMN choice_rank smallint, ADD COLUMN score numeric(9, 4);
UPDATE offers o SET choice_rank = a.choice_rank, score = a.score
FROM match_assignments a WHERE a.run_id = o.run_id AND a.candidate_id = o.candidate_id;
ALTER TABLE offers ALTER COLUMN choice_rank SET NOT NULL,
    ADD CONSTRAINT offers_choice_rank_check CHECK (choice_rank >= 1);
ALTER TABLE offers DROP CONSTRAINT offers_run_id_candidate_id_fkey;
DROP TABLE match_assignments;
ALTER TABLE offers ADD CONSTRAINT offers_run_id_fkey FOREIGN KEY (run_id) REFERENCES match_runs (id);

-- Candidate first: "my offers" and the delete guard below look offers up by candidate.
ALTER TABLE offers DROP CONSTRAINT offers_run_id_candidate_id_key;
ALTER TABLE offers ADD CONSTRAINT offers_candidate_run_key UNIQUE (candidate_id, run_id);
-- Offers arrive in run order, so a block-range index finds a run's offers for almost nothing.
CREATE INDEX offers_run_brin ON offers USING brin (run_id);

-- security_invoker: the reader's own row-level security applies through the view (0013).
CREATE VIEW match_assignments WITH (security_invoker = true) AS
    SELECT run_id, candidate_id, vacancy_id, choice_rank, score FROM offers;
GRANT SELECT ON match_assignments TO talentmatch_app;

-- 2. The links to candidates and vacancies, checked per statement.
ALTER TABLE offers DROP CONSTRAINT offers_candidate_id_fkey, DROP CONSTRAINT offers_vacancy_id_fkey;

CREATE FUNCTION reject_delete_while_offered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM offers WHERE CASE TG_ARGV[0] WHEN 'candidate' THEN candidate_id ELSE vacancy_id END = OLD.id) THEN
        RAISE EXCEPTION '% % has offers and is never deleted; close it instead', TG_ARGV[0], OLD.id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER candidates_keep_offered BEFORE DELETE ON candidates
    FOR EACH ROW EXECUTE FUNCTION reject_delete_while_offered('candidate');
CREATE TRIGGER vacancies_keep_offered BEFORE DELETE ON vacancies
    FOR EACH ROW EXECUTE FUNCTION reject_delete_while_offered('vacancy');
-- The guards find offers by offers_candidate_run_key and offers_vacancy_state_idx.

-- 3. Creation is recorded on the run.
ALTER TABLE match_runs ADD COLUMN committed_by text NOT NULL DEFAULT '',
                       ADD COLUMN commit_reason text NOT NULL DEFAULT '';
UPDATE match_runs r SET committed_by = t.actor, commit_reason = t.reason
FROM (SELECT DISTINCT ON (o.run_id) o.run_id, t.actor, t.reason
      FROM offer_transitions t JOIN offers o ON o.id = t.offer_id
      WHERE t.from_state IS NULL ORDER BY o.run_id, t.id) t
WHERE t.run_id = r.id;
DELETE FROM offer_transitions WHERE from_state IS NULL;
ALTER TABLE offer_transitions ALTER COLUMN from_state SET NOT NULL;

CREATE OR REPLACE FUNCTION record_offer_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing record;
BEGIN
    IF EXISTS (SELECT 1 FROM inserted WHERE state <> 'pending') THEN
        RAISE EXCEPTION 'a new offer starts pending' USING ERRCODE = 'check_violation';
    END IF;
    SELECT i.candidate_id, i.vacancy_id, c.id IS NULL AS no_candidate INTO missing
    FROM inserted i
    LEFT JOIN candidates c ON c.id = i.candidate_id
    LEFT JOIN vacancies v ON v.id = i.vacancy_id
    WHERE c.id IS NULL OR v.id IS NULL
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'an offer names %',
            CASE WHEN missing.no_candidate THEN format('candidate %s, which does not exist', missing.candidate_id)
                 ELSE format('vacancy %s, which does not exist', missing.vacancy_id) END
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;

CREATE VIEW offer_history WITH (security_invoker = true) AS
    SELECT o.id AS offer_id, NULL::text AS from_state, 'pending'::text AS to_state,
           r.committed_by AS actor, r.commit_reason AS reason, o.created_at AS at
    FROM offers o JOIN match_runs r ON r.id = o.run_id
    UNION ALL
    SELECT offer_id, from_state, to_state, actor, reason, at FROM offer_transitions;
GRANT SELECT ON offer_history TO talentmatch_app;

-- 4. The snapshot, in parts, compressed. A run's snapshot is its parts in order, concatenated.
ALTER TABLE match_run_snapshots ADD COLUMN part integer NOT NULL DEFAULT 0 CHECK (part >= 0);
ALTER TABLE match_run_snapshots DROP CONSTRAINT match_run_snapshots_pkey;
ALTER TABLE match_run_snapshots ADD PRIMARY KEY (run_id, part);
ALTER TABLE match_run_snapshots ALTER COLUMN part DROP DEFAULT;
ALTER TABLE match_run_snapshots ALTER COLUMN instance SET STORAGE EXTENDED,
                                ALTER COLUMN instance SET COMPRESSION lz4;
