-- API access: bearer tokens for centres and offices, idempotency keys, and row-level
-- security on every table the API reads by scope (ADR 0016).
--
-- Every session names its scope in the setting `talentmatch.scope`:
--   'system'        trusted batch work and the CLI (set at connection start by the application)
--   'centre:<id>'   an API request by a centre token (set per transaction)
--   'office:<id>'   an API request by an office token: its region and the regions below it
-- Unset or anything else sees nothing. The policies are FORCEd, so the owner is bound too;
-- only a superuser bypasses them.

CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- SHA-256 of the secret; the secret itself is shown once and never stored.
    secret_hash  bytea NOT NULL UNIQUE CHECK (octet_length(secret_hash) = 32),
    centre_id    bigint REFERENCES centres (id),
    office_id    bigint REFERENCES offices (id),
    permissions  text[] NOT NULL CHECK (
                     cardinality(permissions) > 0
                     AND permissions <@ ARRAY['vacancies:read', 'vacancies:write', 'policies:read', 'policies:write',
                                              'runs:read', 'runs:dry-run', 'reference:read', 'reference:write',
                                              'reviews:read', 'reviews:decide']),
    label        text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 100),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    -- A token speaks for exactly one centre or one office.
    CHECK ((centre_id IS NULL) <> (office_id IS NULL)),
    CHECK (expires_at IS NULL OR expires_at > created_at)
);

-- A retried mutating request with the same key replays the stored answer. The row is
-- reserved (response_status NULL) before the request runs, so two concurrent retries cannot
-- both create; a key whose request never finished stays reserved and is refused (409).
CREATE TABLE idempotency_keys (
    token_id         bigint NOT NULL REFERENCES api_tokens (id),
    key              text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    -- SHA-256 of method, path, query and body: the same key with another request is refused.
    fingerprint      bytea NOT NULL CHECK (octet_length(fingerprint) = 32),
    response_status  smallint CHECK (response_status BETWEEN 100 AND 599),
    response_type    text,
    response_body    bytea,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (token_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

GRANT SELECT, INSERT ON api_tokens TO talentmatch_app;
GRANT UPDATE (revoked_at) ON api_tokens TO talentmatch_app;
GRANT SELECT, INSERT, DELETE ON idempotency_keys TO talentmatch_app;
GRANT UPDATE (response_status, response_type, response_body) ON idempotency_keys TO talentmatch_app;
-- Offices import newer reference editions through the API, which runs as the application role.
GRANT INSERT ON reference_editions, regions, designation_lists, region_designations TO talentmatch_app;
GRANT UPDATE (name, level, parent_code, valid_to, edition_id) ON regions TO talentmatch_app;
GRANT UPDATE (in_force) ON designation_lists TO talentmatch_app;

-- The scope, parsed. STABLE, and used as `(SELECT fn())` in policies so that PostgreSQL
-- evaluates each once per statement (an InitPlan), not once per row: the nightly run reads
-- millions of rows as 'system' and must not pay for the check row by row.
CREATE FUNCTION talentmatch_scope_is_system() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(current_setting('talentmatch.scope', true), '') = 'system'
$$;

CREATE FUNCTION talentmatch_scope_centre() RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN s ~ '^centre:[0-9]{1,18}$' THEN substr(s, 8)::bigint END
    FROM coalesce(current_setting('talentmatch.scope', true), '') AS s
$$;

CREATE FUNCTION talentmatch_scope_office() RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN s ~ '^office:[0-9]{1,18}$' THEN substr(s, 8)::bigint END
    FROM coalesce(current_setting('talentmatch.scope', true), '') AS s
$$;

-- The office's region prefix ('51' for Sichuan, '5119' for Bazhong) followed by '%': a LIKE
-- pattern for its region and every region below it. NULL (matches nothing) for other scopes.
CREATE FUNCTION talentmatch_scope_region_pattern() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT r.prefix || '%'
    FROM offices o JOIN regions r ON r.code = o.region_code
    WHERE o.id = talentmatch_scope_office()
$$;

-- The offices an office scope sees: itself and the offices in the regions below it.
CREATE FUNCTION talentmatch_scope_offices() RETURNS bigint[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(o.id), '{}') FROM offices o WHERE o.region_code LIKE talentmatch_scope_region_pattern()
$$;

-- Vacancies: a centre sees its own, an office those in its region and below.
ALTER TABLE vacancies ENABLE ROW LEVEL SECURITY;
ALTER TABLE vacancies FORCE ROW LEVEL SECURITY;
CREATE POLICY vacancies_scope ON vacancies
    USING ((SELECT talentmatch_scope_is_system())
           OR centre_id = (SELECT talentmatch_scope_centre())
           OR region_code LIKE (SELECT talentmatch_scope_region_pattern()))
    WITH CHECK ((SELECT talentmatch_scope_is_system()) OR centre_id = (SELECT talentmatch_scope_centre()));

-- A vacancy's parts follow the vacancy (the subquery is itself filtered by vacancies_scope).
DO $$
DECLARE
    child text;
BEGIN
    FOREACH child IN ARRAY ARRAY['vacancy_specialties', 'vacancy_incentives', 'vacancy_household_rules', 'offers'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', child);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', child);
        EXECUTE format(
            'CREATE POLICY %I ON %I USING ((SELECT talentmatch_scope_is_system())
                                           OR EXISTS (SELECT 1 FROM vacancies v WHERE v.id = %I.vacancy_id))',
            child || '_scope', child, child);
    END LOOP;
END;
$$;

ALTER TABLE offer_transitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE offer_transitions FORCE ROW LEVEL SECURITY;
CREATE POLICY offer_transitions_scope ON offer_transitions
    USING ((SELECT talentmatch_scope_is_system()) OR EXISTS (SELECT 1 FROM offers o WHERE o.id = offer_transitions.offer_id));

-- Runs and policies belong to an office; an office sees its own and those of offices below it,
-- and writes only its own.
ALTER TABLE match_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE match_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY match_runs_scope ON match_runs
    USING ((SELECT talentmatch_scope_is_system()) OR office_id = ANY ((SELECT talentmatch_scope_offices())::bigint[]))
    WITH CHECK ((SELECT talentmatch_scope_is_system()) OR office_id = (SELECT talentmatch_scope_office()));

DO $$
DECLARE
    child text;
BEGIN
    FOREACH child IN ARRAY ARRAY['match_run_snapshots', 'match_assignments'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', child);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', child);
        EXECUTE format(
            'CREATE POLICY %I ON %I USING ((SELECT talentmatch_scope_is_system())
                                           OR EXISTS (SELECT 1 FROM match_runs r WHERE r.id = %I.run_id))',
            child || '_scope', child, child);
    END LOOP;
