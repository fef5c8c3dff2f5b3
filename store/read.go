package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"figures/extract"
)

// DocInfo describes a stored document without its text.
type DocInfo struct {
	ID      int64
	Path    string
	Hash    string // hex SHA-256 of the raw file
	Version int
	Lang    string
	Title   string
	Date    string
	Source  string
	Claims  int // number of claims extracted from it
}

// PairSummary is one fact-checked document pair with its tallies.
type PairSummary struct {
	ID     int64
	ZH, EN DocInfo
	// Score is the pairing confidence, 0..1.
	Score float64
	// Matched counts links with verdict match or match_rounded.
	Matched, Mismatched, Dropped, Added int
}

// StoredClaim is a claim as stored: the extract record (File is the
// document's path) plus its row and document ids.
type StoredClaim struct {
	ID    int64
	DocID int64
	extract.Claim
}

// LinkDetail is one row of a pair's fact-check with both claims and the
// sentences they are in. ZH is nil for an added figure, EN for a dropped one.
type LinkDetail struct {
	ID          int64
	PairID      int64
	Verdict     string // match | match_rounded | mismatch | dropped | added
	Error       string // the error class of a mismatch, else ""
	Explanation string
	Bead        int
	ZH, EN      *StoredClaim
	// ZHSentence and ENSentence are the texts of the claims' sentences.
	ZHSentence, ENSentence string
}

const docInfoCols = `d.id, d.path, d.hash, d.version, d.lang, d.title, d.date, d.source,
	(SELECT count(*) FROM claims c WHERE c.doc_id = d.id)`

func scanDocInfo(sc interface{ Scan(...any) error }, d *DocInfo, extra ...any) error {
	return sc.Scan(append([]any{&d.ID, &d.Path, &d.Hash, &d.Version, &d.Lang, &d.Title, &d.Date, &d.Source, &d.Claims}, extra...)...)
}

// PairSummaries lists every stored document pair, ordered by the Chinese
// document's path.
func (db *DB) PairSummaries(ctx context.Context) ([]PairSummary, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT p.id, p.score, p.matched, p.mismatched, p.dropped, p.added,
		zd.id, zd.path, zd.hash, zd.version, zd.lang, zd.title, zd.date, zd.source, (SELECT count(*) FROM claims c WHERE c.doc_id = zd.id),
		ed.id, ed.path, ed.hash, ed.version, ed.lang, ed.title, ed.date, ed.source, (SELECT count(*) FROM claims c WHERE c.doc_id = ed.id)
		FROM pairs p JOIN documents zd ON zd.id = p.zh_doc JOIN documents ed ON ed.id = p.en_doc
		ORDER BY zd.path, zd.version, ed.path, p.id`)
	if err != nil {
		return nil, fmt.Errorf("list pairs: %w", err)
	}
	defer rows.Close()
	var out []PairSummary
	for rows.Next() {
		var p PairSummary
		z, e := &p.ZH, &p.EN
		if err := rows.Scan(&p.ID, &p.Score, &p.Matched, &p.Mismatched, &p.Dropped, &p.Added,
			&z.ID, &z.Path, &z.Hash, &z.Version, &z.Lang, &z.Title, &z.Date, &z.Source, &z.Claims,
			&e.ID, &e.Path, &e.Hash, &e.Version, &e.Lang, &e.Title, &e.Date, &e.Source, &e.Claims); err != nil {
			return nil, fmt.Errorf("list pairs: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list pairs: %w", err)
	}
	return out, nil
}

// Unpaired lists the documents that are in no pair (a Chinese bulletin with
// no English version, or the reverse), ordered by path.
func (db *DB) Unpaired(ctx context.Context) ([]DocInfo, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+docInfoCols+` FROM documents d
		WHERE NOT EXISTS (SELECT 1 FROM pairs p WHERE p.zh_doc = d.id OR p.en_doc = d.id)
		ORDER BY d.path, d.version`)
	if err != nil {
		return nil, fmt.Errorf("list unpaired documents: %w", err)
	}
	defer rows.Close()
	var out []DocInfo
	for rows.Next() {
		var d DocInfo
		if err := scanDocInfo(rows, &d); err != nil {
			return nil, fmt.Errorf("list unpaired documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Links returns the rows of a pair's fact-check in stored order, restricted
// to the given verdicts when any are named.
func (db *DB) Links(ctx context.Context, pairID int64, verdicts ...string) ([]LinkDetail, error) {
	q := `SELECT l.id, l.pair_id, l.verdict, l.error, l.explanation, l.bead,
		zc.id, zc.doc_id, zd.path, zc.lang, zc.sentence, zc.text, zc.start, zc."end", zc.kind, zc.value, zc.value_max, zc.unit, zc.qualifier, zc.context,
		coalesce(zs.text, ''),
		ec.id, ec.doc_id, ed.path, ec.lang, ec.sentence, ec.text, ec.start, ec."end", ec.kind, ec.value, ec.value_max, ec.unit, ec.qualifier, ec.context,
		coalesce(es.text, '')
		FROM links l
		JOIN pairs p ON p.id = l.pair_id
		JOIN documents zd ON zd.id = p.zh_doc
		JOIN documents ed ON ed.id = p.en_doc
		LEFT JOIN claims zc ON zc.id = l.zh_claim
		LEFT JOIN sentences zs ON zs.doc_id = zc.doc_id AND zs.idx = zc.sentence
		LEFT JOIN claims ec ON ec.id = l.en_claim
		LEFT JOIN sentences es ON es.doc_id = ec.doc_id AND es.idx = ec.sentence
		WHERE l.pair_id = ?`
	args := []any{pairID}
	if len(verdicts) > 0 {
		q += " AND l.verdict IN (?" + strings.Repeat(", ?", len(verdicts)-1) + ")"
		for _, v := range verdicts {
			args = append(args, v)
		}
	}
	q += " ORDER BY l.id"
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("links of pair %d: %w", pairID, err)
	}
	defer rows.Close()
	var out []LinkDetail
	for rows.Next() {
		var l LinkDetail
		var z, e nullClaim
		if err := rows.Scan(append(append([]any{&l.ID, &l.PairID, &l.Verdict, &l.Error, &l.Explanation, &l.Bead},
			append(z.dest(), &l.ZHSentence)...), append(e.dest(), &l.ENSentence)...)...); err != nil {
			return nil, fmt.Errorf("links of pair %d: %w", pairID, err)
		}
		l.ZH, l.EN = z.claim(), e.claim()
		out = append(out, l)
	}
	return out, rows.Err()
}

// Counts returns the number of rows in each table of the store, for
// summaries and for checking that a re-run stored nothing new.
func (db *DB) Counts(ctx context.Context) (map[string]int, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT name FROM sqlite_schema
		WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("count rows: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make(map[string]int, len(names))
	for _, n := range names {
		var c int
		// Names come from sqlite_schema, not from a user; quote them anyway.
		if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM "`+n+`"`).Scan(&c); err != nil {
			return nil, fmt.Errorf("count %s: %w", n, err)
		}
		out[n] = c
	}
	return out, nil
}

