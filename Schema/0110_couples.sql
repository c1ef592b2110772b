-- Couples (issue 17, ADR 0040): two candidates who must be placed together. One invites the
-- other by their contact, the other confirms or refuses; either may dissolve the couple, and
-- it dissolves when either account is deleted or either withdraws the matching consent.
--
-- The rules live here, not only in the store: nobody is in two couples (a confirmed couple
-- puts both members in `couple_members`, whose key is the candidate), a couple is confirmed
-- only while both hold a live matching consent, and forming or dissolving one is refused
-- while a night of the couple's market runs, as a ranking change is (migration 0031).
--
-- The inviter is `first` in the joint ranking, the invitee `second`. An invitation keeps the
-- contact as typed and names the invitee only when that contact has an account: the inviter
-- is told the same either way, so an invitation cannot be used to find out who is registered.

CREATE TABLE couples (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inviter_id                bigint NOT NULL REFERENCES candidates (id),
    invitee_id                bigint REFERENCES candidates (id),
    invitee_contact           text NOT NULL CHECK (length(invitee_contact) BETWEEN 3 AND 254),
    status                    text NOT NULL DEFAULT 'invited'
                                  CHECK (status IN ('invited', 'confirmed', 'refused', 'cancelled', 'dissolved')),
    invited_at                timestamptz NOT NULL DEFAULT now(),
    confirmed_at              timestamptz,
    ended_at                  timestamptz,
    ended_by                  bigint REFERENCES candidates (id),
    end_reason                text CHECK (end_reason IN
                                  ('refused', 'cancelled', 'dissolved', 'account_deleted', 'consent_withdrawn', 'partner_coupled')),
    -- Each partner's own consent to "one of us unplaced" pairs that leave them unplaced.
    inviter_accepts_unplaced  boolean NOT NULL DEFAULT false,
    invitee_accepts_unplaced  boolean NOT NULL DEFAULT false,
    CHECK (invitee_id IS DISTINCT FROM inviter_id),
    CHECK ((status IN ('invited', 'confirmed')) = (ended_at IS NULL)),
    CHECK ((status IN ('invited', 'confirmed')) = (end_reason IS NULL)),
    CHECK (status <> 'confirmed' OR (invitee_id IS NOT NULL AND confirmed_at IS NOT NULL))
);
-- One open invitation per inviter.
CREATE UNIQUE INDEX couples_one_open_invitation_idx ON couples (inviter_id) WHERE status = 'invited';
CREATE INDEX couples_invitee_idx ON couples (invitee_id) WHERE status IN ('invited', 'confirmed');

-- Who is in a confirmed couple: the key makes "nobody in two couples" the database's rule.
CREATE TABLE couple_members (
    candidate_id  bigint PRIMARY KEY REFERENCES candidates (id),
    couple_id     bigint NOT NULL REFERENCES couples (id)
);
CREATE INDEX couple_members_couple_idx ON couple_members (couple_id);

-- A couple's joint ranking of pairs of posts, versioned like a single's ranking.
CREATE TABLE couple_rankings (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    couple_id     bigint NOT NULL REFERENCES couples (id),
    version       integer NOT NULL CHECK (version > 0),
    submitted_by  bigint NOT NULL REFERENCES candidates (id),
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (couple_id, version)
);
CREATE INDEX couple_rankings_newest_first ON couple_rankings (couple_id, version DESC);

-- At most 200 pairs (ADR 0040). NULL: that partner stays unplaced in this pair.
CREATE TABLE couple_ranking_entries (
    ranking_id         bigint NOT NULL REFERENCES couple_rankings (id) ON DELETE CASCADE,
    rank               smallint NOT NULL CHECK (rank BETWEEN 1 AND 200),
    first_vacancy_id   bigint REFERENCES vacancies (id),
    second_vacancy_id  bigint REFERENCES vacancies (id),
    PRIMARY KEY (ranking_id, rank),
    UNIQUE NULLS NOT DISTINCT (ranking_id, first_vacancy_id, second_vacancy_id),
    CHECK (first_vacancy_id IS NOT NULL OR second_vacancy_id IS NOT NULL)
);
CREATE TRIGGER couple_ranking_entries_immutable BEFORE UPDATE ON couple_ranking_entries
    FOR EACH ROW EXECUTE FUNCTION reject_change('a joint ranking version never changes; submit a new version instead');

