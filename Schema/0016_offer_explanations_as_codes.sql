-- Offer explanations as codes, stored as json (issue 4; ADR 0023).
--
-- Measured at 1M candidates: the night's ~300,000 explanations were 440 MB of keyed English
-- prose, and PostgreSQL spent 8.7 of the offers insert's ~14 s parsing them into jsonb.
-- From this migration the nightly job writes version 2 (`{"v": 2, …}`: codes and numbers in
-- positional arrays, a third of the size; see MatchStore's OfferExplanation), and the column
-- is `json`: PostgreSQL still checks every value is well-formed JSON, but keeps the text
-- as written instead of building a binary tree nobody queries. Readers render the codes in
-- their own language. Rows written before this migration keep version 1 (no "v" key), which
-- the gateway still reads.
ALTER TABLE offers ALTER COLUMN explanation DROP DEFAULT;
ALTER TABLE offers ALTER COLUMN explanation TYPE json USING explanation::json;
ALTER TABLE offers ALTER COLUMN explanation SET DEFAULT '{}'::json;

-- The posts an explanation names as ranked above, for readers that show their titles:
-- `[id, reason, …]` in version 2, `{"vacancy": "v<id>", …}` in version 1.
CREATE FUNCTION offer_explanation_vacancies(explanation json) RETURNS SETOF bigint
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN json_typeof(e) = 'array' THEN (e ->> 0)::bigint
                ELSE substr(e ->> 'vacancy', 2)::bigint END
    FROM json_array_elements(CASE WHEN json_typeof(explanation -> 'rankedAbove') = 'array'
                                  THEN explanation -> 'rankedAbove' ELSE '[]'::json END) e
$$;
