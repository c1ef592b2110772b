-- One number that moves whenever anything the candidates' post catalogue shows changes:
-- the gateway keeps the catalogue in memory and reads it again only when this moved
-- (issue 13, ADR 0027). It moves inside the writing transaction, so a reader never sees the
-- new number without the new rows.
--
-- Statement-level triggers: an import of 100,000 posts moves it once per statement. The
-- function runs as its owner, so the application roles need no UPDATE on the counter.

CREATE TABLE catalogue_versions (
    name     text PRIMARY KEY CHECK (name IN ('posts')),
    version  bigint NOT NULL DEFAULT 1 CHECK (version > 0)
);
INSERT INTO catalogue_versions (name) VALUES ('posts');

CREATE FUNCTION post_catalogue_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    UPDATE catalogue_versions SET version = version + 1 WHERE name = 'posts';
    RETURN NULL;
END;
$$;

DO $$
DECLARE
    shown text;
BEGIN
    FOREACH shown IN ARRAY ARRAY['vacancies', 'vacancy_specialties', 'vacancy_incentives', 'vacancy_household_rules',
                                 'centres', 'regions', 'specialties', 'designation_lists', 'region_designations'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION post_catalogue_changed()', shown || '_post_catalogue_changed', shown);
    END LOOP;
END;
$$;

GRANT SELECT ON catalogue_versions TO talentmatch_app;
