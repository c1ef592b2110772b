-- Staff accounts with roles, and candidates' sensitive identifiers. The ID number is never
-- stored in plain text: a keyed hash (HMAC-SHA-256) finds duplicates, and an AES-GCM
-- ciphertext lets an authorised officer read it back. Keys live outside the database.

CREATE TABLE staff_accounts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office_id   bigint REFERENCES offices (id),
    centre_id   bigint REFERENCES centres (id),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role        text NOT NULL CHECK (role IN ('office_admin', 'office_analyst', 'reviewer', 'centre_editor')),
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- Office roles belong to an office, centre roles to a centre, never both.
    CHECK ((role = 'centre_editor') = (centre_id IS NOT NULL AND office_id IS NULL)),
    CHECK ((role <> 'centre_editor') = (office_id IS NOT NULL AND centre_id IS NULL))
);

ALTER TABLE candidates
    ADD COLUMN id_number_hash       bytea UNIQUE CHECK (octet_length(id_number_hash) = 32),
    ADD COLUMN id_number_ciphertext bytea CHECK (octet_length(id_number_ciphertext) > 28),
    ADD CONSTRAINT candidates_id_number_pair CHECK ((id_number_hash IS NULL) = (id_number_ciphertext IS NULL));
