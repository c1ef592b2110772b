-- Row-level security's scope functions, made cheap to call (issue 13).
--
-- Every scoped table's policy calls these, and a query over a post and its children (offers,
-- specialties, incentives, household rules) calls them in every policy of every table it
-- touches, nested ones included: about fifteen calls for the API's vacancy page. As SQL
-- functions with a FROM clause they could not be inlined, and PostgreSQL plans the body of
-- such a function again at every query that calls it: under load, half of PostgreSQL's time
-- on the API's vacancy list went to that (perf; docs/performance.md, ADR 0029).
--
-- The two that only read the setting become single expressions, which the planner inlines
-- into the policy. The three that read tables become PL/pgSQL, whose statements are planned
-- once per connection and cached. What each returns is unchanged, for every setting.

CREATE OR REPLACE FUNCTION talentmatch_scope_centre() RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN current_setting('talentmatch.scope', true) ~ '^centre:[0-9]{1,18}$'
                THEN substr(current_setting('talentmatch.scope', true), 8)::bigint END
$$;

CREATE OR REPLACE FUNCTION talentmatch_scope_office() RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN current_setting('talentmatch.scope', true) ~ '^office:[0-9]{1,18}$'
                THEN substr(current_setting('talentmatch.scope', true), 8)::bigint END
$$;

CREATE OR REPLACE FUNCTION talentmatch_scope_region_pattern() RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN (SELECT r.prefix || '%' FROM offices o JOIN regions r ON r.code = o.region_code
            WHERE o.id = talentmatch_scope_office());
END
$$;

CREATE OR REPLACE FUNCTION talentmatch_scope_offices() RETURNS bigint[]
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN (SELECT coalesce(array_agg(o.id), '{}') FROM offices o WHERE o.region_code LIKE talentmatch_scope_region_pattern());
END
$$;

CREATE OR REPLACE FUNCTION talentmatch_scope_market() RETURNS bigint
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
    RETURN (SELECT o.market_id FROM offices o WHERE o.id = talentmatch_scope_office());
END
$$;
