-- Human review of automated decisions (PIPL Art. 24): a candidate may ask a person to look
-- again at an offer the nightly match made. An office decides, with a reason, and the request
-- keeps who decided and when. One open request per offer; a decided request never changes.

CREATE TABLE review_requests (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    offer_id         bigint NOT NULL REFERENCES offers (id),
    candidate_id     bigint NOT NULL REFERENCES candidates (id),
    reason           text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
    filed_at         timestamptz NOT NULL DEFAULT now(),
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
    decision         text CHECK (decision IN ('upheld', 'changed')),
    decision_reason  text CHECK (decision_reason IS NULL OR length(btrim(decision_reason)) BETWEEN 4 AND 2000),
    -- A staff member's name or a token's label: whoever the API authenticated.
    decided_by       text CHECK (decided_by IS NULL OR length(btrim(decided_by)) > 0),
    decided_at       timestamptz,
    -- A decision is all four facts or none: what, why, who and when.
    CHECK ((status = 'decided') = (decision IS NOT NULL)),
    CHECK ((decision IS NULL) = (decision_reason IS NULL)),
    CHECK ((decision IS NULL) = (decided_by IS NULL)),
    CHECK ((decision IS NULL) = (decided_at IS NULL)),
    CHECK (decided_at IS NULL OR decided_at >= filed_at)
);
-- One open request per offer: a second one waits until the first is decided.
CREATE UNIQUE INDEX review_requests_one_open_idx ON review_requests (offer_id) WHERE status = 'open';
CREATE INDEX review_requests_offer_idx ON review_requests (offer_id);

-- The request is the candidate's own: the offer it names must have been made to them. The
-- offers table has no (id, candidate_id) key to reference, and adding one would cost every
-- night's write of hundreds of thousands of offers, so a trigger checks it instead.
CREATE FUNCTION guard_review_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'open' THEN
            RAISE EXCEPTION 'a review request starts open' USING ERRCODE = 'check_violation';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM offers WHERE id = NEW.offer_id AND candidate_id = NEW.candidate_id) THEN
            RAISE EXCEPTION 'offer % was not made to candidate %', NEW.offer_id, NEW.candidate_id
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    ELSE
        IF OLD.status = 'decided' THEN
            RAISE EXCEPTION 'review request % is already decided', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.offer_id <> OLD.offer_id OR NEW.candidate_id <> OLD.candidate_id OR NEW.reason <> OLD.reason
           OR NEW.filed_at <> OLD.filed_at THEN
            RAISE EXCEPTION 'what a candidate filed never changes' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER review_requests_guard BEFORE INSERT OR UPDATE ON review_requests
    FOR EACH ROW EXECUTE FUNCTION guard_review_request();
CREATE TRIGGER review_requests_no_delete BEFORE DELETE ON review_requests
    FOR EACH ROW EXECUTE FUNCTION reject_change('review requests are never deleted');

GRANT SELECT, INSERT ON review_requests TO talentmatch_app;
GRANT UPDATE (status, decision, decision_reason, decided_by, decided_at) ON review_requests TO talentmatch_app;

-- A centre lists its own posts by id (keyset paging); without this index every page would
-- walk the primary key past every other centre's posts.
CREATE INDEX vacancies_centre_id_idx ON vacancies (centre_id, id);

-- Row-level security (0013, ADR 0016): a request follows its offer, which follows its post,
-- and only offices (and trusted work: talentmatch_batch and the owner) see them: review is an
-- office's task, not a centre's.
ALTER TABLE review_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE review_requests FORCE ROW LEVEL SECURITY;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY review_requests_trusted ON review_requests TO talentmatch_batch, %I USING (true) WITH CHECK (true)',
                   current_user);
END;
$$;
CREATE POLICY review_requests_scope ON review_requests
    USING ((SELECT talentmatch_scope_office()) IS NOT NULL
           AND EXISTS (SELECT 1 FROM offers o WHERE o.id = review_requests.offer_id));
