-- Caps and floors name a real region inside the office's own region (issue 19, ADR 0045).
-- A cap on a code that is not in the regions table, or on a region of another office, was
-- stored and then bound nothing. PolicyStore checks this before it writes, so that the CLI
-- and the API can name the setting; this trigger refuses the same rows from any writer.
-- Rows stored before this migration are not checked again (versions are immutable).

CREATE FUNCTION check_policy_region() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    office_code text;
    office_prefix text;
BEGIN
    SELECT o.code, r.prefix INTO office_code, office_prefix
    FROM policies p JOIN offices o ON o.id = p.office_id JOIN regions r ON r.code = o.region_code
    WHERE p.id = NEW.policy_id;
    IF NOT EXISTS (SELECT 1 FROM regions g
                   WHERE g.prefix = NEW.region_prefix AND (g.valid_to IS NULL OR g.valid_to > current_date)) THEN
        RAISE EXCEPTION 'no region % in the regions table', NEW.region_prefix USING ERRCODE = 'check_violation';
    END IF;
    IF left(NEW.region_prefix, length(office_prefix)) <> office_prefix THEN
        RAISE EXCEPTION 'region % lies outside office %''s region', NEW.region_prefix, office_code
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER policy_region_inside_office BEFORE INSERT ON policy_region_constraints
    FOR EACH ROW EXECUTE FUNCTION check_policy_region();
