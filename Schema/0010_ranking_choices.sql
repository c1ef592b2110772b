-- Each ranking version also carries its choices as one array, so that the nightly snapshot
-- reads a million rankings as a million rows instead of aggregating thirty million entries.
-- ranking_entries stays the normalised truth (foreign keys to vacancies); the array is kept
-- in step by a statement-level trigger, and entries of a version never change afterwards.

ALTER TABLE rankings ADD COLUMN choices bigint[] NOT NULL DEFAULT '{}';

UPDATE rankings r SET choices = e.list
FROM (SELECT ranking_id, array_agg(vacancy_id ORDER BY rank) AS list FROM ranking_entries GROUP BY ranking_id) e
WHERE e.ranking_id = r.id;

-- SECURITY DEFINER: the application role inserts entries but may not update rankings itself.
CREATE FUNCTION collect_ranking_choices() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    UPDATE rankings r SET choices = coalesce(
        (SELECT array_agg(e.vacancy_id ORDER BY e.rank) FROM ranking_entries e WHERE e.ranking_id = r.id), '{}')
    WHERE r.id IN (SELECT DISTINCT ranking_id FROM changed);
    RETURN NULL;
END;
$$;

CREATE TRIGGER ranking_entries_collect_insert AFTER INSERT ON ranking_entries
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION collect_ranking_choices();
CREATE TRIGGER ranking_entries_collect_delete AFTER DELETE ON ranking_entries
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION collect_ranking_choices();
CREATE TRIGGER ranking_entries_immutable BEFORE UPDATE ON ranking_entries
    FOR EACH ROW EXECUTE FUNCTION reject_change('a ranking version never changes; submit a new version instead');
