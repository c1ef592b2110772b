-- Vacancies (岗位) posted by centres. Requirements are hard eligibility rules; a household
-- registration limit is an explicit rule that must cite its legal basis.

CREATE TABLE vacancies (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    centre_id            bigint NOT NULL REFERENCES centres (id),
    external_id          text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 64),
    title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description          text NOT NULL DEFAULT '',
    region_code          text NOT NULL REFERENCES regions (code),
    seats                integer NOT NULL CHECK (seats BETWEEN 1 AND 10000),
    -- Kamada–Kojima target: the seats the office hopes to fill here before others in a capped region.
    target               integer CHECK (target IS NULL OR target BETWEEN 0 AND seats),
    staffing_type        text NOT NULL CHECK (staffing_type IN ('administrative', 'institution', 'contract', 'flexible')),
    min_education        text NOT NULL DEFAULT 'associate' CHECK (min_education IN
                             ('junior_secondary', 'senior_secondary', 'associate', 'bachelor', 'master', 'doctorate')),
    min_title            text NOT NULL DEFAULT 'none' CHECK (min_title IN
                             ('none', 'junior', 'intermediate', 'associate_senior', 'senior')),
    min_experience_years smallint NOT NULL DEFAULT 0 CHECK (min_experience_years BETWEEN 0 AND 60),
    accepted_modes       text[] NOT NULL CHECK (
                             cardinality(accepted_modes) > 0
                             AND accepted_modes <@ ARRAY['full_transfer', 'part_time', 'short_term', 'remote', 'project']),
    service_years        smallint CHECK (service_years BETWEEN 1 AND 10),
    status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (centre_id, external_id)
);
CREATE INDEX vacancies_region_idx ON vacancies (region_code) WHERE status = 'open';

CREATE TABLE vacancy_specialties (
    vacancy_id     bigint NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    specialty_code text NOT NULL REFERENCES specialties (code),
    -- The loosest fit on the code -> class -> discipline ladder that this post accepts.
    accepted_fit   text NOT NULL DEFAULT 'same_class' CHECK (accepted_fit IN ('same_code', 'same_class', 'same_discipline')),
    PRIMARY KEY (vacancy_id, specialty_code)
);

CREATE TABLE vacancy_incentives (
    vacancy_id  bigint NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('hardship_allowance', 'housing', 'settling_in_payment',
                    'spouse_placement', 'children_schooling', 'promotion_priority')),
    amount_yuan integer CHECK (amount_yuan IS NULL OR amount_yuan > 0),
    note        text NOT NULL DEFAULT '',
    PRIMARY KEY (vacancy_id, kind)
);

-- Household-registration rules (户籍限制). A rule with no legal basis cannot exist.
CREATE TABLE vacancy_household_rules (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vacancy_id   bigint NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('registered_within', 'registered_outside')),
    region_code  text NOT NULL REFERENCES regions (code),
    legal_basis  text NOT NULL CHECK (length(btrim(legal_basis)) >= 4)
);
CREATE INDEX vacancy_household_rules_vacancy_idx ON vacancy_household_rules (vacancy_id);
