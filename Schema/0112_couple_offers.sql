-- Linked offers of a couple (issue 17, ADR 0041): the night links the two offers a couple's
-- pair gave its partners; a partner's acceptance waits for the other's; both are accepted in
-- one statement or not at all; and when one is declined, expires or is withdrawn, the other,
-- still pending, follows in the same transaction, so both seats are free at once.
--
-- The offer transition trigger (0008, 0011) is untouched: these triggers sit beside it, and
-- every change they make goes through it (recorded with the same actor and reason).

CREATE TABLE couple_offers (
    offer_id          bigint PRIMARY KEY REFERENCES offers (id),
    partner_offer_id  bigint NOT NULL UNIQUE REFERENCES offers (id),
    couple_id         bigint NOT NULL REFERENCES couples (id),
    CHECK (offer_id <> partner_offer_id)
);

-- A partner who accepted, waiting for the other before the deadline.
CREATE TABLE couple_offer_answers (
    offer_id     bigint PRIMARY KEY REFERENCES couple_offers (offer_id),
    accepted_at  timestamptz NOT NULL DEFAULT now()
);

-- Links the offers a run gave both partners of a confirmed couple (called in the run's commit).
CREATE FUNCTION link_couple_offers(run bigint) RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
    WITH linked AS (
        INSERT INTO couple_offers (offer_id, partner_offer_id, couple_id)
        SELECT a.id, b.id, m.couple_id
        FROM offers a JOIN couple_members m ON m.candidate_id = a.candidate_id
        JOIN couple_members n ON n.couple_id = m.couple_id AND n.candidate_id <> m.candidate_id
        JOIN offers b ON b.candidate_id = n.candidate_id AND b.run_id = run
        WHERE a.run_id = run
        RETURNING 1
    )
    SELECT count(*)::integer FROM linked
$$;

-- An accepted linked offer needs its partner's accepted too, checked at commit, so the two
-- are accepted in one transaction or neither is (an accept of one alone is refused).
CREATE FUNCTION check_couple_offer_accepted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM couple_offers l JOIN offers p ON p.id = l.partner_offer_id
               WHERE l.offer_id = NEW.id AND p.state <> 'accepted') THEN
        RAISE EXCEPTION 'offer % is linked to its couple''s other offer: both are accepted together', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER offers_couple_accepted_together AFTER UPDATE OF state ON offers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.state = 'accepted' AND OLD.state = 'pending')
    EXECUTE FUNCTION check_couple_offer_accepted();

-- One declined, expired or withdrawn: the partner's pending offer follows (declined when its
-- partner declined, else the same end), and no acceptance is left waiting.
CREATE FUNCTION release_couple_partner() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    DELETE FROM couple_offer_answers WHERE offer_id IN
        (SELECT offer_id FROM couple_offers WHERE offer_id = NEW.id OR partner_offer_id = NEW.id);
    UPDATE offers SET state = NEW.state, updated_at = now()
    WHERE state = 'pending' AND id = (SELECT partner_offer_id FROM couple_offers WHERE offer_id = NEW.id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER offers_couple_released AFTER UPDATE OF state ON offers
    FOR EACH ROW WHEN (OLD.state = 'pending' AND NEW.state IN ('declined', 'expired', 'withdrawn'))
    EXECUTE FUNCTION release_couple_partner();

GRANT INSERT, DELETE ON couple_offer_answers TO talentmatch_app;
