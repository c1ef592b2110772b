-- One run per market and night, the lottery committed before the night, each office's part
-- of a run, and the posts a night left out (issue 14, ADRs 0030 and 0031).
--
-- Runs written before this migration are offices' runs: they keep their office and policy
-- and stay readable and exportable. A market's run names no office and no single policy;
-- each office's policy and summary are in match_run_offices.

-- 1. Runs belong to a market; a market run has no office of its own.
ALTER TABLE match_runs ADD COLUMN market_id bigint REFERENCES markets (id),
                       ADD COLUMN seed_commitment text CHECK (seed_commitment ~ '^[0-9a-f]{64}$'),
                       ADD COLUMN seed_secret text CHECK (seed_secret ~ '^[0-9a-f]{64}$');
UPDATE match_runs r SET market_id = o.market_id FROM offices o WHERE o.id = r.office_id;
ALTER TABLE match_runs ALTER COLUMN market_id SET NOT NULL,
                       ALTER COLUMN office_id DROP NOT NULL,
                       ALTER COLUMN policy_id DROP NOT NULL;
ALTER TABLE match_runs
    ADD CONSTRAINT match_runs_office_or_market CHECK ((office_id IS NULL) = (policy_id IS NULL)),
    -- A market's night always has a published lottery; a revealed secret is the one that
    -- was committed to, and the run's seed is its first 8 bytes.
    ADD CONSTRAINT match_runs_market_lottery CHECK (office_id IS NOT NULL OR seed_commitment IS NOT NULL),
    ADD CONSTRAINT match_runs_secret_matches CHECK (
        seed_secret IS NULL
        OR (encode(sha256(decode(seed_secret, 'hex')), 'hex') = seed_commitment
            AND seed = ('x' || left(seed_secret, 16))::bit(64)::bigint));
-- One committed run per market and night (an office's runs keep their own index).
CREATE UNIQUE INDEX match_runs_one_per_market_night_idx ON match_runs (market_id, run_date)
    WHERE status = 'committed' AND office_id IS NULL;
GRANT UPDATE (seed_secret) ON match_runs TO talentmatch_app;

-- 2. The lottery. When a night starts, rankings freeze and a secret is drawn from a
-- cryptographic source; its SHA-256, the commitment, is committed (published) on its own,
-- before any result exists. The secret is revealed with the results. Until then it is kept in
-- a table the API's role cannot read (row-level security with no policy for it).
CREATE TABLE market_freezes (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    market_id    bigint NOT NULL REFERENCES markets (id),
    night        date NOT NULL,
    commitment   text NOT NULL CHECK (commitment ~ '^[0-9a-f]{64}$'),
    frozen_at    timestamptz NOT NULL DEFAULT now(),
    released_at  timestamptz,
    -- Revealed at release: the secret committed to.
    secret       text CHECK (secret ~ '^[0-9a-f]{64}$'),
    -- The run that revealed it (none when a night ended without one, e.g. it was refused).
    run_id       bigint REFERENCES match_runs (id),
    CHECK ((released_at IS NULL) = (secret IS NULL)),
    CHECK (secret IS NULL OR encode(sha256(decode(secret, 'hex')), 'hex') = commitment)
);
-- At most one freeze of a market is open at a time.
CREATE UNIQUE INDEX market_freezes_one_open_idx ON market_freezes (market_id) WHERE released_at IS NULL;
CREATE INDEX market_freezes_market_idx ON market_freezes (market_id, id DESC);

CREATE TABLE market_freeze_secrets (
    freeze_id  bigint PRIMARY KEY REFERENCES market_freezes (id),
    secret     text NOT NULL CHECK (secret ~ '^[0-9a-f]{64}$')
);
ALTER TABLE market_freeze_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE market_freeze_secrets FORCE ROW LEVEL SECURITY;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY market_freeze_secrets_trusted ON market_freeze_secrets TO talentmatch_batch, %I USING (true) WITH CHECK (true)',
                   current_user);
END;
$$;

-- A commitment never changes, and a freeze is released once.
CREATE FUNCTION guard_market_freeze() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.commitment <> OLD.commitment OR NEW.market_id <> OLD.market_id OR NEW.night <> OLD.night
       OR NEW.frozen_at <> OLD.frozen_at OR OLD.released_at IS NOT NULL THEN
        RAISE EXCEPTION 'freeze %: a published commitment never changes, and a freeze is released once', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER market_freezes_guard BEFORE UPDATE ON market_freezes FOR EACH ROW EXECUTE FUNCTION guard_market_freeze();
CREATE TRIGGER market_freezes_no_delete BEFORE DELETE ON market_freezes
    FOR EACH ROW EXECUTE FUNCTION reject_change('a published lottery commitment is never deleted');