-- The markets a couple's change touches: those of both members' current rankings and of the
-- couple's newest joint ranking; the only market when there is one and nothing is ranked.
CREATE FUNCTION couple_markets(first_member bigint, second_member bigint, couple bigint) RETURNS bigint[]
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN cardinality(m) = 0 AND sole_market() IS NOT NULL THEN ARRAY[sole_market()] ELSE m END
    FROM (SELECT vacancy_markets(
        coalesce((SELECT array_agg(x) FROM current_rankings k JOIN rankings r ON r.id = k.id, unnest(r.choices) x
                  WHERE k.candidate_id IN (first_member, second_member)), '{}')
        || coalesce((SELECT array_agg(x) FROM (SELECT id FROM couple_rankings WHERE couple_id = couple
                                                ORDER BY version DESC LIMIT 1) cr
                     JOIN couple_ranking_entries e ON e.ranking_id = cr.id,
                     unnest(ARRAY[e.first_vacancy_id, e.second_vacancy_id]) x WHERE x IS NOT NULL), '{}')) AS m) t
$$;

-- Status changes: the allowed moves, the freeze, the consents and the members' table.
CREATE FUNCTION guard_couple() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'invited' THEN
            RAISE EXCEPTION 'a couple starts as an invitation' USING ERRCODE = 'check_violation';
        END IF;
        IF EXISTS (SELECT 1 FROM couple_members WHERE candidate_id = NEW.inviter_id) THEN
            RAISE EXCEPTION 'candidate % is already in a couple', NEW.inviter_id USING ERRCODE = 'unique_violation';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.inviter_id <> OLD.inviter_id OR NEW.invitee_id IS DISTINCT FROM OLD.invitee_id
       OR NEW.invitee_contact <> OLD.invitee_contact OR NEW.invited_at <> OLD.invited_at THEN
        RAISE EXCEPTION 'couple %: its members never change', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status = OLD.status THEN
        RETURN NEW;
    END IF;
    IF NOT ((OLD.status = 'invited' AND NEW.status IN ('confirmed', 'refused', 'cancelled'))
            OR (OLD.status = 'confirmed' AND NEW.status = 'dissolved')) THEN
        RAISE EXCEPTION 'couple %: % cannot become %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
    END IF;
    -- Deleting an account or withdrawing consent always works, even during a night.
    IF NEW.status IN ('confirmed', 'dissolved') AND NEW.end_reason IS DISTINCT FROM 'account_deleted'
       AND NEW.end_reason IS DISTINCT FROM 'consent_withdrawn'
       AND couple_markets(NEW.inviter_id, NEW.invitee_id, NEW.id) && frozen_markets() THEN
        RAISE EXCEPTION 'couples are frozen while tonight''s match of their market runs'
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'try again when the night''s results are out';
    END IF;
    IF NEW.status = 'confirmed' THEN
        IF (SELECT count(*) FROM candidate_consents WHERE candidate_id IN (NEW.inviter_id, NEW.invitee_id)
                AND purpose = 'matching' AND withdrawn_at IS NULL) < 2 THEN
            RAISE EXCEPTION 'couple %: both partners must hold the matching consent', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        INSERT INTO couple_members (candidate_id, couple_id) VALUES (NEW.inviter_id, NEW.id), (NEW.invitee_id, NEW.id);
        -- Other open invitations of either partner lapse: they cannot be confirmed any more.
        UPDATE couples SET status = 'cancelled', ended_at = now(), end_reason = 'partner_coupled'
        WHERE status = 'invited' AND id <> NEW.id
          AND (inviter_id IN (NEW.inviter_id, NEW.invitee_id) OR invitee_id IN (NEW.inviter_id, NEW.invitee_id));
    ELSIF OLD.status = 'confirmed' THEN
        DELETE FROM couple_members WHERE couple_id = OLD.id;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER couples_guard BEFORE INSERT OR UPDATE ON couples FOR EACH ROW EXECUTE FUNCTION guard_couple();
