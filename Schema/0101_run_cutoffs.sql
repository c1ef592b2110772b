-- One cutoff per post per night (issue 16, ADR 0037): the lowest priority the post admitted
-- that night (a score, or a position when priorities are ranks), or neither while it had
-- seats left. With the candidate's ranking, profile and the night's policies, this is all a
-- candidate's page needs to explain every post they ranked (the cutoff form of a stable
-- matching, Azevedo and Leshno), instead of an explanation row per candidate and post.
--
-- Written by the night in its one transaction, one UNNEST statement. No row-level foreign
-- keys (ADR 0021): the rows come from the run's own snapshot in the run's own transaction,
-- and neither runs nor posts are ever deleted. Cutoffs are published results (公示): every
-- application session may read them, as it reads the runs.
CREATE TABLE run_cutoffs (
    run_id      bigint NOT NULL,
    vacancy_id  bigint NOT NULL,
    score       numeric(9, 4),
    rank        integer CHECK (rank >= 1),
    CHECK (score IS NULL OR rank IS NULL),
    PRIMARY KEY (run_id, vacancy_id)
);
GRANT INSERT ON run_cutoffs TO talentmatch_app;
