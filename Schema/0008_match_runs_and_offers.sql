-- The nightly match: one committed run per office and date, its assignments, and the offers
-- candidates answer. The rules that protect people (seats, one accepted offer each, legal
-- state changes) live here, so that no bug in the application can break them.

CREATE TABLE match_runs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office_id       bigint NOT NULL REFERENCES offices (id),
    run_date        date NOT NULL,
    status          text NOT NULL CHECK (status IN ('committed', 'failed', 'superseded')),
    seed            bigint NOT NULL,
    policy_id       bigint NOT NULL REFERENCES policies (id),
    snapshot_hash   text NOT NULL CHECK (snapshot_hash ~ '^[0-9a-f]{64}$'),
    solver          text NOT NULL,
    solver_version  text NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL DEFAULT now(),
    phase_seconds   jsonb NOT NULL DEFAULT '{}',
    verification    jsonb NOT NULL DEFAULT '{}',
    counts          jsonb NOT NULL DEFAULT '{}',
    summary         jsonb NOT NULL DEFAULT '{}',
    failure         text,
    -- Deferred: a rerun marks the old run superseded by the new run's id before inserting it.
    superseded_by   bigint REFERENCES match_runs (id) DEFERRABLE INITIALLY DEFERRED,
    CHECK ((status = 'failed') = (failure IS NOT NULL)),
    CHECK ((status = 'superseded') = (superseded_by IS NOT NULL))
);
-- One committed run per office and night; a rerun must supersede the earlier one explicitly.
CREATE UNIQUE INDEX match_runs_one_per_night_idx ON match_runs (office_id, run_date) WHERE status = 'committed';

-- The run's exact input, as the engine saw it, for export and audit (talentmatch.instance/1).
CREATE TABLE match_run_snapshots (
    run_id   bigint PRIMARY KEY REFERENCES match_runs (id),
    instance bytea NOT NULL
);

CREATE TABLE match_assignments (
    run_id        bigint NOT NULL REFERENCES match_runs (id),
    candidate_id  bigint NOT NULL REFERENCES candidates (id),
    vacancy_id    bigint NOT NULL REFERENCES vacancies (id),
    choice_rank   smallint NOT NULL CHECK (choice_rank >= 1),
    score         numeric(9, 4),
    PRIMARY KEY (run_id, candidate_id)
);
CREATE INDEX match_assignments_vacancy_idx ON match_assignments (vacancy_id);

CREATE TABLE offers (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id        bigint NOT NULL,
    candidate_id  bigint NOT NULL REFERENCES candidates (id),
    vacancy_id    bigint NOT NULL REFERENCES vacancies (id),
    state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
    deadline      timestamptz NOT NULL,
    explanation   jsonb NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- One offer per assignment.
    UNIQUE (run_id, candidate_id),
    FOREIGN KEY (run_id, candidate_id) REFERENCES match_assignments (run_id, candidate_id)
);
-- A candidate never holds two accepted offers, nor two open ones.
CREATE UNIQUE INDEX offers_one_accepted_idx ON offers (candidate_id) WHERE state = 'accepted';
CREATE UNIQUE INDEX offers_one_pending_idx ON offers (candidate_id) WHERE state = 'pending';
CREATE INDEX offers_vacancy_state_idx ON offers (vacancy_id, state);
CREATE INDEX offers_pending_deadline_idx ON offers (deadline) WHERE state = 'pending';

-- Every state change, with who, when and why. Written by the trigger below, so that even a
-- change made outside the application is recorded.
CREATE TABLE offer_transitions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    offer_id    bigint NOT NULL REFERENCES offers (id),
    from_state  text,
    to_state    text NOT NULL,
    actor       text NOT NULL,
    reason      text NOT NULL DEFAULT '',
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offer_transitions_offer_idx ON offer_transitions (offer_id);

-- pending -> accepted | declined | expired | withdrawn; nothing leaves a final state, and a
-- post never has more accepted offers than seats. The vacancy row is written (not just
-- locked) before counting: under READ COMMITTED a second acceptance waits and then counts
-- the first; under REPEATABLE READ it fails with a serialization error instead of passing.
CREATE FUNCTION guard_offer_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    seat_count integer;
    accepted   integer;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.state <> 'pending' THEN
            RAISE EXCEPTION 'a new offer starts pending, not %', NEW.state USING ERRCODE = 'check_violation';
        END IF;
    ELSIF NEW.state IS DISTINCT FROM OLD.state THEN
        IF OLD.state <> 'pending' THEN
            RAISE EXCEPTION 'offer % is already %, it cannot become %', OLD.id, OLD.state, NEW.state
                USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.state = 'accepted' THEN
            UPDATE vacancies SET updated_at = updated_at WHERE id = NEW.vacancy_id RETURNING seats INTO seat_count;
            SELECT count(*) INTO accepted FROM offers WHERE vacancy_id = NEW.vacancy_id AND state = 'accepted';
            IF accepted >= seat_count THEN
                RAISE EXCEPTION 'vacancy % has no seat left: % accepted of % seats', NEW.vacancy_id, accepted, seat_count
                    USING ERRCODE = 'check_violation';
            END IF;
        END IF;
        NEW.updated_at := now();
    ELSIF NEW.vacancy_id <> OLD.vacancy_id OR NEW.candidate_id <> OLD.candidate_id OR NEW.run_id <> OLD.run_id THEN
        RAISE EXCEPTION 'an offer''s candidate, vacancy and run never change' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE FUNCTION record_offer_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state THEN
        INSERT INTO offer_transitions (offer_id, from_state, to_state, actor, reason)
        VALUES (NEW.id, CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.state END, NEW.state,
                coalesce(nullif(current_setting('talentmatch.actor', true), ''), 'database:' || session_user),
                coalesce(current_setting('talentmatch.reason', true), ''));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER offers_guard BEFORE INSERT OR UPDATE ON offers FOR EACH ROW EXECUTE FUNCTION guard_offer_state();
CREATE TRIGGER offers_record AFTER INSERT OR UPDATE ON offers FOR EACH ROW EXECUTE FUNCTION record_offer_transition();
CREATE TRIGGER offers_no_delete BEFORE DELETE ON offers
    FOR EACH ROW EXECUTE FUNCTION reject_change('offers are never deleted; withdraw them instead');
