-- figures store, version 1: documents and what was read from them, document
-- pairs with their sentence alignment and figure links, and ingest errors.
-- Offsets (start, end) are code points into documents.text, end exclusive.
-- Values are exact decimals kept as TEXT so no reader turns them into floats.

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    path        TEXT    NOT NULL,
    hash        TEXT    NOT NULL UNIQUE, -- SHA-256 of the raw bytes
    version     INTEGER NOT NULL,        -- 1 for the first content seen at path, then 2, ...
    format      TEXT    NOT NULL,        -- text | html
    encoding    TEXT    NOT NULL,
    lang        TEXT    NOT NULL,        -- zh-Hans | zh-Hant | en | mixed | '' (no letters)
    title       TEXT    NOT NULL DEFAULT '',
    date        TEXT    NOT NULL DEFAULT '', -- YYYY-MM-DD when known
    source      TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL,
    ingested_at TEXT    NOT NULL
) STRICT;
CREATE INDEX documents_path ON documents(path, version);

CREATE TABLE paragraphs (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx    INTEGER NOT NULL,
    lang   TEXT    NOT NULL,
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) STRICT;

CREATE TABLE sentences (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx    INTEGER NOT NULL,
    para   INTEGER NOT NULL,
    lang   TEXT    NOT NULL CHECK (lang IN ('zh', 'en')), -- the grammar it was read with
    start  INTEGER NOT NULL CHECK (start >= 0),
    "end"  INTEGER NOT NULL CHECK ("end" >= start),
    text   TEXT    NOT NULL,
    PRIMARY KEY (doc_id, idx)
) STRICT;

CREATE TABLE claims (
    id        INTEGER PRIMARY KEY,
    doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence  INTEGER NOT NULL,
    lang      TEXT    NOT NULL CHECK (lang IN ('zh', 'en')),
    start     INTEGER NOT NULL CHECK (start >= 0),
    "end"     INTEGER NOT NULL CHECK ("end" > start),
    text      TEXT    NOT NULL,
    -- The enumerations are the CLI contract (README); a value outside them is
    -- a bug upstream and must fail the document's transaction, not leak out.
    kind      TEXT    NOT NULL CHECK (kind IN ('count', 'money', 'percent', 'percent_points',
                                               'ratio', 'multiple', 'measure', 'rate')),
    value     TEXT    NOT NULL CHECK (value <> ''),
    value_max TEXT    NOT NULL DEFAULT '',
    unit      TEXT    NOT NULL DEFAULT '',
    qualifier TEXT    NOT NULL CHECK (qualifier IN ('exact', 'approx', 'more_than', 'less_than',
                                                    'nearly', 'at_least', 'at_most', 'range')),
    context   TEXT    NOT NULL DEFAULT '',
    UNIQUE (doc_id, start, "end"),
    FOREIGN KEY (doc_id, sentence) REFERENCES sentences(doc_id, idx)
) STRICT;
CREATE INDEX claims_kind_value ON claims(kind, value);

CREATE TABLE pairs (
    id         INTEGER PRIMARY KEY,
    zh_doc     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    en_doc     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    score      REAL    NOT NULL, -- pairing confidence, 0..1
    matched    INTEGER NOT NULL DEFAULT 0,
    mismatched INTEGER NOT NULL DEFAULT 0,
    dropped    INTEGER NOT NULL DEFAULT 0,
    added      INTEGER NOT NULL DEFAULT 0,
    created_at TEXT    NOT NULL,
    UNIQUE (zh_doc, en_doc)
) STRICT;

CREATE TABLE alignments (
    pair_id      INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    bead         INTEGER NOT NULL,
    zh_sentences TEXT    NOT NULL, -- JSON array of sentence indexes
    en_sentences TEXT    NOT NULL,
    score        REAL    NOT NULL,
    PRIMARY KEY (pair_id, bead)
) STRICT;

-- One row per figure of a pair: a link (match, match_rounded, mismatch) has
-- both claims, a dropped figure only zh_claim, an added one only en_claim.
CREATE TABLE links (
    id          INTEGER PRIMARY KEY,
    pair_id     INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    zh_claim    INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    en_claim    INTEGER REFERENCES claims(id) ON DELETE CASCADE,
    verdict     TEXT    NOT NULL CHECK (verdict IN ('match', 'match_rounded', 'mismatch', 'dropped', 'added')),
    error       TEXT    NOT NULL DEFAULT '' CHECK (error IN ('', 'magnitude', 'digits', 'decimal', 'rounding',
                                  'unit', 'qualifier', 'percent_vs_points', 'sign', 'other')),
    explanation TEXT    NOT NULL DEFAULT '',
    bead        INTEGER NOT NULL DEFAULT -1, -- alignments.bead, or -1 when found across the document
    CHECK (zh_claim IS NOT NULL OR en_claim IS NOT NULL),
    CHECK ((verdict = 'dropped') = (en_claim IS NULL) AND (verdict = 'added') = (zh_claim IS NULL)),
    CHECK ((verdict = 'mismatch') = (error <> ''))
) STRICT;
CREATE INDEX links_pair ON links(pair_id, verdict);

CREATE TABLE errors (
    id     INTEGER PRIMARY KEY,
    path   TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
) STRICT;
