-- How a night's couples phase ended (issue 17, ADR 0039): `no-couples`, `heuristic`,
-- `reordered`, `exact-search`, or the fallback `unsettled` / `no-stable-matching`, for which
-- the night is held for review and releases no offer. NULL for runs before couples reached
-- the night, and for nights that stopped before the engine ran.
ALTER TABLE match_runs ADD COLUMN couples_settlement text CHECK (couples_settlement IN
    ('no-couples', 'heuristic', 'reordered', 'exact-search', 'unsettled', 'no-stable-matching'));
ALTER TABLE match_runs ADD COLUMN couples integer CHECK (couples >= 0);
GRANT UPDATE (couples_settlement, couples) ON match_runs TO talentmatch_app;
