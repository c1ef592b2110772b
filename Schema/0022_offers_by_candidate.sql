-- A candidate's offer page reads their newest offer (CandidateOfferStore.newest: by candidate,
-- newest first). Only pending and accepted offers had an index by candidate (0008's partial
-- unique indexes), so a candidate whose offers were all declined or expired made every view
-- of the page scan the whole offers table, which grows by a night's offers every night
-- (issue 13's profile of the offer page). With this index the page reads one index entry.
--
-- Building it locks writes to offers for the time it takes (seconds for a few million rows);
-- apply it outside the nightly run, as every migration.

CREATE INDEX offers_candidate_newest_idx ON offers (candidate_id, created_at DESC, id DESC);
