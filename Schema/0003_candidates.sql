-- Candidates and what the engine needs to know about them. Gender and age are deliberately
-- absent: what is not stored cannot be scored.

CREATE TABLE candidates (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id           uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    full_name           text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 100),
    contact             text NOT NULL UNIQUE CHECK (length(contact) BETWEEN 3 AND 254),
    education           text NOT NULL CHECK (education IN
                            ('junior_secondary', 'senior_secondary', 'associate', 'bachelor', 'master', 'doctorate')),
    title               text NOT NULL DEFAULT 'none' CHECK (title IN
                            ('none', 'junior', 'intermediate', 'associate_senior', 'senior')),
    experience_years    smallint NOT NULL DEFAULT 0 CHECK (experience_years BETWEEN 0 AND 60),
    -- Household registration (户口): sensitive data under PIPL Art. 28, used only with consent.
    hukou_region_code   text REFERENCES regions (code),
    hukou_type          text CHECK (hukou_type IN ('agricultural', 'non_agricultural', 'resident')),
    current_region_code text REFERENCES regions (code),
    -- The introduction modes the candidate accepts (柔性引进 modes beside full transfer).
    accepted_modes      text[] NOT NULL CHECK (
                            cardinality(accepted_modes) > 0
                            AND accepted_modes <@ ARRAY['full_transfer', 'part_time', 'short_term', 'remote', 'project']),
    programmes          text[] NOT NULL DEFAULT '{}' CHECK (
                            programmes <@ ARRAY['sanzhiyifu', 'western_volunteer', 'selected_graduate',
                                                'village_official', 'special_post_teacher']),
    hardship_willing    boolean NOT NULL DEFAULT false,
    status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE candidate_specialties (
    candidate_id    bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    specialty_code  text NOT NULL REFERENCES specialties (code),
    position        smallint NOT NULL CHECK (position BETWEEN 1 AND 5),
    PRIMARY KEY (candidate_id, specialty_code),
    UNIQUE (candidate_id, position)
);

-- Separate, timestamped consents (PIPL Art. 29). Withdrawal is a timestamp, not a delete,
-- so that the history of what was permitted when is kept.
CREATE TABLE candidate_consents (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id  bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    purpose       text NOT NULL CHECK (purpose IN ('matching', 'sensitive_data')),
    granted_at    timestamptz NOT NULL DEFAULT now(),
    withdrawn_at  timestamptz CHECK (withdrawn_at IS NULL OR withdrawn_at >= granted_at)
);
-- One live consent per purpose.
CREATE UNIQUE INDEX candidate_consents_live_idx ON candidate_consents (candidate_id, purpose) WHERE withdrawn_at IS NULL;
