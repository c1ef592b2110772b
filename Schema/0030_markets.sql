-- Markets (issue 14, ADR 0030): the offices whose posts candidates rank together. Each night
-- one run matches a whole market, every post ordered by its own office's policy, so the
-- result no longer depends on which office ran first.
--
-- A deployment is one market by default ('main'); every office belongs to exactly one. An
-- operator may split the deployment (say, by province) only where no candidate can rank
-- across the split: a candidate's ranking names posts of one market (checked when a ranking
-- is saved, and when an office moves to another market).

CREATE TABLE markets (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$'),
    name        text NOT NULL CHECK (length(btrim(name)) > 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO markets (code, name) VALUES ('main', 'All offices of this deployment');

-- The market a new office joins when none is named: the only one, while there is only one.
-- With several markets it is NULL, and the NOT NULL below asks for an explicit choice.
CREATE FUNCTION sole_market() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN count(*) = 1 THEN min(id) END FROM markets
$$;

ALTER TABLE offices ADD COLUMN market_id bigint REFERENCES markets (id);
UPDATE offices SET market_id = (SELECT id FROM markets WHERE code = 'main');
ALTER TABLE offices ALTER COLUMN market_id SET DEFAULT sole_market(),
                    ALTER COLUMN market_id SET NOT NULL;
CREATE INDEX offices_market_idx ON offices (market_id);

GRANT SELECT ON markets TO talentmatch_app;
GRANT UPDATE (market_id) ON offices TO talentmatch_app;

-- The markets of a set of posts, for the checks below.
CREATE FUNCTION vacancy_markets(vacancy_ids bigint[]) RETURNS bigint[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(DISTINCT o.market_id), '{}')
    FROM vacancies v JOIN centres c ON c.id = v.centre_id JOIN offices o ON o.id = c.office_id
    WHERE v.id = ANY (vacancy_ids)
$$;

-- A ranking names posts of one market only. Checked per statement over the entries it
-- inserted (a ranking version's entries arrive in one statement), as one join, and not at
-- all while the deployment is one market.
CREATE FUNCTION check_ranking_one_market() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    crossing bigint;
BEGIN
    IF (SELECT count(*) FROM markets) < 2 THEN
        RETURN NULL;
    END IF;
    SELECT e.ranking_id INTO crossing
    FROM changed e JOIN vacancies v ON v.id = e.vacancy_id JOIN centres c ON c.id = v.centre_id JOIN offices o ON o.id = c.office_id
    GROUP BY e.ranking_id
    HAVING count(DISTINCT o.market_id) > 1
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ranking % names posts of more than one market', crossing
            USING ERRCODE = 'check_violation', HINT = 'a candidate ranks posts of one market only';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ranking_entries_one_market AFTER INSERT ON ranking_entries
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION check_ranking_one_market();

-- An office moves to another market only if no candidate's current ranking then spans two.
CREATE FUNCTION check_office_market_move() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    candidate bigint;
BEGIN
    -- Only rankings that name one of the office's posts can start to span two markets.
    SELECT k.candidate_id INTO candidate
    FROM (SELECT DISTINCT ON (candidate_id) id, candidate_id, choices FROM rankings ORDER BY candidate_id, version DESC) k
    WHERE k.choices && (SELECT coalesce(array_agg(v.id), '{}') FROM vacancies v JOIN centres c ON c.id = v.centre_id
                        WHERE c.office_id = NEW.id)
      AND cardinality(vacancy_markets(k.choices)) > 1
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'office % cannot move to market %: candidate %''s ranking would then name posts of two markets',
            NEW.code, NEW.market_id, candidate
            USING ERRCODE = 'check_violation', HINT = 'split markets only where no candidate ranks across the split';
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER offices_market_move AFTER UPDATE OF market_id ON offices
    DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW WHEN (OLD.market_id IS DISTINCT FROM NEW.market_id)
    EXECUTE FUNCTION check_office_market_move();
