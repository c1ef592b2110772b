-- What a message needs to reach a person (issue 18; ADR 0042): the candidate's language, a
-- verified contact for each channel, and the channels and optional messages they choose;
-- the same for office staff; and the one-time codes that verify a contact or reset a
-- password.
--
-- A candidate signs in with one contact, an e-mail address or a mainland mobile number, and
-- may add a second of the other kind, so that messages can go by e-mail, by SMS or both. A
-- contact counts once its owner typed the code sent to it. The gateway registers a contact
-- unverified (it writes NULL); every other way a candidate arrives (an office's records, the
-- demo, a seeded market, the rows before this migration) counts as verified by whoever
-- supplied it, which is what the column's default says.

ALTER TABLE candidates
    ADD COLUMN language text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
    ADD COLUMN contact_verified_at timestamptz DEFAULT now(),
    ADD COLUMN second_contact text CHECK (second_contact IS NULL OR length(second_contact) BETWEEN 3 AND 254),
    ADD COLUMN second_contact_verified_at timestamptz,
    -- The channels chosen; NULL: the channel of the sign-in contact.
    ADD COLUMN message_channel_choice text[] CHECK (
        message_channel_choice IS NULL
        OR (cardinality(message_channel_choice) BETWEEN 1 AND 2 AND message_channel_choice <@ ARRAY['email', 'sms'])),
    -- Messages the candidate turned off. Account and offer messages cannot be (ADR 0042).
    ADD COLUMN muted_messages text[] NOT NULL DEFAULT '{}' CHECK (
        muted_messages <@ ARRAY['offer_deadline', 'review_decided', 'couple_invitation']),
    ADD CONSTRAINT candidates_second_contact_other_kind CHECK (
        second_contact IS NULL OR (position('@' IN contact) > 0) <> (position('@' IN second_contact) > 0)),
    ADD CONSTRAINT candidates_second_contact_verified CHECK (second_contact IS NOT NULL OR second_contact_verified_at IS NULL);

-- The channels messages go by, worked out whenever the row changes: each chosen channel (or
-- the sign-in contact's) that has a verified address, for an active candidate. Stored, so
-- that a night releasing 300,000 offers reads one array per offer instead of deciding.
-- An e-mail address holds '@'; a phone number is a mainland mobile (ContactAddress).
ALTER TABLE candidates ADD COLUMN message_channels text[] GENERATED ALWAYS AS (
    CASE WHEN status <> 'active' THEN '{}'::text[] ELSE array_remove(ARRAY[
        CASE WHEN 'email' = ANY (coalesce(message_channel_choice,
                      ARRAY[CASE WHEN position('@' IN contact) > 0 THEN 'email' ELSE 'sms' END]))
                  AND ((contact_verified_at IS NOT NULL AND position('@' IN contact) > 0)
                       OR (second_contact_verified_at IS NOT NULL AND position('@' IN second_contact) > 0))
             THEN 'email' END,
        CASE WHEN 'sms' = ANY (coalesce(message_channel_choice,
                      ARRAY[CASE WHEN position('@' IN contact) > 0 THEN 'email' ELSE 'sms' END]))
                  AND ((contact_verified_at IS NOT NULL AND contact ~ '^1[3-9][0-9]{9}$')
                       OR (second_contact_verified_at IS NOT NULL AND second_contact ~ '^1[3-9][0-9]{9}$'))
             THEN 'sms' END], NULL) END
) STORED;

-- The verified address a candidate's message on `channel` goes to, or NULL: what the worker
-- reads when it sends. It agrees with `message_channels` above (a test holds them together);
-- that one is written out inline because a generated column calls its functions row by row.
CREATE FUNCTION candidate_address(channel text, contact text, contact_verified_at timestamptz,
                                  second_contact text, second_contact_verified_at timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE channel
        WHEN 'email' THEN CASE WHEN contact_verified_at IS NOT NULL AND position('@' IN contact) > 0 THEN contact
                               WHEN second_contact_verified_at IS NOT NULL AND position('@' IN second_contact) > 0 THEN second_contact END
        WHEN 'sms' THEN CASE WHEN contact_verified_at IS NOT NULL AND contact ~ '^1[3-9][0-9]{9}$' THEN contact
                             WHEN second_contact_verified_at IS NOT NULL AND second_contact ~ '^1[3-9][0-9]{9}$' THEN second_contact END
    END
$$;

-- Office staff receive the night's result. Staff accounts are made by office admins (issue
-- 15 adds their console and sign-in); the contact is the address the office gave.
ALTER TABLE staff_accounts
    ADD COLUMN contact text CHECK (contact IS NULL OR length(contact) BETWEEN 3 AND 254),
    ADD COLUMN language text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
    ADD COLUMN night_results boolean NOT NULL DEFAULT true;

-- One-time codes: sent to an address, valid until `expires_at`, used once. Only hashes are
-- kept (SHA-256); the code itself travels in its message, which forgets it once delivered.
-- A password reset also has a link, whose long random token is hashed the same way.
CREATE TABLE account_codes (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id  bigint NOT NULL REFERENCES candidates (id),
    purpose       text NOT NULL CHECK (purpose IN ('verify_contact', 'change_contact', 'verify_second_contact', 'reset_password')),
    -- Where the code was sent: the contact being verified, or the sign-in contact for a reset.
    address       text NOT NULL CHECK (length(address) BETWEEN 3 AND 254),
    code_hash     bytea NOT NULL CHECK (octet_length(code_hash) = 32),
    token_hash    bytea UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz,
    -- Wrong codes typed against this one; past the limit it is dead (AccountCodeStore).
    wrong_tries   smallint NOT NULL DEFAULT 0 CHECK (wrong_tries >= 0),
    CHECK (expires_at > created_at),
    CHECK (used_at IS NULL OR used_at >= created_at)
);
CREATE INDEX account_codes_address_idx ON account_codes (address, purpose, created_at DESC);
CREATE INDEX account_codes_candidate_idx ON account_codes (candidate_id);

GRANT SELECT, INSERT ON account_codes TO talentmatch_app;
GRANT UPDATE (used_at, wrong_tries) ON account_codes TO talentmatch_app;

-- Trusted work only (the gateway's pool and batch work); an API scope sees no code.
ALTER TABLE account_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_codes FORCE ROW LEVEL SECURITY;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY account_codes_trusted ON account_codes TO talentmatch_batch, %I USING (true) WITH CHECK (true)',
                   current_user);
END;
$$;