END;
$$;

ALTER TABLE policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE policies FORCE ROW LEVEL SECURITY;
CREATE POLICY policies_scope ON policies
    USING ((SELECT talentmatch_scope_is_system()) OR office_id = ANY ((SELECT talentmatch_scope_offices())::bigint[]))
    WITH CHECK ((SELECT talentmatch_scope_is_system()) OR office_id = (SELECT talentmatch_scope_office()));

ALTER TABLE policy_region_constraints ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_region_constraints FORCE ROW LEVEL SECURITY;
CREATE POLICY policy_region_constraints_scope ON policy_region_constraints
    USING ((SELECT talentmatch_scope_is_system()) OR EXISTS (SELECT 1 FROM policies p WHERE p.id = policy_region_constraints.policy_id));

-- Candidates are personal data: a centre or office sees only the people offered one of the
-- posts it sees. What they studied, ranked and consented to is for trusted work only.
ALTER TABLE candidates ENABLE ROW LEVEL SECURITY;
ALTER TABLE candidates FORCE ROW LEVEL SECURITY;
CREATE POLICY candidates_scope ON candidates
    USING ((SELECT talentmatch_scope_is_system()) OR EXISTS (SELECT 1 FROM offers o WHERE o.candidate_id = candidates.id));

DO $$
DECLARE
    private text;
BEGIN
    FOREACH private IN ARRAY ARRAY['candidate_specialties', 'candidate_consents', 'rankings', 'ranking_entries'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', private);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', private);
        EXECUTE format('CREATE POLICY %I ON %I USING ((SELECT talentmatch_scope_is_system()))', private || '_scope', private);
    END LOOP;
END;
$$;

-- Staff accounts: trusted work, or the office or centre they belong to.
ALTER TABLE staff_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_accounts_scope ON staff_accounts
    USING ((SELECT talentmatch_scope_is_system())
           OR centre_id = (SELECT talentmatch_scope_centre())
           OR office_id = (SELECT talentmatch_scope_office()));
