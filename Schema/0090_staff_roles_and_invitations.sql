-- Staff of offices and centres (issue 15, ADR 0033): the roles, what each may do, how a
-- person signs in, and the single-use invitation that makes an account usable.
--
-- `staff_accounts` (0006) already names the four roles and ties office roles to an office and
-- the centre editor to a centre. This migration makes the roles data: `staff_roles` says for
-- each what a session of it may do, in the words of API token permissions (a staff session
-- sees and does what a token of the same scope and permissions would, ADR 0016), plus the
-- console's own administrative rights. MatchStore's `StaffRole` mirrors the table and a test
-- compares them.

CREATE TABLE staff_roles (
    code          text PRIMARY KEY,
    -- Whether the role belongs to an office or to a centre.
    organisation  text NOT NULL CHECK (organisation IN ('office', 'centre')),
    permissions   text[] NOT NULL CHECK (
                      permissions <@ ARRAY['vacancies:read', 'vacancies:write', 'policies:read', 'policies:write',
                                           'runs:read', 'runs:dry-run', 'reference:read', 'reference:write',
                                           'reviews:read', 'reviews:decide']),
    -- What else the console lets the role do: create offices below its own, create its
    -- office's centres, invite and disable staff, issue and revoke API tokens.
    administers   text[] NOT NULL CHECK (administers <@ ARRAY['offices', 'centres', 'staff', 'tokens'])
);

INSERT INTO staff_roles (code, organisation, permissions, administers) VALUES
    ('office_admin', 'office',
     ARRAY['vacancies:read', 'policies:read', 'policies:write', 'runs:read', 'runs:dry-run', 'reference:read',
           'reference:write', 'reviews:read', 'reviews:decide'],
     ARRAY['offices', 'centres', 'staff', 'tokens']),
    -- Reads everything the office sees and tries policies in a what-if; commits nothing.
    ('office_analyst', 'office',
     ARRAY['vacancies:read', 'policies:read', 'runs:read', 'runs:dry-run', 'reference:read', 'reviews:read'],
     ARRAY[]::text[]),
    -- Decides candidates' review requests; reads what a decision needs.
    ('reviewer', 'office',
     ARRAY['vacancies:read', 'policies:read', 'runs:read', 'reference:read', 'reviews:read', 'reviews:decide'],
     ARRAY[]::text[]),
    ('centre_editor', 'centre', ARRAY['vacancies:read', 'vacancies:write', 'reference:read'], ARRAY[]::text[]);

-- Accounts switched off by hand before this migration get a time and an author, so that the
-- rule below holds for every row.
ALTER TABLE staff_accounts ADD COLUMN disabled_at timestamptz, ADD COLUMN disabled_by text;
UPDATE staff_accounts SET disabled_at = created_at, disabled_by = 'before migration 0090' WHERE NOT active;

ALTER TABLE staff_accounts
    ADD CONSTRAINT staff_accounts_role_fkey FOREIGN KEY (role) REFERENCES staff_roles (code),
    -- What the person types to sign in: an e-mail address or a short name, kept in lower case.
    ADD COLUMN login       text UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._@+-]{2,99}$'),
    ADD COLUMN created_by  text NOT NULL DEFAULT 'system' CHECK (length(created_by) BETWEEN 1 AND 200),
    ADD CONSTRAINT staff_accounts_disabled_by CHECK (disabled_by IS NULL OR length(disabled_by) BETWEEN 1 AND 200),
    ADD CONSTRAINT staff_accounts_disabled CHECK ((NOT active) = (disabled_at IS NOT NULL) AND (disabled_at IS NULL) = (disabled_by IS NULL));
-- Accounts made before logins existed (by hand, per the old runbook) have none until an
-- invitation is issued for them; nothing signs in without one.

-- An invitation: a link with 256 random bits, of which only the SHA-256 is kept, valid until
-- `expires_at` and used once (setting the password and the second factor, issue 15's part
-- two). Like `api_tokens` it has no row-level security: it is read before anyone is signed
-- in, and holds hashes only.
CREATE TABLE staff_invitations (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    staff_id     bigint NOT NULL REFERENCES staff_accounts (id),
    token_hash   bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 200),
    expires_at   timestamptz NOT NULL CHECK (expires_at > created_at AND expires_at <= created_at + interval '30 days'),
    used_at      timestamptz,
    revoked_at   timestamptz,
    CHECK (used_at IS NULL OR revoked_at IS NULL)
);
CREATE INDEX staff_invitations_staff_idx ON staff_invitations (staff_id);
-- At most one open invitation per person: issuing a new one revokes the old.
CREATE UNIQUE INDEX staff_invitations_one_open ON staff_invitations (staff_id) WHERE used_at IS NULL AND revoked_at IS NULL;

GRANT SELECT, INSERT ON staff_invitations TO talentmatch_app;
GRANT UPDATE (used_at, revoked_at) ON staff_invitations TO talentmatch_app;
GRANT UPDATE (active, disabled_at, disabled_by, login, name, contact, language, night_results) ON staff_accounts TO talentmatch_app;

-- An office sees the staff of its own office, of the offices below it, and of their centres
-- (an office admin invites its centres' editors); it creates staff only for those. A centre
-- sees its own staff. (Replaces 0013's policy, which left an office blind to its centres.)
DROP POLICY staff_accounts_scope ON staff_accounts;
CREATE POLICY staff_accounts_scope ON staff_accounts
    USING (centre_id = (SELECT talentmatch_scope_centre())
           OR office_id = ANY ((SELECT talentmatch_scope_offices())::bigint[])
           OR centre_id IN (SELECT c.id FROM centres c WHERE c.office_id = ANY ((SELECT talentmatch_scope_offices())::bigint[])));

-- Whether someone signs in with this name, in any office: the console asks before inviting,
-- where row-level security hides other offices' staff. It answers yes or no, nothing more.
CREATE FUNCTION staff_login_taken(candidate text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM staff_accounts WHERE login = candidate)
$$;
REVOKE ALL ON FUNCTION staff_login_taken(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_login_taken(text) TO talentmatch_app;
