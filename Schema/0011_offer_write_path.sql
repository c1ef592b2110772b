-- Offer transitions are recorded once per statement, not once per row: a night releases up
-- to hundreds of thousands of offers, and a row trigger that inserts a row of its own doubled
-- the cost of writing them. The rules are unchanged: offers start pending, states only move
-- forward, acceptances respect seats, every change is recorded with who and why.

DROP TRIGGER offers_record ON offers;
DROP TRIGGER offers_guard ON offers;
DROP FUNCTION record_offer_transition();

CREATE FUNCTION record_offer_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM inserted WHERE state <> 'pending') THEN
        RAISE EXCEPTION 'a new offer starts pending' USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO offer_transitions (offer_id, from_state, to_state, actor, reason)
    SELECT id, NULL, state,
           coalesce(nullif(current_setting('talentmatch.actor', true), ''), 'database:' || session_user),
           coalesce(current_setting('talentmatch.reason', true), '')
    FROM inserted;
    RETURN NULL;
END;
$$;

CREATE FUNCTION record_offer_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO offer_transitions (offer_id, from_state, to_state, actor, reason)
    SELECT n.id, o.state, n.state,
           coalesce(nullif(current_setting('talentmatch.actor', true), ''), 'database:' || session_user),
           coalesce(current_setting('talentmatch.reason', true), '')
    FROM updated_new n JOIN updated_old o ON o.id = n.id
    WHERE n.state IS DISTINCT FROM o.state;
    RETURN NULL;
END;
$$;

-- The per-row guard now runs on updates only (inserts are checked per statement above).
CREATE TRIGGER offers_guard BEFORE UPDATE ON offers FOR EACH ROW EXECUTE FUNCTION guard_offer_state();
CREATE TRIGGER offers_record_insert AFTER INSERT ON offers
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION record_offer_insert();
CREATE TRIGGER offers_record_update AFTER UPDATE ON offers
    REFERENCING OLD TABLE AS updated_old NEW TABLE AS updated_new FOR EACH STATEMENT EXECUTE FUNCTION record_offer_update();

-- A night's snapshot is hundreds of megabytes of JSON at national scale; compressing it
-- inline (pglz) cost more time than the rest of the write. Store it uncompressed, out of line.
ALTER TABLE match_run_snapshots ALTER COLUMN instance SET STORAGE EXTERNAL;
