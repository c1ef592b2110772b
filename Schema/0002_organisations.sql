-- Regional offices set policy and run the nightly match; talent exchange centres post
-- vacancies under an office. Both are anchored to a region, which scopes what they see.

CREATE TABLE offices (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$'),
    name        text NOT NULL CHECK (length(name) > 0),
    region_code text NOT NULL REFERENCES regions (code),
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE centres (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office_id   bigint NOT NULL REFERENCES offices (id),
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$'),
    name        text NOT NULL CHECK (length(name) > 0),
    region_code text NOT NULL REFERENCES regions (code),
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX centres_office_idx ON centres (office_id);
