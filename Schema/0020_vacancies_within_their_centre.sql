-- A vacancy lies in its centre's region or below it (issue 13: a centre of 巴中 posted a
-- vacancy in 广元, which 广元's office could then read and 巴中's could not). The API and the
-- CSV import refuse such a post naming the field or the row; this is the database's own
-- check, for every other way a row can be written.
--
-- Statement-level triggers with transition tables: a bulk import of 100,000 posts is
-- checked by one join per statement, not one lookup per row. Rows written before this
-- migration are not re-checked (an upgrade must not fail on them); the runbook's query
-- lists any such post so that its centre can move or close it.

CREATE FUNCTION vacancies_within_centre_region() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    outside record;
BEGIN
    SELECT n.id, n.region_code, c.code AS centre, c.region_code AS centre_region
    INTO outside
    FROM new_vacancies n
    JOIN centres c ON c.id = n.centre_id
    JOIN regions r ON r.code = c.region_code
    WHERE n.region_code NOT LIKE r.prefix || '%'
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'vacancy % is in region %, outside its centre % (region %)',
            outside.id, outside.region_code, outside.centre, outside.centre_region
            USING ERRCODE = 'check_violation',
                  HINT = 'a centre posts only in its own region and the regions below it';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER vacancies_within_centre_region_insert
    AFTER INSERT ON vacancies REFERENCING NEW TABLE AS new_vacancies
    FOR EACH STATEMENT EXECUTE FUNCTION vacancies_within_centre_region();

CREATE TRIGGER vacancies_within_centre_region_update
    AFTER UPDATE ON vacancies REFERENCING NEW TABLE AS new_vacancies
    FOR EACH STATEMENT EXECUTE FUNCTION vacancies_within_centre_region();
