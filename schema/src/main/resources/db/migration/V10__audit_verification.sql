-- The last verification of every account's read models against a replay of the events (issue 8). One row, replaced
-- by each run, so every engine node reports the same last result in its health details and metrics. Not a read
-- model: no processing group owns it, and a replay leaves it alone.
CREATE TABLE audit_verification (
    id                SMALLINT     PRIMARY KEY CHECK (id = 1),
    verified_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    accounts_checked  INTEGER      NOT NULL,
    events_replayed   BIGINT       NOT NULL,
    mismatch_count    INTEGER      NOT NULL,
    -- JSON array of the first mismatches (at most 100), each as POST /audit/verify lists it
    mismatches        TEXT         NOT NULL
);
