-- A couple's partner is told when the database moves their offer with the other's
-- (issue 17; ADR 0049, docs/offers.md).
--
-- 0112 and 0113 move a partner's open offer when the other's is declined, expires or is
-- withdrawn, and restore it when the other's is reinstated, but wrote no message: a partner
-- whose offer was declined by the other's decline or account deletion was never told, nor
-- was one whose post lies outside the regions of the office that withdrew the other's offer
-- (its row-level scope cannot read them, so no store could write their message). Here the
-- triggers that move the partner's offer write the partner's message in the same statement,
-- whoever made the change, as the schema's owner (they are SECURITY DEFINER):
--   * declined with the other's (a decline, an account deleted): `offer_released_with_partner`;
--   * expired with the other's: `offer_expired`;
--   * withdrawn with the other's: `offer_withdrawn`;
--   * restored with the other's: `offer_reinstated`.
-- A trigger writes only for an offer it moved itself: an offer the caller's own statement
-- moved (both of a pair in one UPDATE, as `OfferMoves.withdraw`, a rerun and the expiry timer
-- do) is the caller's to tell, as before. The kinds are the ones a store writes for the same
-- move, so a store that also tells the partner adds nothing: the outbox's unique key (event,
-- recipient, channel) absorbs the second row, and each partner is told exactly once.

ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_check;
ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_check CHECK (kind IN (
    'offer_released', 'offer_deadline', 'offer_withdrawn', 'offer_reinstated', 'offer_expired',
    'offer_released_with_partner',
    'review_decided', 'couple_invitation', 'night_result',
    'contact_verification', 'password_reset', 'registration_notice', 'password_changed',
    'contact_changed'));

-- An office sees the messages about its offers: the new kind is about an offer too.
DROP POLICY outbox_messages_scope ON outbox_messages;
CREATE POLICY outbox_messages_scope ON outbox_messages FOR SELECT USING (
    (SELECT talentmatch_scope_office()) IS NOT NULL AND CASE
        WHEN kind IN ('offer_released', 'offer_deadline', 'offer_withdrawn', 'offer_reinstated', 'offer_expired',
                      'offer_released_with_partner')
            THEN EXISTS (SELECT 1 FROM offers o WHERE o.id = outbox_messages.subject_id)
        WHEN kind = 'review_decided' THEN EXISTS (SELECT 1 FROM review_requests r WHERE r.id = outbox_messages.subject_id)
        WHEN kind = 'night_result' THEN EXISTS (SELECT 1 FROM match_runs r WHERE r.id = outbox_messages.subject_id)
        ELSE false END);

-- The message a partner gets when the database moved their offer to `state` with the other's.
CREATE FUNCTION couple_partner_message(state text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE state
        WHEN 'declined' THEN 'offer_released_with_partner'
        WHEN 'expired' THEN 'offer_expired'
        WHEN 'withdrawn' THEN 'offer_withdrawn'
        WHEN 'pending' THEN 'offer_reinstated'
    END
$$;

-- Tells the candidate of `offer`, just moved with its partner's by the triggers below, on each
-- of their channels (as `OutboxWrites.tellAboutOffers` does): the kind follows the offer's new
-- state. Called only by those triggers, as the schema's owner; no application role may call it.
CREATE FUNCTION tell_couple_partner(offer bigint) RETURNS void
LANGUAGE sql SET search_path = public AS $$
    INSERT INTO outbox_messages (kind, subject_id, candidate_id, channel)
    SELECT couple_partner_message(o.state), o.id, o.candidate_id, ch
    FROM offers o JOIN candidates c ON c.id = o.candidate_id, unnest(c.message_channels) ch
    WHERE o.id = offer AND NOT (couple_partner_message(o.state) = ANY (c.muted_messages))
    ON CONFLICT DO NOTHING
$$;
REVOKE ALL ON FUNCTION tell_couple_partner(bigint) FROM PUBLIC;

-- One leaves the open states: the partner's open offer follows (declined when its partner
-- declined, else the same end and the same withdrawal cause), no acceptance is left waiting,
-- and the partner is told.
CREATE OR REPLACE FUNCTION release_couple_partner() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    moved bigint;
BEGIN
    DELETE FROM couple_offer_answers WHERE offer_id IN
        (SELECT offer_id FROM couple_offers WHERE offer_id = NEW.id OR partner_offer_id = NEW.id);
    UPDATE offers SET state = NEW.state, withdrawal_cause = NEW.withdrawal_cause, updated_at = now()
    WHERE state IN ('pending', 'under_review')
      AND id = (SELECT partner_offer_id FROM couple_offers WHERE offer_id = NEW.id)
    RETURNING id INTO moved;
    IF moved IS NOT NULL THEN
        PERFORM tell_couple_partner(moved);
    END IF;
    RETURN NULL;
END;
$$;

-- One restored by a review decided `reinstated` (or its priority honoured): the partner's
-- declined or expired offer comes back with the same deadline, and the partner is told.
CREATE OR REPLACE FUNCTION restore_couple_partner() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    moved bigint;
BEGIN
    UPDATE offers SET state = 'pending', deadline = NEW.deadline, updated_at = now()
    WHERE state IN ('declined', 'expired')
      AND id = (SELECT partner_offer_id FROM couple_offers WHERE offer_id = NEW.id)
    RETURNING id INTO moved;
    IF moved IS NOT NULL THEN
        PERFORM tell_couple_partner(moved);
    END IF;
    RETURN NULL;
END;
$$;
