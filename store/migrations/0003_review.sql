-- figures store, version 3: what the review UI (figures serve) reads often.
--
-- Indexes for looking up links by claim (a document page colours each
-- figure by the verdicts of its links; deleting claims cascades to links) and
-- pairs by their English document.
CREATE INDEX IF NOT EXISTS links_zh_claim ON links(zh_claim);
CREATE INDEX IF NOT EXISTS links_en_claim ON links(en_claim);
CREATE INDEX IF NOT EXISTS pairs_en_doc ON pairs(en_doc);

-- link_reviews joins every link with the reviewer's decision on it, if any.
-- Decisions are keyed by document hashes and claim spans (see 0002), so this
-- view is where a decision meets the link it was made on, however often the
-- pair has been re-checked since. A missing side's span is -1, -1.
CREATE VIEW IF NOT EXISTS link_reviews AS
SELECT l.id          AS link_id,
       l.pair_id     AS pair_id,
       l.verdict     AS verdict,
       l.error       AS error,
       l.explanation AS explanation,
       l.bead        AS bead,
       l.zh_claim    AS zh_claim,
       l.en_claim    AS en_claim,
       zd.hash       AS zh_hash,
       ed.hash       AS en_hash,
       COALESCE(zc.start, -1) AS zh_start,
       COALESCE(zc."end", -1) AS zh_end,
       COALESCE(ec.start, -1) AS en_start,
       COALESCE(ec."end", -1) AS en_end,
       r.id          AS review_id,
       r.decision    AS decision,
       r.note        AS note,
       r.decided_at  AS decided_at
FROM links l
JOIN pairs p      ON p.id = l.pair_id
JOIN documents zd ON zd.id = p.zh_doc
JOIN documents ed ON ed.id = p.en_doc
LEFT JOIN claims zc ON zc.id = l.zh_claim
LEFT JOIN claims ec ON ec.id = l.en_claim
LEFT JOIN reviews r ON r.zh_hash = zd.hash AND r.en_hash = ed.hash
                   AND r.zh_start = COALESCE(zc.start, -1) AND r.zh_end = COALESCE(zc."end", -1)
                   AND r.en_start = COALESCE(ec.start, -1) AND r.en_end = COALESCE(ec."end", -1);
