-- Undo every nightly run on a benchmark database, so the next run is a first night again
-- without reloading the market (680 s at 1M candidates). Benchmarks only: it deletes offers,
-- which the application can never do, by switching triggers off as the superuser.
--
--   psql -h "$TALENTMATCH_HOME/pg" -U postgres -d talentmatch -f Benchmarks/nightly-reset.sql
--
-- The VACUUM and CHECKPOINT matter: without them the next run inserts into indexes full of
-- dead entries (PostgreSQL's bottom-up index deletion then cost 7 % of the server's time in
-- the write), which a real first night never sees.
SET session_replication_role = replica;
DELETE FROM outbox_attempts;
DELETE FROM outbox_messages;
DELETE FROM outbox_releases;
DELETE FROM offer_transitions;
DELETE FROM seat_priorities;
DELETE FROM review_requests;
DELETE FROM couple_offer_answers;
DELETE FROM couple_offers;
DELETE FROM offers;
DELETE FROM run_cutoffs;
DELETE FROM match_run_snapshots;
DELETE FROM match_run_offices;
DELETE FROM match_run_exclusions;
DELETE FROM market_freeze_secrets;
DELETE FROM market_freezes;
ALTER TABLE match_runs DROP CONSTRAINT match_runs_check1;
UPDATE match_runs SET superseded_by = NULL;
DELETE FROM match_runs;
DELETE FROM audit_log WHERE action LIKE 'nightly%';
ALTER TABLE match_runs ADD CONSTRAINT match_runs_check1 CHECK ((status = 'superseded') = (superseded_by IS NOT NULL));
SET session_replication_role = origin;
VACUUM (ANALYZE) outbox_messages;
VACUUM outbox_attempts;
VACUUM outbox_releases;
VACUUM (ANALYZE) offers;
VACUUM couple_offers;
VACUUM run_cutoffs;
VACUUM (ANALYZE) offer_transitions;
VACUUM match_run_snapshots;
VACUUM match_runs;
VACUUM audit_log;
CHECKPOINT;
