-- Reference data: regions (GB/T 2260), specialties (本科专业目录) and designation lists.
-- Every table keeps the edition it came from, and regions keep validity dates, so that an
-- office can load a newer official list without a code change and never reuse a retired code.

CREATE TABLE reference_editions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset     text NOT NULL CHECK (dataset IN ('regions', 'specialties', 'designations')),
    edition     text NOT NULL CHECK (length(edition) BETWEEN 1 AND 100),
    source      text NOT NULL CHECK (length(source) > 0),
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (dataset, edition)
);

CREATE TABLE regions (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    -- The significant prefix: 510000 -> 51, 511900 -> 5119, 511921 -> 511921.
    -- Regions nest by this prefix, which is what caps, floors and access scopes use.
    prefix      text GENERATED ALWAYS AS (regexp_replace(code, '(00)+$', '')) STORED,
    name        text NOT NULL CHECK (length(name) > 0),
    level       text NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
    parent_code text REFERENCES regions (code) DEFERRABLE INITIALLY DEFERRED,
    valid_from  date NOT NULL,
    valid_to    date,
    edition_id  bigint NOT NULL REFERENCES reference_editions (id),
    CHECK (valid_to IS NULL OR valid_to > valid_from),
    CHECK ((level = 'province') = (parent_code IS NULL))
);
CREATE INDEX regions_prefix_idx ON regions (prefix text_pattern_ops);
CREATE INDEX regions_parent_idx ON regions (parent_code);

CREATE TABLE specialties (
    code            text PRIMARY KEY CHECK (code ~ '^[0-9]{6}[TK]{0,2}$'),
    code6           text NOT NULL UNIQUE CHECK (code6 ~ '^[0-9]{6}$' AND code LIKE code6 || '%'),
    name            text NOT NULL CHECK (length(name) > 0),
    class_code      text NOT NULL CHECK (class_code = left(code6, 4)),
    class_name      text NOT NULL,
    discipline_code text NOT NULL CHECK (discipline_code = left(code6, 2)),
    discipline_name text NOT NULL,
    degree_note     text,
    flag            text,
    retired         boolean NOT NULL DEFAULT false,
    edition_id      bigint NOT NULL REFERENCES reference_editions (id)
);
CREATE INDEX specialties_class_idx ON specialties (class_code);

-- A published list that designates regions: key assistance counties, hardship categories,
-- western-development provinces. A region absent from an incomplete list is *unknown*.
CREATE TABLE designation_lists (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('key_assistance_county', 'hardship_area', 'western_development')),
    edition     text NOT NULL CHECK (length(edition) > 0),
    title       text NOT NULL,
    source      text NOT NULL CHECK (length(source) > 0),
    complete    boolean NOT NULL,
    in_force    boolean NOT NULL DEFAULT true,
    edition_id  bigint NOT NULL REFERENCES reference_editions (id),
    UNIQUE (kind, edition)
);
-- At most one edition of each kind is in force at a time.
CREATE UNIQUE INDEX designation_lists_in_force_idx ON designation_lists (kind) WHERE in_force;

CREATE TABLE region_designations (
    list_id     bigint NOT NULL REFERENCES designation_lists (id) ON DELETE CASCADE,
    region_code text NOT NULL REFERENCES regions (code),
    -- Hardship categories run 1 (mildest) to 6; other lists have no category.
    category    smallint CHECK (category BETWEEN 1 AND 6),
    note        text,
    PRIMARY KEY (list_id, region_code)
);
CREATE INDEX region_designations_region_idx ON region_designations (region_code);
