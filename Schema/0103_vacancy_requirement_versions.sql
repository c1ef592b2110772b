-- A post's requirements, versioned as candidate profiles are (migration 0102, ADR 0050, 0051):
-- a row per change, not per night. A night's explanation then reads each ranked post as it was
-- when that night started (one indexed read per page) and the night itself writes nothing more.
--
-- A version holds what the engine's eligibility rules and scorer read from a post (the night's
-- VacancySnapshotReader): its region, minimum education, title and years of experience, the
-- introduction modes it accepts, its specialty requirements (code and accepted fit) and its
-- household-registration rules with their legal basis. Not versioned: the title, description,
-- seats and target (the night's own record holds what it offered, and the cutoffs), incentives
-- (never scored), the status, and the region's designations (their lists keep their own
-- editions; the hardship category is derived from the version's region as it is today).
--
-- Written only by the triggers below, so no writer can forget it (the office's console and
-- CSV import, the seeders, a staff member's SQL). The trigger functions run as their owner
-- (SECURITY DEFINER); the application roles may only read, and only the trusted ones see rows.
--
-- A version is keyed by the transaction's time (now()): a save that updates the post and
-- replaces its specialties and rules in one transaction is one version. No foreign key
-- (ADR 0021): a 100,000-post seed must not pay a per-row check; a deleted post takes its
-- versions with it (statement trigger below).
CREATE TABLE vacancy_requirement_versions (
    vacancy_id           bigint NOT NULL,
    valid_from           timestamptz NOT NULL,
    region_code          text NOT NULL,
    min_education        text NOT NULL,
    min_title            text NOT NULL,
    min_experience_years smallint NOT NULL,
    accepted_modes       text[] NOT NULL,
    -- [[specialty_code, accepted_fit], …] by code, as the night reads them.
    specialties          jsonb NOT NULL DEFAULT '[]',
    -- [{kind, region_code, legal_basis}, …] in rule order.
    household_rules      jsonb NOT NULL DEFAULT '[]',
    PRIMARY KEY (vacancy_id, valid_from)
);
ALTER TABLE vacancy_requirement_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE vacancy_requirement_versions FORCE ROW LEVEL SECURITY;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY vacancy_requirement_versions_trusted ON vacancy_requirement_versions TO talentmatch_batch, %I '
                   'USING (true) WITH CHECK (true)', current_user);
END;
$$;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON vacancy_requirement_versions FROM talentmatch_app;

-- Records the current requirements of posts `ids` as this transaction's version: a second
-- change in the same transaction updates that version instead of adding one, and a version
-- equal to the one already recorded now is left alone (no dead row).
CREATE FUNCTION record_post_versions(ids bigint[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    INSERT INTO vacancy_requirement_versions AS r (vacancy_id, valid_from, region_code, min_education, min_title,
                                                   min_experience_years, accepted_modes, specialties, household_rules)
    SELECT v.id, now(), v.region_code, v.min_education, v.min_title, v.min_experience_years, v.accepted_modes,
           coalesce((SELECT jsonb_agg(jsonb_build_array(s.specialty_code, s.accepted_fit) ORDER BY s.specialty_code)
                     FROM vacancy_specialties s WHERE s.vacancy_id = v.id), '[]'),
           coalesce((SELECT jsonb_agg(jsonb_build_object('kind', h.kind, 'region_code', h.region_code, 'legal_basis', h.legal_basis)
                                      ORDER BY h.id)
                     FROM vacancy_household_rules h WHERE h.vacancy_id = v.id), '[]')
    FROM unnest(ids) AS t(id) JOIN vacancies v ON v.id = t.id
    ON CONFLICT (vacancy_id, valid_from) DO UPDATE SET
        region_code = EXCLUDED.region_code, min_education = EXCLUDED.min_education, min_title = EXCLUDED.min_title,
        min_experience_years = EXCLUDED.min_experience_years, accepted_modes = EXCLUDED.accepted_modes,
        specialties = EXCLUDED.specialties, household_rules = EXCLUDED.household_rules
    WHERE (r.region_code, r.min_education, r.min_title, r.min_experience_years, r.accepted_modes, r.specialties, r.household_rules)
          IS DISTINCT FROM
          (EXCLUDED.region_code, EXCLUDED.min_education, EXCLUDED.min_title, EXCLUDED.min_experience_years, EXCLUDED.accepted_modes,
           EXCLUDED.specialties, EXCLUDED.household_rules);
$$;
-- Only the triggers below (running as the owner) call it.
REVOKE EXECUTE ON FUNCTION record_post_versions(bigint[]) FROM PUBLIC;

-- New posts: one set-wise statement per INSERT statement (a seed of 100,000 posts pays one
-- INSERT … SELECT per batch, not a trigger call per row). A new post has no specialties or
-- rules yet (their foreign keys need the post first); the statements adding them complete
-- this version in the same transaction (below).
CREATE FUNCTION record_inserted_post_versions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO vacancy_requirement_versions (vacancy_id, valid_from, region_code, min_education, min_title, min_experience_years,
                                              accepted_modes)
    SELECT id, now(), region_code, min_education, min_title, min_experience_years, accepted_modes FROM added
    ON CONFLICT (vacancy_id, valid_from) DO NOTHING;
    RETURN NULL;
END;
$$;
CREATE TRIGGER vacancies_requirement_versions_inserted AFTER INSERT ON vacancies
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION record_inserted_post_versions();

-- A change of a requirement: a new version. A change of title, seats, status or anything else
-- the engine does not check records nothing, and does not even call the trigger.
CREATE FUNCTION record_updated_post_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM record_post_versions(ARRAY[NEW.id]);
    RETURN NULL;
END;
$$;
CREATE TRIGGER vacancies_requirement_versions_updated
    AFTER UPDATE OF region_code, min_education, min_title, min_experience_years, accepted_modes ON vacancies
    FOR EACH ROW
    WHEN ((OLD.region_code, OLD.min_education, OLD.min_title, OLD.min_experience_years, OLD.accepted_modes)
          IS DISTINCT FROM
          (NEW.region_code, NEW.min_education, NEW.min_title, NEW.min_experience_years, NEW.accepted_modes))
    EXECUTE FUNCTION record_updated_post_version();

CREATE FUNCTION forget_deleted_post_versions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM vacancy_requirement_versions r USING gone WHERE r.vacancy_id = gone.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER vacancies_requirement_versions_deleted AFTER DELETE ON vacancies
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION forget_deleted_post_versions();

-- Specialty requirements and household rules: once per statement, for the posts it touched
-- (a post deleted with them is no longer there to record).
CREATE FUNCTION record_child_post_versions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM record_post_versions(ARRAY(SELECT DISTINCT vacancy_id FROM gone));
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM record_post_versions(ARRAY(SELECT DISTINCT vacancy_id FROM added));
    ELSE
        PERFORM record_post_versions(ARRAY(SELECT vacancy_id FROM added UNION SELECT vacancy_id FROM gone));
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER vacancy_specialties_post_versions_inserted AFTER INSERT ON vacancy_specialties
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION record_child_post_versions();
CREATE TRIGGER vacancy_specialties_post_versions_deleted AFTER DELETE ON vacancy_specialties
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION record_child_post_versions();
CREATE TRIGGER vacancy_specialties_post_versions_updated AFTER UPDATE ON vacancy_specialties
    REFERENCING OLD TABLE AS gone NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION record_child_post_versions();
CREATE TRIGGER vacancy_household_rules_post_versions_inserted AFTER INSERT ON vacancy_household_rules
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION record_child_post_versions();
CREATE TRIGGER vacancy_household_rules_post_versions_deleted AFTER DELETE ON vacancy_household_rules
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION record_child_post_versions();
CREATE TRIGGER vacancy_household_rules_post_versions_updated AFTER UPDATE ON vacancy_household_rules
    REFERENCING OLD TABLE AS gone NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION record_child_post_versions();

-- Existing posts: their requirements as they are, in force since the post last changed (every
-- writer of a post's fields sets updated_at). A night before that is explained from this
-- version and says that it is not that night's.
INSERT INTO vacancy_requirement_versions (vacancy_id, valid_from, region_code, min_education, min_title, min_experience_years,
                                          accepted_modes, specialties, household_rules)
SELECT v.id, v.updated_at, v.region_code, v.min_education, v.min_title, v.min_experience_years, v.accepted_modes,
       coalesce((SELECT jsonb_agg(jsonb_build_array(s.specialty_code, s.accepted_fit) ORDER BY s.specialty_code)
                 FROM vacancy_specialties s WHERE s.vacancy_id = v.id), '[]'),
       coalesce((SELECT jsonb_agg(jsonb_build_object('kind', h.kind, 'region_code', h.region_code, 'legal_basis', h.legal_basis)
                                  ORDER BY h.id)
                 FROM vacancy_household_rules h WHERE h.vacancy_id = v.id), '[]')
FROM vacancies v;
