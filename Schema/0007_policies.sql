-- Office policies: scoring weights and mechanism settings. A version is immutable once
-- written; a change is a new version, and every run names the version it used.

CREATE TABLE policies (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office_id            bigint NOT NULL REFERENCES offices (id),
    version              integer NOT NULL CHECK (version > 0),
    -- Feature name -> non-negative weight; features are the engine's ScoringFeature names.
    weights              jsonb NOT NULL CHECK (jsonb_typeof(weights) = 'object'),
    experience_cap       smallint NOT NULL DEFAULT 10 CHECK (experience_cap BETWEEN 1 AND 40),
    -- Required (and shown in every explanation) when the native-place weight is positive.
    native_place_reason  text,
    offer_days           smallint NOT NULL DEFAULT 7 CHECK (offer_days BETWEEN 1 AND 60),
    note                 text NOT NULL DEFAULT '',
    created_by           text NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (office_id, version),
    CHECK (coalesce((weights ->> 'native-place')::numeric, 0) = 0 OR length(btrim(coalesce(native_place_reason, ''))) > 0)
);

-- Regional caps (attractive regions) and floors (underserved ones) for a policy version.
-- A region entry applies to every vacancy whose region code starts with its prefix.
CREATE TABLE policy_region_constraints (
    policy_id     bigint NOT NULL REFERENCES policies (id),
    region_prefix text NOT NULL CHECK (region_prefix ~ '^([0-9]{2}){1,3}$'),
    cap           integer CHECK (cap >= 0),
    floor         integer CHECK (floor >= 0),
    reason        text NOT NULL DEFAULT '',
    PRIMARY KEY (policy_id, region_prefix),
    CHECK (cap IS NOT NULL OR floor IS NOT NULL),
    CHECK (cap IS NULL OR floor IS NULL OR floor <= cap)
);

-- Refuses a change with the message given as the trigger's argument.
CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER policies_immutable BEFORE UPDATE OR DELETE ON policies
    FOR EACH ROW EXECUTE FUNCTION reject_change('policy versions are immutable; create a new version instead');
CREATE TRIGGER policy_region_constraints_immutable BEFORE UPDATE OR DELETE ON policy_region_constraints
    FOR EACH ROW EXECUTE FUNCTION reject_change('policy versions are immutable; create a new version instead');