// nullClaim scans a LEFT JOINed claim whose columns may all be NULL.
type nullClaim struct {
	id, doc, sentence, start, end                           sql.NullInt64
	file, lang, text, kind, value, max, unit, qual, context sql.NullString
}

func (n *nullClaim) dest() []any {
	return []any{&n.id, &n.doc, &n.file, &n.lang, &n.sentence, &n.text, &n.start, &n.end,
		&n.kind, &n.value, &n.max, &n.unit, &n.qual, &n.context}
}

func (n *nullClaim) claim() *StoredClaim {
	if !n.id.Valid {
		return nil
	}
	return &StoredClaim{ID: n.id.Int64, DocID: n.doc.Int64, Claim: extract.Claim{
		File: n.file.String, Lang: n.lang.String, Sentence: int(n.sentence.Int64),
		Text: n.text.String, Start: int(n.start.Int64), End: int(n.end.Int64),
		Kind: extract.Kind(n.kind.String), Value: n.value.String, ValueMax: n.max.String,
		Unit: n.unit.String, Qualifier: extract.Qualifier(n.qual.String), Context: n.context.String,
	}}
}

// DocumentByHash returns the id of the stored document with the given
// content hash, if any: a batch ingest asks before it spends time analysing
// a file it already has.
func (db *DB) DocumentByHash(ctx context.Context, hash string) (id int64, ok bool, err error) {
	err = db.sql.QueryRowContext(ctx, "SELECT id FROM documents WHERE hash = ?", hash).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, nil
	case err != nil:
		return 0, false, fmt.Errorf("look up document %.12s: %w", hash, err)
	}
	return id, true, nil
}

// StoredDocument is a document as stored, with its sentences and claims.
type StoredDocument struct {
	DocInfo
	Format, Encoding string
	IngestedAt       string
	Text             string
	Sentences        []StoredSentence
	Claims           []StoredClaim
}

// StoredSentence is a stored sentence; Start and End are code points into
// the document's Text.
type StoredSentence struct {
	Index, Para int
	Lang        string
	Start, End  int
	Text        string
}

// Document loads the document with the given id, with its sentences and
// claims in text order. It returns an error wrapping sql.ErrNoRows when
// there is no such document.
func (db *DB) Document(ctx context.Context, id int64) (*StoredDocument, error) {
	d := &StoredDocument{}
	row := db.sql.QueryRowContext(ctx, `SELECT `+docInfoCols+`, d.format, d.encoding, d.ingested_at, d.text
		FROM documents d WHERE d.id = ?`, id)
	if err := scanDocInfo(row, &d.DocInfo, &d.Format, &d.Encoding, &d.IngestedAt, &d.Text); err != nil {
		return nil, fmt.Errorf("document %d: %w", id, err)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT idx, para, lang, start, "end", text FROM sentences
		WHERE doc_id = ? ORDER BY idx`, id)
	if err != nil {
		return nil, fmt.Errorf("document %d: %w", id, err)
	}
	for rows.Next() {
		var s StoredSentence
		if err := rows.Scan(&s.Index, &s.Para, &s.Lang, &s.Start, &s.End, &s.Text); err != nil {
			rows.Close()
			return nil, fmt.Errorf("document %d: %w", id, err)
		}
		d.Sentences = append(d.Sentences, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("document %d: %w", id, err)
	}
	rows, err = db.sql.QueryContext(ctx, `SELECT id, doc_id, lang, sentence, text, start, "end", kind, value,
		value_max, unit, qualifier, context FROM claims WHERE doc_id = ? ORDER BY start, id`, id)
	if err != nil {
		return nil, fmt.Errorf("document %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		c := StoredClaim{}
		var kind, qual string
		if err := rows.Scan(&c.ID, &c.DocID, &c.Lang, &c.Sentence, &c.Text, &c.Start, &c.End, &kind, &c.Value,
			&c.ValueMax, &c.Unit, &qual, &c.Context); err != nil {
			return nil, fmt.Errorf("document %d: %w", id, err)
		}
		c.File, c.Kind, c.Qualifier = d.Path, extract.Kind(kind), extract.Qualifier(qual)
		d.Claims = append(d.Claims, c)
	}
	return d, rows.Err()
}
