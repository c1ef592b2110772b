-- The offer's whole life (issue 16, docs/offers.md, ADR 0036). New: `under_review` (a review
-- request pauses the deadline; the trigger keeps the time that was left and gives it back to
-- the second), withdrawal with a cause, reinstatement of a declined or expired offer by a
-- review decision, and a priority for the next free seat of a post when a reinstated offer's
-- seat is taken. The guard below is the one list of legal moves; everything else is refused
-- for every client, the application's stores included.

ALTER TABLE offers DROP CONSTRAINT offers_state_check;
ALTER TABLE offers ADD CONSTRAINT offers_state_check
    CHECK (state IN ('pending', 'under_review', 'accepted', 'declined', 'expired', 'withdrawn'));

-- When the deadline stopped: set by the guard on entering `under_review`, cleared on leaving it.
ALTER TABLE offers ADD COLUMN paused_at timestamptz;
-- Why an offer was withdrawn (its words are the transition's reason): the post closed, its
-- seats dropped below the offers it held, the office withdrew it, a review decided so, or a
-- rerun replaced its night.
ALTER TABLE offers ADD COLUMN withdrawal_cause text
    CHECK (withdrawal_cause IN ('post_closed', 'seats_reduced', 'office', 'review', 'rerun'));

-- An offer under review still holds its seat and its candidate: one open offer per candidate.
DROP INDEX offers_one_pending_idx;
CREATE UNIQUE INDEX offers_one_open_idx ON offers (candidate_id) WHERE state IN ('pending', 'under_review');

ALTER TABLE review_requests DROP CONSTRAINT review_requests_decision_check;
ALTER TABLE review_requests ADD CONSTRAINT review_requests_decision_check
    CHECK (decision IN ('upheld', 'changed', 'reinstated', 'withdrawn'));

-- A reinstated offer whose seat was taken: the candidate comes first for the post's next free
-- seat. The night honours these before it reads its snapshot, oldest first (docs/offers.md).
CREATE TABLE seat_priorities (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    offer_id           bigint NOT NULL REFERENCES offers (id),
    review_request_id  bigint NOT NULL UNIQUE REFERENCES review_requests (id),
    granted_at         timestamptz NOT NULL DEFAULT now(),
    -- Honoured: the offer was restored; lapsed: the candidate accepted another post, or the
    -- post closed. Each at most once, never both.
    honoured_at        timestamptz,
    lapsed_at          timestamptz,
    CHECK (honoured_at IS NULL OR lapsed_at IS NULL)
);
CREATE UNIQUE INDEX seat_priorities_one_waiting_idx ON seat_priorities (offer_id)
    WHERE honoured_at IS NULL AND lapsed_at IS NULL;
GRANT INSERT, UPDATE (honoured_at, lapsed_at) ON seat_priorities TO talentmatch_app;
ALTER TABLE seat_priorities ENABLE ROW LEVEL SECURITY;
ALTER TABLE seat_priorities FORCE ROW LEVEL SECURITY;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY seat_priorities_trusted ON seat_priorities TO talentmatch_batch, %I USING (true) WITH CHECK (true)',
                   current_user);
END;
$$;
-- A priority follows its offer, which follows its post (0013).
CREATE POLICY seat_priorities_scope ON seat_priorities
    USING (EXISTS (SELECT 1 FROM offers o WHERE o.id = seat_priorities.offer_id));

-- The legal moves (docs/offers.md):
--   pending      -> accepted | declined | expired | withdrawn | under_review
--   under_review -> pending (the deadline resumes with the time that was left) | withdrawn
--                   | accepted | declined (the candidate may still answer while a review runs)
--   declined, expired -> pending, only for a review decided `reinstated` and not yet used
--   accepted, withdrawn: final.
-- A post never has more accepted offers than seats (as in 0008); a withdrawal names its cause.
CREATE OR REPLACE FUNCTION guard_offer_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    seat_count  integer;
    accepted    integer;
    legal       boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.state <> 'pending' THEN
            RAISE EXCEPTION 'a new offer starts pending, not %', NEW.state USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.vacancy_id <> OLD.vacancy_id OR NEW.candidate_id <> OLD.candidate_id OR NEW.run_id <> OLD.run_id THEN
        RAISE EXCEPTION 'an offer''s candidate, vacancy and run never change' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.state IS NOT DISTINCT FROM OLD.state THEN
        IF OLD.state = 'under_review' AND (NEW.deadline <> OLD.deadline OR NEW.paused_at IS DISTINCT FROM OLD.paused_at) THEN
            RAISE EXCEPTION 'offer % is under review: its deadline is paused', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    legal := CASE OLD.state
        WHEN 'pending' THEN NEW.state IN ('accepted', 'declined', 'expired', 'withdrawn', 'under_review')
        WHEN 'under_review' THEN NEW.state IN ('pending', 'withdrawn', 'accepted', 'declined')
        WHEN 'declined' THEN NEW.state = 'pending'
        WHEN 'expired' THEN NEW.state = 'pending'
        ELSE false
    END;
    IF NOT legal THEN
        RAISE EXCEPTION 'offer % is already %, it cannot become %', OLD.id, OLD.state, NEW.state
            USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.state IN ('declined', 'expired') THEN
        -- Only a review decided `reinstated` brings an offer back, once per such decision.
        IF (SELECT count(*) FROM review_requests WHERE offer_id = OLD.id AND decision = 'reinstated')
           <= (SELECT count(*) FROM offer_transitions WHERE offer_id = OLD.id AND from_state IN ('declined', 'expired')
                                                        AND to_state = 'pending') THEN
            RAISE EXCEPTION 'offer % is %: only a review decided reinstated restores it', OLD.id, OLD.state
                USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.deadline <= now() THEN
            RAISE EXCEPTION 'a reinstated offer needs a deadline after now' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF NEW.state = 'under_review' THEN
        IF OLD.deadline <= now() THEN
            RAISE EXCEPTION 'offer %''s deadline has passed; nothing is left to pause', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        NEW.paused_at := now();
        NEW.deadline := OLD.deadline;
    ELSIF OLD.state = 'under_review' THEN
        IF NEW.state = 'pending' THEN
            -- The time that was left when the review began, to the microsecond.
            NEW.deadline := now() + (OLD.deadline - OLD.paused_at);
        END IF;
        NEW.paused_at := NULL;
    END IF;
    IF NEW.state = 'withdrawn' AND NEW.withdrawal_cause IS NULL THEN
        RAISE EXCEPTION 'offer % cannot be withdrawn without a cause', OLD.id USING ERRCODE = 'check_violation';
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
    RETURN NEW;
END;
$$;
