-- A couple's linked offers through review (issue 17 with issue 16; ADR 0049, docs/offers.md).
-- 0112 released a partner only when an offer left `pending`, so a linked offer withdrawn,
-- declined or expired from `under_review` left its partner's offer holding a seat it could
-- never accept; and a reinstated linked offer came back alone, its partner still declined.
-- Here the database keeps the couple's two offers together in both directions:
--   * an offer that leaves the open states (pending, under review) for declined, expired or
--     withdrawn takes its partner's open offer with it (a withdrawal keeps its cause);
--   * a linked offer restored by a review decided `reinstated` brings its partner's declined
--     or expired offer back with it, with the same deadline (the couple answers together);
--   * at commit, an open linked offer needs its partner's offer open too, and an accepted one
--     its partner's accepted (now also from `under_review`), so neither partner can hold an
--     offer the couple can no longer accept, nor accept alone.
-- The offer transition trigger (0011) is untouched: every change here goes through it.

CREATE OR REPLACE FUNCTION guard_offer_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    seat_count  integer;
    accepted    integer;
    legal       boolean;
    partner     bigint;
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
    SELECT partner_offer_id INTO partner FROM couple_offers WHERE offer_id = OLD.id;
    legal := CASE OLD.state
        WHEN 'pending' THEN NEW.state IN ('accepted', 'declined', 'expired', 'withdrawn', 'under_review')
        -- New in 0113: a linked offer under review expires with its partner's (the couple's
        -- acceptance can no longer happen, so its seat is not held for nothing).
        WHEN 'under_review' THEN NEW.state IN ('pending', 'withdrawn', 'accepted', 'declined')
                                 OR (NEW.state = 'expired' AND EXISTS (SELECT 1 FROM offers p WHERE p.id = partner AND p.state = 'expired'))
        WHEN 'declined' THEN NEW.state = 'pending'
        WHEN 'expired' THEN NEW.state = 'pending'
        ELSE false
    END;
    IF NOT legal THEN
        RAISE EXCEPTION 'offer % is already %, it cannot become %', OLD.id, OLD.state, NEW.state
            USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.state IN ('declined', 'expired') THEN
        -- Only a review decided `reinstated` brings an offer back, once per such decision; a
        -- couple's linked offer also by a decision on its partner's (0113: they come back together).
        IF (SELECT count(*) FROM review_requests WHERE offer_id IN (OLD.id, partner) AND decision = 'reinstated')
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

-- One leaves the open states: the partner's open offer follows (declined when its partner
-- declined, else the same end and the same withdrawal cause), and no acceptance is left waiting.
CREATE OR REPLACE FUNCTION release_couple_partner() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    DELETE FROM couple_offer_answers WHERE offer_id IN
        (SELECT offer_id FROM couple_offers WHERE offer_id = NEW.id OR partner_offer_id = NEW.id);
    UPDATE offers SET state = NEW.state, withdrawal_cause = NEW.withdrawal_cause, updated_at = now()
    WHERE state IN ('pending', 'under_review')
      AND id = (SELECT partner_offer_id FROM couple_offers WHERE offer_id = NEW.id);
    RETURN NULL;
END;
$$;
DROP TRIGGER offers_couple_released ON offers;
CREATE TRIGGER offers_couple_released AFTER UPDATE OF state ON offers
    FOR EACH ROW WHEN (OLD.state IN ('pending', 'under_review') AND NEW.state IN ('declined', 'expired', 'withdrawn'))
    EXECUTE FUNCTION release_couple_partner();

-- One restored by a review decided `reinstated` (or its priority honoured): the partner's
-- declined or expired offer comes back with the same deadline. The guard lets it, by the
-- decision on the pair; a partner that cannot come back fails the check at commit below.
CREATE FUNCTION restore_couple_partner() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    UPDATE offers SET state = 'pending', deadline = NEW.deadline, updated_at = now()
    WHERE state IN ('declined', 'expired')
      AND id = (SELECT partner_offer_id FROM couple_offers WHERE offer_id = NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER offers_couple_restored AFTER UPDATE OF state ON offers
    FOR EACH ROW WHEN (OLD.state IN ('declined', 'expired') AND NEW.state = 'pending')
    EXECUTE FUNCTION restore_couple_partner();

-- At commit: an open linked offer needs its partner's open (the couple can still accept
-- together), an accepted one its partner's accepted. Reads the rows as they are at commit.
CREATE OR REPLACE FUNCTION check_couple_offer_accepted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    own      text;
    partner  text;
BEGIN
    SELECT o.state, p.state INTO own, partner
    FROM offers o JOIN couple_offers l ON l.offer_id = o.id JOIN offers p ON p.id = l.partner_offer_id
    WHERE o.id = NEW.id;
    IF own = 'accepted' AND partner <> 'accepted' THEN
        RAISE EXCEPTION 'offer % is linked to its couple''s other offer: both are accepted together', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    IF own IN ('pending', 'under_review') AND partner NOT IN ('pending', 'under_review') THEN
        RAISE EXCEPTION 'offer % is linked to its couple''s other offer, which is %: both are open together or neither is', NEW.id, partner
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;
DROP TRIGGER offers_couple_accepted_together ON offers;
CREATE CONSTRAINT TRIGGER offers_couple_accepted_together AFTER UPDATE OF state ON offers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.state IN ('accepted', 'pending', 'under_review'))
    EXECUTE FUNCTION check_couple_offer_accepted();

-- What a reinstatement of linked offer `offer` would find, whatever the caller's scope (the
-- partner's post may lie in another office's regions): its partner's offer, candidate and
-- state; whether both seats are free now (each post open with seats beyond its accepted and
-- open offers, counting both of the pair's offers when they are for the same post, and
-- neither partner holding an accepted or open offer); and whether the pair's priority lapsed
-- (a post closed, or a partner accepted another offer). No row: the offer is not linked.
CREATE FUNCTION couple_reinstatement(offer bigint)
RETURNS TABLE (partner_offer_id bigint, partner_candidate_id bigint, partner_state text, pair_free boolean, pair_lapsed boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    WITH pair AS (
        SELECT o.id, o.candidate_id, o.vacancy_id FROM offers o
        WHERE o.id = offer OR o.id = (SELECT l.partner_offer_id FROM couple_offers l WHERE l.offer_id = offer)
    )
    SELECT p.id, p.candidate_id, p.state,
           NOT EXISTS (
               SELECT 1 FROM (SELECT vacancy_id, count(*) AS wanted FROM pair GROUP BY vacancy_id) w
               JOIN vacancies v ON v.id = w.vacancy_id
               WHERE v.status <> 'open'
                  OR v.seats - (SELECT count(*) FROM offers h WHERE h.vacancy_id = v.id
                                                             AND h.state IN ('accepted', 'pending', 'under_review')) < w.wanted)
           AND NOT EXISTS (SELECT 1 FROM offers m JOIN pair ON pair.candidate_id = m.candidate_id
                           WHERE m.state IN ('accepted', 'pending', 'under_review')),
           EXISTS (SELECT 1 FROM pair JOIN vacancies v ON v.id = pair.vacancy_id WHERE v.status <> 'open')
           OR EXISTS (SELECT 1 FROM offers a JOIN pair ON pair.candidate_id = a.candidate_id WHERE a.state = 'accepted')
    FROM couple_offers l JOIN offers p ON p.id = l.partner_offer_id
    WHERE l.offer_id = offer
$$;
