-- A candidate's ordered choices. Every change makes a new version, so a run can name the
-- exact version it froze, and an auditor can see what the candidate had asked for.

CREATE TABLE rankings (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidate_id  bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    version       integer NOT NULL CHECK (version > 0),
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (candidate_id, version)
);

CREATE TABLE ranking_entries (
    ranking_id  bigint NOT NULL REFERENCES rankings (id) ON DELETE CASCADE,
    rank        smallint NOT NULL CHECK (rank BETWEEN 1 AND 100),
    vacancy_id  bigint NOT NULL REFERENCES vacancies (id),
    PRIMARY KEY (ranking_id, rank),
    UNIQUE (ranking_id, vacancy_id)
);

-- The newest version of each candidate's ranking.
CREATE VIEW current_rankings AS
SELECT DISTINCT ON (candidate_id) id, candidate_id, version, submitted_at
FROM rankings
ORDER BY candidate_id, version DESC;
