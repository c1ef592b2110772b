-- What became of each office's offers of each run, counted as the offers are written and as
-- they move (issue 15, the console's runs; ADR 0052).
--
-- The console draws an office's nights side by side: seats, offers, acceptances, declines and
-- expiries. Seats and offers are in each office's part of the run (match_run_offices.summary),
-- but answers come days after the night, so counting them on every view would read every
-- offer of every night shown: a million rows a night at national scale. Instead one row per
-- run and office holds the counts, kept by two statement-level triggers on offers: the
-- night's inserts add to `offers` and to the state each offer starts in, and every change of
-- state moves one count to another. A count is of the run's offers in that state now (an
-- accepted offer later withdrawn counts as withdrawn), so the row always agrees with the
-- offers themselves. An offer belongs to the office of its post's centre.

CREATE TABLE match_run_office_outcomes (
    run_id        bigint NOT NULL REFERENCES match_runs (id),
    office_id     bigint NOT NULL REFERENCES offices (id),
    offers        integer NOT NULL DEFAULT 0 CHECK (offers >= 0),
    pending       integer NOT NULL DEFAULT 0 CHECK (pending >= 0),
    under_review  integer NOT NULL DEFAULT 0 CHECK (under_review >= 0),
    accepted      integer NOT NULL DEFAULT 0 CHECK (accepted >= 0),
    declined      integer NOT NULL DEFAULT 0 CHECK (declined >= 0),
    expired       integer NOT NULL DEFAULT 0 CHECK (expired >= 0),
    withdrawn     integer NOT NULL DEFAULT 0 CHECK (withdrawn >= 0),
    PRIMARY KEY (run_id, office_id)
);
CREATE INDEX match_run_office_outcomes_office_idx ON match_run_office_outcomes (office_id, run_id DESC);

-- A night's offers page by page in candidate order (the console's run page): until now offers
-- had only a BRIN index on run_id (0012), which reads the whole night's block range and sorts it
-- for each page of 50.
CREATE INDEX offers_run_candidate_idx ON offers (run_id, candidate_id);

-- Row-level security as for match_run_offices (0031): an office reads its own rows and those
-- of offices below it; the trusted roles read all. Nobody writes it but the triggers, which
-- run as the schema's owner.
ALTER TABLE match_run_office_outcomes ENABLE ROW LEVEL SECURITY;
ALTER TABLE match_run_office_outcomes FORCE ROW LEVEL SECURITY;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY match_run_office_outcomes_trusted ON match_run_office_outcomes TO talentmatch_batch, %I USING (true) WITH CHECK (true)',
                   current_user);
END;
$$;
CREATE POLICY match_run_office_outcomes_scope ON match_run_office_outcomes
    USING (office_id = ANY ((SELECT talentmatch_scope_offices())::bigint[]));

-- The night's offers: one aggregate per statement, however many rows it wrote.
CREATE FUNCTION count_new_offer_outcomes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    INSERT INTO match_run_office_outcomes AS t (run_id, office_id, offers, pending, under_review, accepted, declined, expired, withdrawn)
    SELECT a.run_id, c.office_id, count(*),
           count(*) FILTER (WHERE a.state = 'pending'), count(*) FILTER (WHERE a.state = 'under_review'),
           count(*) FILTER (WHERE a.state = 'accepted'), count(*) FILTER (WHERE a.state = 'declined'),
           count(*) FILTER (WHERE a.state = 'expired'), count(*) FILTER (WHERE a.state = 'withdrawn')
    FROM added a JOIN vacancies v ON v.id = a.vacancy_id JOIN centres c ON c.id = v.centre_id
    GROUP BY a.run_id, c.office_id
    ON CONFLICT (run_id, office_id) DO UPDATE SET
        offers = t.offers + EXCLUDED.offers, pending = t.pending + EXCLUDED.pending,
        under_review = t.under_review + EXCLUDED.under_review, accepted = t.accepted + EXCLUDED.accepted,
        declined = t.declined + EXCLUDED.declined, expired = t.expired + EXCLUDED.expired,
        withdrawn = t.withdrawn + EXCLUDED.withdrawn;
    RETURN NULL;
END;
$$;
-- Named to fire after offers_record_insert (0011, 0017; triggers fire in name order), which
-- refuses an offer of a run, candidate or post that does not exist with its own message.
CREATE TRIGGER offers_tally_insert AFTER INSERT ON offers
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_new_offer_outcomes();

-- A change of state moves one count to another (an offer's post, and so its office, never
-- changes). The row exists: the offer's insert made it.
CREATE FUNCTION count_moved_offer_outcomes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    WITH moved AS (
        SELECT n.run_id, c.office_id, o.state AS was_state, n.state AS new_state
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        JOIN vacancies v ON v.id = n.vacancy_id JOIN centres c ON c.id = v.centre_id
        WHERE o.state IS DISTINCT FROM n.state
    ), delta AS (
        SELECT run_id, office_id,
               count(*) FILTER (WHERE new_state = 'pending') - count(*) FILTER (WHERE was_state = 'pending') AS pending,
               count(*) FILTER (WHERE new_state = 'under_review') - count(*) FILTER (WHERE was_state = 'under_review') AS under_review,
               count(*) FILTER (WHERE new_state = 'accepted') - count(*) FILTER (WHERE was_state = 'accepted') AS accepted,
               count(*) FILTER (WHERE new_state = 'declined') - count(*) FILTER (WHERE was_state = 'declined') AS declined,
               count(*) FILTER (WHERE new_state = 'expired') - count(*) FILTER (WHERE was_state = 'expired') AS expired,
               count(*) FILTER (WHERE new_state = 'withdrawn') - count(*) FILTER (WHERE was_state = 'withdrawn') AS withdrawn
        FROM moved GROUP BY run_id, office_id
    )
    UPDATE match_run_office_outcomes t SET
        pending = t.pending + d.pending, under_review = t.under_review + d.under_review, accepted = t.accepted + d.accepted,
        declined = t.declined + d.declined, expired = t.expired + d.expired, withdrawn = t.withdrawn + d.withdrawn
    FROM delta d WHERE t.run_id = d.run_id AND t.office_id = d.office_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER offers_tally_update AFTER UPDATE ON offers
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_moved_offer_outcomes();

-- The nights before this migration, counted once from their offers.
INSERT INTO match_run_office_outcomes (run_id, office_id, offers, pending, under_review, accepted, declined, expired, withdrawn)
SELECT f.run_id, c.office_id, count(*),
       count(*) FILTER (WHERE f.state = 'pending'), count(*) FILTER (WHERE f.state = 'under_review'),
       count(*) FILTER (WHERE f.state = 'accepted'), count(*) FILTER (WHERE f.state = 'declined'),
       count(*) FILTER (WHERE f.state = 'expired'), count(*) FILTER (WHERE f.state = 'withdrawn')
FROM offers f JOIN vacancies v ON v.id = f.vacancy_id JOIN centres c ON c.id = v.centre_id
GROUP BY f.run_id, c.office_id;
