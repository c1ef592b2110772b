-- A night's offer messages written after the night (issue 18; ADR 0047).
--
-- Writing one outbox row per offer and channel inside the night's transaction made the
-- national night (300,000 offers) 1.3 times as long. Instead the night writes one row here,
-- in its own transaction, before its offers: the event "run N released its offers". Every
-- offer of the run has an id above `after_offer_id` (ids are handed out in order, and the
-- row reads the highest one before the run's first offer is inserted). The delivery worker
-- turns the row into messages in batches, each batch in its own transaction with the
-- advance of `after_offer_id`, so a worker stopped mid-way resumes exactly where it was,
-- and the outbox's unique key keeps a batch written twice from counting twice.
CREATE TABLE outbox_releases (
    run_id          bigint PRIMARY KEY REFERENCES match_runs (id),
    -- Offers of the run up to this id have their messages.
    after_offer_id  bigint NOT NULL CHECK (after_offer_id >= 0),
    -- Offers whose messages are written so far (whatever their number of channels).
    offers_told     integer NOT NULL DEFAULT 0 CHECK (offers_told >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- Set when the last batch found nothing more: every offer of the run has its messages.
    finished_at     timestamptz
);
-- What the worker looks at on every pass: usually nothing.
CREATE INDEX outbox_releases_open_idx ON outbox_releases (run_id) WHERE finished_at IS NULL;

GRANT SELECT, INSERT ON outbox_releases TO talentmatch_app;
GRANT UPDATE (after_offer_id, offers_told, finished_at) ON outbox_releases TO talentmatch_app;
