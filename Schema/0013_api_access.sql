-- API access: bearer tokens for centres and offices, idempotency keys, and row-level
-- security on every table the API reads by scope (ADR 0016).
--
-- Two application roles, neither owning anything nor bypassing row-level security:
--   talentmatch_app    the API. It sees rows only for the scope its transaction sets in
--                      `talentmatch.scope`: 'centre:<id>', or 'office:<id>' (the office's region
--                      and the regions below it). Unset, or anything else, sees nothing.
--   talentmatch_batch  trusted batch work and the CLI (nightly, offers, policy, export). It has
--                      exactly the grants of talentmatch_app (it is a member) and a policy
--                      that lets it see every row.
-- The owner gets the same see-everything policy, since FORCE binds it too (a superuser bypasses
-- row-level security anyway). Role-targeted `USING (true)` policies fold away at planning, so
-- trusted work plans and runs exactly as without row-level security.

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

-- The trusted batch role: created only when missing (roles are cluster-wide), with the
-- application role's grants, and usable by the owner (SET ROLE at connection start).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'talentmatch_batch') THEN
        CREATE ROLE talentmatch_batch NOLOGIN NOBYPASSRLS;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END;
$$;
DO $$
BEGIN
    IF NOT pg_has_role('talentmatch_batch', 'talentmatch_app', 'MEMBER') THEN
        GRANT talentmatch_app TO talentmatch_batch;
    END IF;
    IF NOT pg_has_role(current_user, 'talentmatch_batch', 'MEMBER') THEN
        EXECUTE format('GRANT talentmatch_batch TO %I', current_user);
    END IF;
END;
$$;

-- The scope, parsed. STABLE and PARALLEL SAFE, and used as `(SELECT fn())` in policies so
-- that PostgreSQL evaluates each once per statement (an InitPlan), not once per row.
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

-- Every scoped table: row-level security on and FORCEd, and the trusted roles see all of it.
DO $$
DECLARE
    scoped text;
BEGIN
    FOREACH scoped IN ARRAY ARRAY['vacancies', 'vacancy_specialties', 'vacancy_incentives', 'vacancy_household_rules',
                                  'offers', 'offer_transitions', 'match_runs', 'match_run_snapshots', 'match_assignments',
                                  'policies', 'policy_region_constraints', 'candidates', 'candidate_specialties',
                                  'candidate_consents', 'rankings', 'ranking_entries', 'staff_accounts'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', scoped);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', scoped);
        EXECUTE format('CREATE POLICY %I ON %I TO talentmatch_batch, %I USING (true) WITH CHECK (true)',
                       scoped || '_trusted', scoped, current_user);
    END LOOP;
END;
$$;

-- Vacancies: a centre sees its own, an office those in its region and below; only a centre
-- writes them.
CREATE POLICY vacancies_scope ON vacancies
    USING (centre_id = (SELECT talentmatch_scope_centre())
           OR region_code LIKE (SELECT talentmatch_scope_region_pattern()))
    WITH CHECK (centre_id = (SELECT talentmatch_scope_centre()));

-- A vacancy's parts and its offers follow the vacancy (the subquery is itself filtered by
-- vacancies_scope).
DO $$
DECLARE
    child text;
BEGIN
    FOREACH child IN ARRAY ARRAY['vacancy_specialties', 'vacancy_incentives', 'vacancy_household_rules', 'offers'] LOOP
        EXECUTE format('CREATE POLICY %I ON %I USING (EXISTS (SELECT 1 FROM vacancies v WHERE v.id = %I.vacancy_id))',
                       child || '_scope', child, child);
    END LOOP;
END;
$$;

CREATE POLICY offer_transitions_scope ON offer_transitions
    USING (EXISTS (SELECT 1 FROM offers o WHERE o.id = offer_transitions.offer_id));

-- Runs and policies belong to an office; an office sees its own and those of offices below it,
-- and writes only its own.
CREATE POLICY match_runs_scope ON match_runs
    USING (office_id = ANY ((SELECT talentmatch_scope_offices())::bigint[]))
    WITH CHECK (office_id = (SELECT talentmatch_scope_office()));

DO $$
DECLARE
    child text;
BEGIN
    FOREACH child IN ARRAY ARRAY['match_run_snapshots', 'match_assignments'] LOOP
        EXECUTE format('CREATE POLICY %I ON %I USING (EXISTS (SELECT 1 FROM match_runs r WHERE r.id = %I.run_id))',
                       child || '_scope', child, child);
    END LOOP;
END;
$$;

CREATE POLICY policies_scope ON policies
    USING (office_id = ANY ((SELECT talentmatch_scope_offices())::bigint[]))
    WITH CHECK (office_id = (SELECT talentmatch_scope_office()));

CREATE POLICY policy_region_constraints_scope ON policy_region_constraints
    USING (EXISTS (SELECT 1 FROM policies p WHERE p.id = policy_region_constraints.policy_id));

-- Candidates are personal data: a centre or office sees only the people offered one of the
-- posts it sees. What they studied, ranked and consented to has no scoped policy: trusted
-- work only.
CREATE POLICY candidates_scope ON candidates
    USING (EXISTS (SELECT 1 FROM offers o WHERE o.candidate_id = candidates.id));

-- Staff accounts: the office or centre they belong to.
CREATE POLICY staff_accounts_scope ON staff_accounts
    USING (centre_id = (SELECT talentmatch_scope_centre()) OR office_id = (SELECT talentmatch_scope_office()));

-- The view reads rankings as whoever queries it, not as its owner, so it cannot be a way
-- around the policies above.
ALTER VIEW current_rankings SET (security_invoker = true);
