-- County boundaries for the staff console's fill-rate map (issue 15, ADR 0055).
--
-- One row per county: its outline as SVG path data in its province's plane (an
-- equirectangular projection, 10,000 units across the province's widest side, whole units),
-- so the console draws any office's area (a province, a prefecture, a county) by choosing a
-- view box, with no projection at request time. Loaded by `talentmatch reference load` from
-- Schema/reference/county_boundaries/, one file per province, with its edition and source in
-- reference_editions like every other reference table (Schema/reference/SOURCES.md).
-- Reference data is public: no row-level security, read by every role.

ALTER TABLE reference_editions DROP CONSTRAINT reference_editions_dataset_check;
ALTER TABLE reference_editions ADD CONSTRAINT reference_editions_dataset_check
    CHECK (dataset IN ('regions', 'specialties', 'designations', 'boundaries'));

CREATE TABLE region_boundaries (
    region_code   text PRIMARY KEY REFERENCES regions (code),
    province_code text NOT NULL REFERENCES regions (code),
    -- Absolute move, then relative lines, closed: `M120 40l3-2l5 0z…`, digits only, so the
    -- page can embed it as it is.
    path          text NOT NULL CHECK (path ~ '^(M[0-9]+ [0-9]+(l-?[0-9]+ ?-?[0-9]+)+z)+$'),
    edition_id    bigint NOT NULL REFERENCES reference_editions (id)
);
CREATE INDEX region_boundaries_province_idx ON region_boundaries (province_code);

GRANT SELECT ON region_boundaries TO talentmatch_app;