CREATE TRIGGER couples_no_delete BEFORE DELETE ON couples
    FOR EACH ROW EXECUTE FUNCTION reject_change('a couple is ended, never deleted');

-- Ends every open couple or invitation of a candidate, for `reason`.
CREATE FUNCTION end_couples_of(candidate bigint, reason text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
    UPDATE couples SET status = CASE status WHEN 'invited' THEN 'cancelled' ELSE 'dissolved' END,
                       ended_at = now(), ended_by = candidate, end_reason = reason
    WHERE status IN ('invited', 'confirmed') AND (inviter_id = candidate OR invitee_id = candidate)
$$;

CREATE FUNCTION end_couples_of_deleted_account() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    PERFORM end_couples_of(OLD.candidate_id, 'account_deleted');
    RETURN NULL;
END;
$$;
CREATE TRIGGER candidate_accounts_end_couples AFTER DELETE ON candidate_accounts
    FOR EACH ROW EXECUTE FUNCTION end_couples_of_deleted_account();

CREATE FUNCTION end_couples_without_consent() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF NEW.purpose = 'matching' AND OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL THEN
        PERFORM end_couples_of(NEW.candidate_id, 'consent_withdrawn');
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER candidate_consents_end_couples AFTER UPDATE OF withdrawn_at ON candidate_consents
    FOR EACH ROW EXECUTE FUNCTION end_couples_without_consent();

-- A joint ranking's entries, per statement: the couple is confirmed, its posts are of one
-- market not frozen tonight, and a pair leaves a partner unplaced only if that partner
-- accepts it.
CREATE FUNCTION check_couple_ranking_entries() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    posts bigint[];
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT ranking_id FROM changed) a JOIN couple_rankings r ON r.id = a.ranking_id
               JOIN couples c ON c.id = r.couple_id WHERE c.status <> 'confirmed') THEN
        RAISE EXCEPTION 'a joint ranking belongs to a confirmed couple' USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM changed e JOIN couple_rankings r ON r.id = e.ranking_id JOIN couples c ON c.id = r.couple_id
               WHERE (e.first_vacancy_id IS NULL AND NOT c.inviter_accepts_unplaced)
                  OR (e.second_vacancy_id IS NULL AND NOT c.invitee_accepts_unplaced)) THEN
        RAISE EXCEPTION 'a pair leaves a partner unplaced who does not accept that' USING ERRCODE = 'check_violation';
    END IF;
    SELECT coalesce(array_agg(x), '{}') INTO posts
    FROM changed e, unnest(ARRAY[e.first_vacancy_id, e.second_vacancy_id]) x WHERE x IS NOT NULL;
    IF cardinality(vacancy_markets(posts)) > 1 THEN
        RAISE EXCEPTION 'a joint ranking names posts of one market only' USING ERRCODE = 'check_violation';
    END IF;
    IF vacancy_markets(posts) && frozen_markets() THEN
        RAISE EXCEPTION 'rankings are frozen while tonight''s match of their market runs'
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'try again when the night''s results are out';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER couple_ranking_entries_check AFTER INSERT ON couple_ranking_entries
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION check_couple_ranking_entries();

-- A new version (also an empty one) of a couple whose previous list names a frozen market.
CREATE FUNCTION check_couple_ranking_not_frozen() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF cardinality(frozen_markets()) > 0 AND EXISTS (
        SELECT 1 FROM added a JOIN couples c ON c.id = a.couple_id
        WHERE couple_markets(c.inviter_id, c.invitee_id, c.id) && frozen_markets()) THEN
        RAISE EXCEPTION 'rankings are frozen while tonight''s match of their market runs'
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'try again when the night''s results are out';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER couple_rankings_not_frozen AFTER INSERT ON couple_rankings
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_couple_ranking_not_frozen();

GRANT INSERT ON couples, couple_rankings, couple_ranking_entries TO talentmatch_app;
GRANT UPDATE (status, confirmed_at, ended_at, ended_by, end_reason, inviter_accepts_unplaced, invitee_accepts_unplaced)
    ON couples TO talentmatch_app;
