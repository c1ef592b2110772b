-- The audit log is append-only, and the application runs as a role that cannot rewrite it.
--
-- talentmatch_app is the role every application session runs as (set at connection start);
-- it owns nothing, so grants below are all it can do. Migrations run as the owner.

-- Roles are shared by every database of a cluster, and two databases may migrate at once.
-- An owner without CREATEROLE (common on managed PostgreSQL) succeeds when a DBA has
-- created the role beforehand: CREATE ROLE is only attempted when it is missing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'talentmatch_app') THEN
        CREATE ROLE talentmatch_app NOLOGIN NOBYPASSRLS;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END;
$$;
-- The owner must be able to SET ROLE to it (a superuser always can). Granting needs admin
-- rights on the role, so it is skipped when a DBA has already made the owner a member.
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'talentmatch_app', 'MEMBER') THEN
        EXECUTE format('GRANT talentmatch_app TO %I', current_user);
    END IF;
END;
$$;

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL CHECK (length(actor) > 0),
    action      text NOT NULL CHECK (length(action) > 0),
    subject     text NOT NULL DEFAULT '',
    details     jsonb NOT NULL DEFAULT '{}',
    source      text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION reject_change('the audit log is append-only');

GRANT USAGE ON SCHEMA public TO talentmatch_app;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO talentmatch_app;
GRANT SELECT, INSERT, UPDATE ON offices, centres, candidates, candidate_specialties, candidate_consents,
    vacancies, vacancy_specialties, vacancy_incentives, vacancy_household_rules, rankings, ranking_entries,
    staff_accounts, offers TO talentmatch_app;
GRANT DELETE ON candidate_specialties, vacancy_specialties, vacancy_incentives, vacancy_household_rules,
    ranking_entries TO talentmatch_app;
GRANT INSERT ON policies, policy_region_constraints, match_runs, match_run_snapshots, match_assignments,
    offer_transitions, audit_log TO talentmatch_app;
GRANT UPDATE (status, superseded_by, summary) ON match_runs TO talentmatch_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO talentmatch_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM talentmatch_app;
-- Tables added by later migrations are readable by the application unless they say otherwise.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO talentmatch_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO talentmatch_app;
