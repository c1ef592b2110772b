-- Staff sign-in (issue 15, ADR 0034): a password (bcrypt, cost 12 or more, as candidates'),
-- a TOTP second factor (RFC 6238) enrolled at the first sign-in, and one-time recovery codes.
--
-- These tables have no row-level security, like `api_tokens` and `candidate_accounts`: they
-- are read before anyone is signed in, so before any scope exists. They hold hashes, except
-- the TOTP secret, which the server needs in the clear to check a code (RFC 6238 §5.1: keep
-- it protected; it never leaves the server after enrolment and is shown only once).
CREATE TABLE staff_credentials (
    staff_id          bigint PRIMARY KEY REFERENCES staff_accounts (id),
    password_hash     text NOT NULL CHECK (password_hash ~ '^\$2[aby]\$(1[2-9]|2[0-9]|3[01])\$'),
    -- The authenticator's shared secret (the HMAC key's bytes, as text); set when the
    -- invitation is accepted, confirmed by the first correct code.
    totp_secret       text NOT NULL CHECK (length(totp_secret) BETWEEN 16 AND 64),
    totp_confirmed_at timestamptz,
    -- The time step of the last code accepted: a code is accepted once (RFC 6238 §5.2).
    totp_last_step    bigint,
    password_set_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_recovery_codes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    staff_id   bigint NOT NULL REFERENCES staff_accounts (id),
    code_hash  bytea NOT NULL CHECK (octet_length(code_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz,
    UNIQUE (staff_id, code_hash)
);

GRANT SELECT, INSERT, DELETE ON staff_credentials, staff_recovery_codes TO talentmatch_app;
GRANT UPDATE (password_hash, totp_secret, totp_confirmed_at, totp_last_step, password_set_at) ON staff_credentials TO talentmatch_app;
GRANT UPDATE (used_at) ON staff_recovery_codes TO talentmatch_app;