-- (Default privileges let the application role SELECT the secrets table; with no policy
-- for it, it reads no row. talentmatch_batch, the nightly job's role, reads them.)
GRANT INSERT ON market_freezes, market_freeze_secrets TO talentmatch_app;
GRANT UPDATE (released_at, secret, run_id) ON market_freezes TO talentmatch_app;

-- Rankings cannot change while their market is frozen: neither a new version for a candidate
-- whose current ranking names a post there, nor entries naming such a post. Both checks run
-- once per statement, so loading a million rankings pays one lookup of the open freezes.
CREATE FUNCTION frozen_markets() RETURNS bigint[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(market_id), '{}') FROM market_freezes WHERE released_at IS NULL
$$;

CREATE FUNCTION check_ranking_version_not_frozen() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    frozen bigint[] := frozen_markets();
BEGIN
    IF cardinality(frozen) > 0 AND EXISTS (
        SELECT 1 FROM added a
        CROSS JOIN LATERAL (SELECT r.choices FROM rankings r WHERE r.candidate_id = a.candidate_id AND r.version < a.version
                            ORDER BY r.version DESC LIMIT 1) k
        WHERE vacancy_markets(k.choices) && frozen) THEN
        RAISE EXCEPTION 'rankings are frozen while tonight''s match of their market runs'
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'try again when the night''s results are out';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER rankings_not_frozen AFTER INSERT ON rankings
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_ranking_version_not_frozen();

CREATE FUNCTION check_ranking_entries_not_frozen() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    frozen bigint[] := frozen_markets();
BEGIN
    IF cardinality(frozen) > 0 AND vacancy_markets((SELECT array_agg(vacancy_id) FROM changed)) && frozen THEN
        RAISE EXCEPTION 'rankings are frozen while tonight''s match of their market runs'
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'try again when the night''s results are out';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ranking_entries_not_frozen AFTER INSERT ON ranking_entries
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION check_ranking_entries_not_frozen();

-- 3. Each office's part of a market's run: the policy version its posts were scored by (none
-- when it had no policy, and its posts were left out) and its own summary.
CREATE TABLE match_run_offices (
    run_id     bigint NOT NULL REFERENCES match_runs (id),
    office_id  bigint NOT NULL REFERENCES offices (id),
    policy_id  bigint REFERENCES policies (id),
    summary    jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, office_id)
);
CREATE INDEX match_run_offices_office_idx ON match_run_offices (office_id, run_id DESC);

-- 4. Posts a night left out, each with its reason: the rest of the market runs.
CREATE TABLE match_run_exclusions (
    run_id      bigint NOT NULL REFERENCES match_runs (id),
    -- The run's night, kept here: a centre sees its posts' exclusions but not the market's runs.
    run_date    date NOT NULL,
    vacancy_id  bigint NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    reason      text NOT NULL CHECK (reason ~ '^[a-z][a-z-]{1,39}$'),
    detail      text NOT NULL,
    PRIMARY KEY (run_id, vacancy_id, reason)
);
CREATE INDEX match_run_exclusions_vacancy_idx ON match_run_exclusions (vacancy_id, run_id DESC);
GRANT INSERT ON match_run_offices, match_run_exclusions TO talentmatch_app;

-- Row-level security (ADR 0016): an office sees its market's runs and its own part of them
-- (and the parts of offices below it); a post's exclusions follow the post, so its centre and
-- its offices see them.
CREATE FUNCTION talentmatch_scope_market() RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT o.market_id FROM offices o WHERE o.id = talentmatch_scope_office()
$$;

DO $$
DECLARE
    scoped text;
BEGIN
    FOREACH scoped IN ARRAY ARRAY['match_run_offices', 'match_run_exclusions'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', scoped);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', scoped);
        EXECUTE format('CREATE POLICY %I ON %I TO talentmatch_batch, %I USING (true) WITH CHECK (true)',
                       scoped || '_trusted', scoped, current_user);
    END LOOP;
END;
$$;

CREATE POLICY match_run_offices_scope ON match_run_offices
    USING (office_id = ANY ((SELECT talentmatch_scope_offices())::bigint[]));
CREATE POLICY match_run_exclusions_scope ON match_run_exclusions
    USING (EXISTS (SELECT 1 FROM vacancies v WHERE v.id = match_run_exclusions.vacancy_id));

DROP POLICY match_runs_scope ON match_runs;
CREATE POLICY match_runs_scope ON match_runs
    USING (office_id = ANY ((SELECT talentmatch_scope_offices())::bigint[])
           OR (office_id IS NULL AND market_id = (SELECT talentmatch_scope_market())))
    WITH CHECK (office_id = (SELECT talentmatch_scope_office()));
