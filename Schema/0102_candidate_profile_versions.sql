-- A candidate's profile, versioned as rankings are (issue 16, ADR 0050): a row per change, not
-- per night. A night's page then reads the version in force when that night started (one
-- indexed read) and the night itself writes nothing more.
--
-- A version holds what the engine scores and checks: the candidate's fields and their ordered
-- specialties. The sensitive-data consent is not copied: `candidate_consents` keeps its own
-- history (granted_at, withdrawn_at), so whether it was live at a night is read from there.
--
-- Written only by the triggers below, so no writer can forget it (the gateway's profile page,
-- registration, consent withdrawal, erasure, the seeders, a staff member's SQL). The trigger
-- functions run as their owner (SECURITY DEFINER); the application roles may only read, and
-- only the trusted ones see rows (what a candidate studied has no scoped policy, 0013).
--
-- A version is keyed by the transaction's time (now()): a save that updates the candidate and
-- replaces their specialties in one transaction is one version, whichever statement comes
-- first. No row-level foreign key (ADR 0021): the rows come from the candidates row itself,
-- and a million-row seed must not pay a per-row check; a deleted candidate takes its
-- versions with it (statement trigger below).
CREATE TABLE candidate_profile_versions (
    candidate_id        bigint NOT NULL,
    valid_from          timestamptz NOT NULL,
    education           text NOT NULL,
    title               text NOT NULL,
    experience_years    smallint NOT NULL,
    hukou_region_code   text,
    hukou_type          text,
    current_region_code text,
    accepted_modes      text[] NOT NULL,
    programmes          text[] NOT NULL,
    hardship_willing    boolean NOT NULL,
    specialties         text[] NOT NULL DEFAULT '{}',
    -- Withdrawing the sensitive-data consent erases household registration from every
    -- version too (PIPL Art. 28); a night explained from such a version says so.
    household_erased    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (candidate_id, valid_from)
);
ALTER TABLE candidate_profile_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE candidate_profile_versions FORCE ROW LEVEL SECURITY;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY candidate_profile_versions_trusted ON candidate_profile_versions TO talentmatch_batch, %I '
                   'USING (true) WITH CHECK (true)', current_user);
END;
$$;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON candidate_profile_versions FROM talentmatch_app;

