-- The parity report of a night (issue 15, ADR 0054): for each office's part of a committed
-- run, how many candidates who ranked its posts were placed on them, and the sum of the
-- choices they received, by household type (local, same province, other, none held) and by
-- the region of the posts. Counted once by the night from its own snapshot (the rankings and
-- profiles as they were that night), in the run's one transaction, because reading it back
-- from rankings and profile versions on every view is not cheap at national scale.
--
-- These are counts, not people: the console suppresses cells under five when it shows them.
-- No row-level foreign keys (ADR 0021): the rows come from the run's own snapshot in the
-- run's own transaction, and runs are never deleted.
CREATE TABLE match_run_parity (
    run_id      bigint NOT NULL,
    office_id   bigint NOT NULL,
    -- 'household': key is local | province | other | unknown; 'region': key is a region code.
    dimension   text NOT NULL CHECK (dimension IN ('household', 'region')),
    key         text NOT NULL CHECK (key ~ '^(local|province|other|unknown|[0-9]{2,12})$'),
    applicants  integer NOT NULL CHECK (applicants >= 0),
    placed      integer NOT NULL CHECK (placed >= 0 AND placed <= applicants),
    choice_sum  bigint NOT NULL CHECK (choice_sum >= placed),
    PRIMARY KEY (run_id, office_id, dimension, key)
);
GRANT INSERT ON match_run_parity TO talentmatch_app;
GRANT SELECT ON match_run_parity TO talentmatch_app;

-- Row-level security as for match_run_offices (0031): an office sees its own part and the
-- parts of the offices below it; the night's batch and the owner see everything.
ALTER TABLE match_run_parity ENABLE ROW LEVEL SECURITY;
ALTER TABLE match_run_parity FORCE ROW LEVEL SECURITY;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY match_run_parity_trusted ON match_run_parity TO talentmatch_batch, %I USING (true) WITH CHECK (true)',
                   current_user);
END;
$$;
CREATE POLICY match_run_parity_scope ON match_run_parity
    USING (office_id = ANY ((SELECT talentmatch_scope_offices())::bigint[]));
