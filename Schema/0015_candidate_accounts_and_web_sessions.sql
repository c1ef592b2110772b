-- The candidate gateway: accounts (a bcrypt hash, never the password), server-side web
-- sessions, and failed log-ins for throttling. A candidate registers before giving a
-- profile, so the candidates row is created with the schema's required fields at their
-- least committal values and `profile_completed_at` stays NULL until the candidate saves a
-- profile; the gateway refuses to store a ranking before that, and a candidate without a
-- ranking is never part of a match (ADR 0018).

CREATE TABLE candidate_accounts (
    candidate_id          bigint PRIMARY KEY REFERENCES candidates (id),
    -- bcrypt ($2b$, cost >= 12): the gateway refuses to write a weaker hash.
    password_hash         text NOT NULL CHECK (password_hash ~ '^\$2[aby]\$(1[2-9]|2[0-9]|3[01])\$.{53}$'),
    profile_completed_at  timestamptz,
    password_changed_at   timestamptz NOT NULL DEFAULT now(),
    created_at            timestamptz NOT NULL DEFAULT now()
);

-- Sessions, keyed by the SHA-256 of the token (a copy of this table does not log anyone in).
-- The value is the gateway's JSON session; `expires_at` moves with activity (idle timeout)
-- and the session itself carries its absolute limit.
CREATE TABLE web_sessions (
    key_hash    bytea PRIMARY KEY CHECK (octet_length(key_hash) = 32),
    value       jsonb NOT NULL,
    expires_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at);

-- One row per failed log-in. Throttling counts the last hour per account and per address;
-- nothing here ever locks an account for good, and old rows are pruned as new ones arrive.
CREATE TABLE login_failures (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_key  text NOT NULL CHECK (length(account_key) BETWEEN 1 AND 254),
    address      text NOT NULL CHECK (length(address) BETWEEN 1 AND 100),
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_account_idx ON login_failures (account_key, at);
CREATE INDEX login_failures_address_idx ON login_failures (address, at);

GRANT SELECT, INSERT, UPDATE, DELETE ON candidate_accounts, web_sessions, login_failures TO talentmatch_app;
