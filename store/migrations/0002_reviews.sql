-- figures store, version 2: reviewers' decisions on links. A decision is keyed
-- by the two documents' content hashes and the two claims' spans (-1, -1 for
-- the missing side of a dropped or added figure), not by link id, so it
-- survives re-ingestion and re-checking of the pair.
CREATE TABLE reviews (
    id         INTEGER PRIMARY KEY,
    zh_hash    TEXT    NOT NULL,
    en_hash    TEXT    NOT NULL,
    zh_start   INTEGER NOT NULL,
    zh_end     INTEGER NOT NULL,
    en_start   INTEGER NOT NULL,
    en_end     INTEGER NOT NULL,
    decision   TEXT    NOT NULL CHECK (decision IN ('confirmed_error', 'false_alarm', 'second_look')),
    note       TEXT    NOT NULL DEFAULT '',
    decided_at TEXT    NOT NULL,
    UNIQUE (zh_hash, en_hash, zh_start, zh_end, en_start, en_end)
) STRICT;