-- Records the current profile of `ids` (active candidates only) as this transaction's version:
-- a second change in the same transaction updates that version instead of adding one, and a
-- version equal to the one already recorded now is left alone (no dead row).
CREATE FUNCTION record_profile_versions(ids bigint[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO candidate_profile_versions AS v (candidate_id, valid_from, education, title, experience_years, hukou_region_code,
                                                 hukou_type, current_region_code, accepted_modes, programmes, hardship_willing,
                                                 specialties)
    SELECT c.id, now(), c.education, c.title, c.experience_years, c.hukou_region_code, c.hukou_type, c.current_region_code,
           c.accepted_modes, c.programmes, c.hardship_willing, coalesce(s.codes, '{}')
    FROM unnest(ids) AS t(id) JOIN candidates c ON c.id = t.id AND c.status = 'active'
    LEFT JOIN LATERAL (SELECT array_agg(p.specialty_code ORDER BY p.position) AS codes FROM candidate_specialties p
                       WHERE p.candidate_id = c.id) s ON true
    ON CONFLICT (candidate_id, valid_from) DO UPDATE SET
        education = EXCLUDED.education, title = EXCLUDED.title, experience_years = EXCLUDED.experience_years,
        hukou_region_code = EXCLUDED.hukou_region_code, hukou_type = EXCLUDED.hukou_type,
        current_region_code = EXCLUDED.current_region_code, accepted_modes = EXCLUDED.accepted_modes,
        programmes = EXCLUDED.programmes, hardship_willing = EXCLUDED.hardship_willing, specialties = EXCLUDED.specialties
    WHERE (v.education, v.title, v.experience_years, v.hukou_region_code, v.hukou_type, v.current_region_code, v.accepted_modes,
           v.programmes, v.hardship_willing, v.specialties)
          IS DISTINCT FROM
          (EXCLUDED.education, EXCLUDED.title, EXCLUDED.experience_years, EXCLUDED.hukou_region_code, EXCLUDED.hukou_type,
           EXCLUDED.current_region_code, EXCLUDED.accepted_modes, EXCLUDED.programmes, EXCLUDED.hardship_willing,
           EXCLUDED.specialties);
$$;
-- Only the triggers below (running as the owner) call it.
REVOKE EXECUTE ON FUNCTION record_profile_versions(bigint[]) FROM PUBLIC;

-- New candidates: one set-wise statement per INSERT statement (a seed of a million candidates
-- pays one INSERT … SELECT per batch, not a trigger call per row). A new candidate has no
-- specialties yet (their foreign key needs the candidate first); the statement that adds them
-- completes this version (below).
CREATE FUNCTION record_inserted_profile_versions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO candidate_profile_versions (candidate_id, valid_from, education, title, experience_years, hukou_region_code,
                                            hukou_type, current_region_code, accepted_modes, programmes, hardship_willing)
    SELECT id, now(), education, title, experience_years, hukou_region_code, hukou_type, current_region_code, accepted_modes,
           programmes, hardship_willing
    FROM added WHERE status = 'active'
    ON CONFLICT (candidate_id, valid_from) DO NOTHING;
    RETURN NULL;
END;
$$;
CREATE TRIGGER candidates_profile_versions_inserted AFTER INSERT ON candidates
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION record_inserted_profile_versions();

-- A change of a profile field: a new version. Leaving 'active' is the account's deletion
-- (erasure, PIPL Art. 47): every earlier version goes with the details it held.
CREATE FUNCTION record_updated_profile_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.status <> 'active' THEN
        DELETE FROM candidate_profile_versions WHERE candidate_id = NEW.id;
    ELSE
        PERFORM record_profile_versions(ARRAY[NEW.id]);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER candidates_profile_versions_updated
    AFTER UPDATE OF education, title, experience_years, hukou_region_code, hukou_type, current_region_code, accepted_modes,
                    programmes, hardship_willing, status ON candidates
    FOR EACH ROW
    WHEN ((OLD.education, OLD.title, OLD.experience_years, OLD.hukou_region_code, OLD.hukou_type, OLD.current_region_code,
           OLD.accepted_modes, OLD.programmes, OLD.hardship_willing, OLD.status)
          IS DISTINCT FROM
          (NEW.education, NEW.title, NEW.experience_years, NEW.hukou_region_code, NEW.hukou_type, NEW.current_region_code,
           NEW.accepted_modes, NEW.programmes, NEW.hardship_willing, NEW.status))
    EXECUTE FUNCTION record_updated_profile_version();

CREATE FUNCTION forget_deleted_profile_versions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM candidate_profile_versions v USING gone WHERE v.candidate_id = gone.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER candidates_profile_versions_deleted AFTER DELETE ON candidates
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION forget_deleted_profile_versions();

-- Specialties: once per statement, for the candidates it touched.
CREATE FUNCTION record_specialty_profile_versions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM record_profile_versions(ARRAY(SELECT DISTINCT candidate_id FROM gone));
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM record_profile_versions(ARRAY(SELECT DISTINCT candidate_id FROM added));
    ELSE
        PERFORM record_profile_versions(ARRAY(SELECT candidate_id FROM added UNION SELECT candidate_id FROM gone));
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER candidate_specialties_profile_versions_inserted AFTER INSERT ON candidate_specialties
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION record_specialty_profile_versions();
CREATE TRIGGER candidate_specialties_profile_versions_deleted AFTER DELETE ON candidate_specialties
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION record_specialty_profile_versions();
CREATE TRIGGER candidate_specialties_profile_versions_updated AFTER UPDATE ON candidate_specialties
    REFERENCING OLD TABLE AS gone NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION record_specialty_profile_versions();

-- Withdrawing the consent to sensitive data: household registration is no longer kept,
-- in any version either.
CREATE FUNCTION erase_household_from_profile_versions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE candidate_profile_versions SET hukou_region_code = NULL, hukou_type = NULL, household_erased = true
    WHERE candidate_id = NEW.candidate_id AND (hukou_region_code IS NOT NULL OR hukou_type IS NOT NULL);
    RETURN NULL;
END;
$$;
CREATE TRIGGER candidate_consents_erase_household_versions AFTER UPDATE OF withdrawn_at ON candidate_consents
    FOR EACH ROW WHEN (NEW.purpose = 'sensitive_data' AND OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL)
    EXECUTE FUNCTION erase_household_from_profile_versions();

-- Existing candidates: their profile as it is, in force since it last changed (every writer
-- of a profile field sets updated_at). A night before that is explained from this version
-- and says that it is not that night's.
INSERT INTO candidate_profile_versions (candidate_id, valid_from, education, title, experience_years, hukou_region_code,
                                        hukou_type, current_region_code, accepted_modes, programmes, hardship_willing, specialties)
SELECT c.id, c.updated_at, c.education, c.title, c.experience_years, c.hukou_region_code, c.hukou_type, c.current_region_code,
       c.accepted_modes, c.programmes, c.hardship_willing,
       coalesce((SELECT array_agg(p.specialty_code ORDER BY p.position) FROM candidate_specialties p WHERE p.candidate_id = c.id), '{}')
FROM candidates c WHERE c.status = 'active';
