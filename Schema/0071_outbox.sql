-- The transactional outbox (issue 18; ADR 0042, 0043): a message is a row written in the
-- same transaction as the event that causes it, so it exists if and only if its event
-- committed. The delivery worker claims due rows (FOR UPDATE SKIP LOCKED), sends them by
-- e-mail or SMS, and records every attempt.
--
-- A message is one event told to one recipient on one channel. `subject_id` is the event's
-- own row, by kind: the offer (offer_*), the review request (review_decided), the run
-- (night_result), the couple invitation (couple_invitation), the one-time code
-- (contact_verification, password_reset) or the audit entry (registration_notice,
-- password_changed, contact_changed). The unique key makes every enqueue idempotent: a
-- retried night, a reminder scan run twice or a store retried after a lost reply add
-- nothing the second time.
--
-- A night writes 300,000 of these beside its offers, so the row is narrow and carries no
-- text: what a message says is read when it is sent (in the recipient's language then), and
-- the address too, unless the event fixed it (a code goes to the contact it verifies).
-- No foreign keys: each would be a row-level check and lock per message (ADR 0021); the
-- subjects are never deleted, and a recipient who deleted their account has no address, so
-- the worker cancels what it cannot send.

CREATE TABLE outbox_messages (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              text NOT NULL CHECK (kind IN (
                          'offer_released', 'offer_deadline', 'offer_withdrawn', 'offer_reinstated', 'offer_expired',
                          'review_decided', 'couple_invitation', 'night_result',
                          'contact_verification', 'password_reset', 'registration_notice', 'password_changed',
                          'contact_changed')),
    subject_id        bigint NOT NULL,
    candidate_id      bigint,
    staff_account_id  bigint,
    channel           text NOT NULL CHECK (channel IN ('email', 'sms')),
    -- Fixed by the event (a code's contact); NULL: the recipient's verified address for the channel.
    address           text CHECK (address IS NULL OR length(address) BETWEEN 3 AND 254),
    -- Facts the event knows and the subject does not (a code, an inviter's name); emptied
    -- once the message is final, so that no code outlives its delivery.
    payload           jsonb NOT NULL DEFAULT '{}',
    state             text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'cancelled')),
    attempts          smallint NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    created_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    last_error        text,
    CHECK ((candidate_id IS NULL) <> (staff_account_id IS NULL)),
    CHECK ((kind = 'night_result') = (staff_account_id IS NOT NULL)),
    CHECK ((state = 'pending') = (finished_at IS NULL))
);
CREATE UNIQUE INDEX outbox_messages_event_key ON outbox_messages (kind, subject_id, channel, candidate_id, staff_account_id)
    NULLS NOT DISTINCT;
-- What the worker claims next; a sent message leaves the index.
CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at, id) WHERE state = 'pending';
-- What staff are shown: the messages given up on, newest first.
CREATE INDEX outbox_messages_failed_idx ON outbox_messages (finished_at DESC, id DESC) WHERE state = 'failed';

-- Every attempt, whatever its outcome, with what the relay or the provider said.
CREATE TABLE outbox_attempts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id  bigint NOT NULL REFERENCES outbox_messages (id),
    attempt     smallint NOT NULL CHECK (attempt >= 1),
    at          timestamptz NOT NULL DEFAULT now(),
    outcome     text NOT NULL CHECK (outcome IN ('sent', 'retry', 'failed', 'cancelled')),
    detail      text NOT NULL DEFAULT '' CHECK (length(detail) <= 2000),
    UNIQUE (message_id, attempt)
);

-- How far the reminder scan has looked ahead: deadlines up to `covered_until` have had
-- their reminder written (OutboxScheduler), so a scan reads only the new stretch.
CREATE TABLE outbox_schedules (
    name           text PRIMARY KEY CHECK (name IN ('offer_deadline')),
    covered_until  timestamptz NOT NULL
);
INSERT INTO outbox_schedules (name, covered_until) VALUES ('offer_deadline', now());

-- A message's life: pending until sent, given up (failed) or cancelled; only staff send a
-- failed one back to pending. Nothing recorded as sent is ever pending again.
CREATE FUNCTION guard_outbox_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state IS DISTINCT FROM OLD.state
       AND NOT (OLD.state = 'pending' OR (OLD.state = 'failed' AND NEW.state = 'pending')) THEN
        RAISE EXCEPTION 'message % is %, it cannot become %', OLD.id, OLD.state, NEW.state USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.kind <> OLD.kind OR NEW.subject_id <> OLD.subject_id OR NEW.channel <> OLD.channel
       OR NEW.candidate_id IS DISTINCT FROM OLD.candidate_id OR NEW.staff_account_id IS DISTINCT FROM OLD.staff_account_id THEN
        RAISE EXCEPTION 'a message''s event, recipient and channel never change' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER outbox_messages_guard BEFORE UPDATE ON outbox_messages FOR EACH ROW EXECUTE FUNCTION guard_outbox_state();
CREATE TRIGGER outbox_messages_no_delete BEFORE DELETE ON outbox_messages
    FOR EACH ROW EXECUTE FUNCTION reject_change('messages are never deleted; cancel them instead');
CREATE TRIGGER outbox_attempts_append_only BEFORE UPDATE OR DELETE ON outbox_attempts
    FOR EACH ROW EXECUTE FUNCTION reject_change('attempts are a record: never changed or deleted');

GRANT SELECT, INSERT ON outbox_messages, outbox_attempts TO talentmatch_app;
GRANT UPDATE (state, attempts, next_attempt_at, finished_at, last_error, payload) ON outbox_messages TO talentmatch_app;
GRANT SELECT, UPDATE (covered_until) ON outbox_schedules TO talentmatch_app;

-- Row-level security (ADR 0016): trusted work sees everything; any application session may
-- add a message (a store writes it with its event, whoever the caller); an office sees the
-- messages about its offers, its review requests and its runs, never account messages.
DO $$
DECLARE
    told text;
BEGIN
    FOREACH told IN ARRAY ARRAY['outbox_messages', 'outbox_attempts'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', told);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', told);
        EXECUTE format('CREATE POLICY %I ON %I TO talentmatch_batch, %I USING (true) WITH CHECK (true)',
                       told || '_trusted', told, current_user);
    END LOOP;
END;
$$;
CREATE POLICY outbox_messages_add ON outbox_messages FOR INSERT TO talentmatch_app WITH CHECK (true);
CREATE POLICY outbox_messages_scope ON outbox_messages FOR SELECT USING (
    (SELECT talentmatch_scope_office()) IS NOT NULL AND CASE
        WHEN kind IN ('offer_released', 'offer_deadline', 'offer_withdrawn', 'offer_reinstated', 'offer_expired')
            THEN EXISTS (SELECT 1 FROM offers o WHERE o.id = outbox_messages.subject_id)
        WHEN kind = 'review_decided' THEN EXISTS (SELECT 1 FROM review_requests r WHERE r.id = outbox_messages.subject_id)
        WHEN kind = 'night_result' THEN EXISTS (SELECT 1 FROM match_runs r WHERE r.id = outbox_messages.subject_id)
        ELSE false END);
CREATE POLICY outbox_attempts_scope ON outbox_attempts FOR SELECT USING (
    EXISTS (SELECT 1 FROM outbox_messages m WHERE m.id = outbox_attempts.message_id));
