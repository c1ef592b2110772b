-- Migration 0103's cost on a seed (ADR 0051, docs/performance.md): 100,000 posts in two
-- statements of 50,000, two specialty requirements each, a household rule on every tenth, in
-- one transaction, as MarketSeeder writes them; rolled back. Run against a demo database
-- (`talentmatch demo --no-serve`, then `psql "$(talentmatch db url)" -f …`), alternately with
-- the three insert triggers of 0103 disabled and enabled (ALTER TABLE … DISABLE TRIGGER).
\timing on
BEGIN;
SET LOCAL synchronous_commit = off;
INSERT INTO vacancies (centre_id, external_id, title, region_code, seats, staffing_type, min_education, accepted_modes, status)
SELECT (SELECT min(id) FROM centres), 'BENCH-' || g, 'bench post ' || g, '511922', 2, 'institution', 'associate',
       ARRAY['full_transfer'], 'open'
FROM generate_series(1, 50000) g;
INSERT INTO vacancies (centre_id, external_id, title, region_code, seats, staffing_type, min_education, accepted_modes, status)
SELECT (SELECT min(id) FROM centres), 'BENCH-' || g, 'bench post ' || g, '511922', 2, 'institution', 'associate',
       ARRAY['full_transfer'], 'open'
FROM generate_series(50001, 100000) g;
INSERT INTO vacancy_specialties (vacancy_id, specialty_code, accepted_fit)
SELECT v.id, s.code, 'same_class' FROM vacancies v CROSS JOIN (VALUES ('090101'), ('090102')) s(code)
WHERE v.external_id LIKE 'BENCH-%' AND substring(v.external_id from 7)::int <= 50000;
INSERT INTO vacancy_specialties (vacancy_id, specialty_code, accepted_fit)
SELECT v.id, s.code, 'same_class' FROM vacancies v CROSS JOIN (VALUES ('090101'), ('090102')) s(code)
WHERE v.external_id LIKE 'BENCH-%' AND substring(v.external_id from 7)::int > 50000;
INSERT INTO vacancy_household_rules (vacancy_id, kind, region_code, legal_basis)
SELECT v.id, 'registered_within', '511900', 'bench legal basis' FROM vacancies v
WHERE v.external_id LIKE 'BENCH-%' AND substring(v.external_id from 7)::int % 10 = 0;
SELECT count(*) AS versions FROM vacancy_requirement_versions;
ROLLBACK;
