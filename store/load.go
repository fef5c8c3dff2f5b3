package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"

	"figures/align"
	"figures/corpus"
	"figures/extract"
	"figures/segment"
)

// IsBusy reports whether err is SQLite's "database is locked": another
// connection held a lock longer than the busy timeout. The transaction that
// failed was rolled back and may be retried.
func IsBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// DocRef is a stored document's identity and what batch pairing groups it
// by.
type DocRef struct {
	ID      int64
	Path    string
	Hash    string
	Version int
	Lang    corpus.Lang
	Date    string
}

const docRefColumns = "d.id, d.path, d.hash, d.version, d.lang, d.date"

func scanRefs(rows *sql.Rows) ([]DocRef, error) {
	defer rows.Close()
	var out []DocRef
	for rows.Next() {
		var r DocRef
		var lang string
		if err := rows.Scan(&r.ID, &r.Path, &r.Hash, &r.Version, &lang, &r.Date); err != nil {
			return nil, err
		}
		r.Lang = corpus.Lang(lang)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Loader reads stored documents back with statements prepared once: batch
// ingestion asks for thousands of documents, and preparing each query anew
// would cost more than running it. A Loader is safe for concurrent use.
type Loader struct {
	db                                *sql.DB
	byHash, doc, paras, sents, claims *sql.Stmt
}

// NewLoader prepares the statements of a Loader; Close releases them.
func (db *DB) NewLoader(ctx context.Context) (*Loader, error) {
	l := &Loader{db: db.sql}
	for _, p := range []struct {
		stmt **sql.Stmt
		q    string
	}{
		{&l.byHash, "SELECT " + docRefColumns + " FROM documents d WHERE d.hash = ?"},
		{&l.doc, `SELECT path, hash, format, encoding, lang, title, date, source, text FROM documents WHERE id = ?`},
		{&l.paras, `SELECT lang, start, "end" FROM paragraphs WHERE doc_id = ? ORDER BY idx`},
		{&l.sents, `SELECT idx, para, lang, start, "end", text FROM sentences WHERE doc_id = ? ORDER BY idx`},
		{&l.claims, `SELECT sentence, lang, start, "end", text, kind, value, value_max, unit, qualifier, context
			FROM claims WHERE doc_id = ? ORDER BY start, "end"`},
	} {
		st, err := db.sql.PrepareContext(ctx, p.q)
		if err != nil {
			l.Close()
			return nil, fmt.Errorf("prepare %q: %w", p.q, err)
		}
		*p.stmt = st
	}
	return l, nil
}

// Close releases the Loader's statements.
func (l *Loader) Close() error {
	for _, st := range []*sql.Stmt{l.byHash, l.doc, l.paras, l.sents, l.claims} {
		if st != nil {
			st.Close()
		}
	}
	return nil
}

// DocumentByHash returns the stored document whose raw bytes hash to hash,
// if there is one. Batch ingestion asks before analysing a file, so that
// re-ingesting a folder costs a read and a hash per unchanged file.
func (db *DB) DocumentByHash(ctx context.Context, hash string) (DocRef, bool, error) {
	l, err := db.NewLoader(ctx)
	if err != nil {
		return DocRef{}, false, err
	}
	defer l.Close()
	return l.DocumentByHash(ctx, hash)
}

// DocumentByHash is DB.DocumentByHash with a prepared statement.
func (l *Loader) DocumentByHash(ctx context.Context, hash string) (DocRef, bool, error) {
	rows, err := l.byHash.QueryContext(ctx, hash)
	if err != nil {
		return DocRef{}, false, fmt.Errorf("look up %s: %w", hash, err)
	}
	refs, err := scanRefs(rows)
	if err != nil || len(refs) == 0 {
		return DocRef{}, false, err
	}
	return refs[0], true, nil
}

// EnsurePairingIndexes creates the indexes batch pairing queries by
// (documents by date, pairs by English document) when the schema lacks
// them. They are plain indexes: creating them is safe on any version of
// the schema and changes no data.
func (db *DB) EnsurePairingIndexes(ctx context.Context) error {
	for _, q := range []string{
		"CREATE INDEX IF NOT EXISTS documents_date ON documents(date)",
		"CREATE INDEX IF NOT EXISTS pairs_en_doc ON pairs(en_doc)",
	} {
		if _, err := db.sql.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create pairing index: %w", err)
		}
	}
	return nil
}

// unpaired selects current documents (no later version at the same path)
// that are not in a pair with another current document: the documents a
// new batch may still find a counterpart for.
const unpaired = `
	AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.path = d.path AND n.version > d.version)
	AND NOT EXISTS (SELECT 1 FROM pairs p JOIN documents o ON o.id = p.en_doc
		WHERE p.zh_doc = d.id AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.path = o.path AND n.version > o.version))
	AND NOT EXISTS (SELECT 1 FROM pairs p JOIN documents o ON o.id = p.zh_doc
		WHERE p.en_doc = d.id AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.path = o.path AND n.version > o.version))
	ORDER BY d.path, d.version`

// UnpairedOn returns the current, unpaired documents dated on any of dates
// (YYYY-MM-DD).
func (db *DB) UnpairedOn(ctx context.Context, dates ...string) ([]DocRef, error) {
	if len(dates) == 0 {
		return nil, nil
	}
	args := make([]any, len(dates))
	for i, d := range dates {
		args[i] = d
	}
	q := "SELECT " + docRefColumns + " FROM documents d WHERE d.date IN (?" + strings.Repeat(", ?", len(dates)-1) + ")" + unpaired
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("unpaired documents on %v: %w", dates, err)
	}
	return scanRefs(rows)
}

// UnpairedUndatedIn returns the current, unpaired documents with no date
// stored directly in folder dir (not in its subfolders).
func (db *DB) UnpairedUndatedIn(ctx context.Context, dir string) ([]DocRef, error) {
	prefix, upper := folderRange(dir)
	q := "SELECT " + docRefColumns + " FROM documents d WHERE d.date = '' AND d.path >= ? AND d.path < ?" + unpaired
	rows, err := db.sql.QueryContext(ctx, q, prefix, upper)
	if err != nil {
		return nil, fmt.Errorf("unpaired documents in %s: %w", dir, err)
	}
	refs, err := scanRefs(rows)
	if err != nil {
		return nil, err
	}
	out := refs[:0]
	for _, r := range refs {
		if !strings.Contains(r.Path[len(prefix):], "/") {
			out = append(out, r)
		}
	}
	return out, nil
}

// folderRange returns the range of paths under folder dir: path >= prefix
// AND path < upper ("dir/" to "dir0": '0' follows '/').
func folderRange(dir string) (prefix, upper string) {
	if dir == "" || dir == "." {
		return "", "\U0010FFFF"
	}
	prefix = strings.TrimSuffix(dir, "/") + "/"
	return prefix, prefix[:len(prefix)-1] + "0"
}

// LoadSide reads a stored document back as the pipeline made it: the
// document with its paragraphs, its sentences (without gse words) and its
// claims. Pairing and checking work from stored documents so that a batch
// need not keep every analysed document in memory.
func (db *DB) LoadSide(ctx context.Context, id int64) (align.Side, error) {
	l, err := db.NewLoader(ctx)
	if err != nil {
		return align.Side{}, err
	}
	defer l.Close()
	return l.Side(ctx, id)
}

// maxSidesPerQuery bounds the ids of one Sides query.
const maxSidesPerQuery = 500

// Sides is Side for many documents, in the order of ids: four queries for
// up to 500 documents rather than four queries each.
func (l *Loader) Sides(ctx context.Context, ids []int64) ([]align.Side, error) {
	// Each document is read once, however often ids names it.
	var uniq []int64
	seen := make(map[int64]int, len(ids))
	for _, id := range ids {
		if _, ok := seen[id]; !ok {
			seen[id] = len(uniq)
			uniq = append(uniq, id)
		}
	}
	loaded := make([]align.Side, 0, len(uniq))
	for rest := uniq; len(rest) > 0; {
		n := min(len(rest), maxSidesPerQuery)
		sides, err := l.sides(ctx, rest[:n])
		if err != nil {
			return nil, err
		}
		loaded = append(loaded, sides...)
		rest = rest[n:]
	}
	out := make([]align.Side, len(ids))
	for i, id := range ids {
		out[i] = loaded[seen[id]]
	}
	return out, nil
}

// sides loads the documents ids, which are distinct.
func (l *Loader) sides(ctx context.Context, ids []int64) ([]align.Side, error) {
	in := "(?" + strings.Repeat(", ?", len(ids)-1) + ")"
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	out := make([]align.Side, len(ids))
	at := make(map[int64]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	// side returns the side of a row's document; a document the query did
	// not ask for is a bug, not a reason to crash.
	side := func(id int64) (*align.Side, error) {
		i, ok := at[id]
		if !ok || out[i].Doc == nil {
			return nil, fmt.Errorf("load document %d: row of a document not asked for", id)
		}
		return &out[i], nil
	}

	rows, err := l.db.QueryContext(ctx, `SELECT id, path, hash, format, encoding, lang, title, date, source, text
		FROM documents WHERE id IN `+in, args...)
	if err != nil {
		return nil, fmt.Errorf("load documents: %w", err)
	}
	for rows.Next() {
		d := &corpus.Document{}
		var id int64
		var lang string
		if err := rows.Scan(&id, &d.Path, &d.Hash, &d.Format, &d.Encoding, &lang, &d.Title, &d.Date, &d.Source, &d.Text); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load documents: %w", err)
		}
		d.Lang = corpus.Lang(lang)
		if i, ok := at[id]; ok {
			out[i].Doc = d
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load documents: %w", err)
	}
	for i := range out {
		if out[i].Doc == nil {
			return nil, fmt.Errorf("load document %d: not stored", ids[i])
		}
	}

	rows, err = l.db.QueryContext(ctx, `SELECT doc_id, lang, start, "end" FROM paragraphs WHERE doc_id IN `+in+` ORDER BY doc_id, idx`, args...)
	if err != nil {
		return nil, fmt.Errorf("load paragraphs: %w", err)
	}
	for rows.Next() {
		var id int64
		var p corpus.Paragraph
		var pl string
		if err := rows.Scan(&id, &pl, &p.Start, &p.End); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load paragraphs: %w", err)
		}
		s, err := side(id)
		if err != nil {
			rows.Close()
			return nil, err
		}
		p.Lang = corpus.Lang(pl)
		s.Doc.Paragraphs = append(s.Doc.Paragraphs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load paragraphs: %w", err)
	}

	rows, err = l.db.QueryContext(ctx, `SELECT doc_id, idx, para, lang, start, "end", text FROM sentences WHERE doc_id IN `+in+` ORDER BY doc_id, idx`, args...)
	if err != nil {
		return nil, fmt.Errorf("load sentences: %w", err)
	}
	for rows.Next() {
		var id int64
		var x segment.Sentence
		if err := rows.Scan(&id, &x.Index, &x.Para, &x.Lang, &x.Start, &x.End, &x.Text); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load sentences: %w", err)
		}
		s, err := side(id)
		if err != nil {
			rows.Close()
			return nil, err
		}
		s.Sentences = append(s.Sentences, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load sentences: %w", err)
	}

	rows, err = l.db.QueryContext(ctx, `SELECT doc_id, sentence, lang, start, "end", text, kind, value, value_max, unit, qualifier, context
		FROM claims WHERE doc_id IN `+in+` ORDER BY doc_id, start, "end"`, args...)
	if err != nil {
		return nil, fmt.Errorf("load claims: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c extract.Claim
		var kind, qual string
		if err := rows.Scan(&id, &c.Sentence, &c.Lang, &c.Start, &c.End, &c.Text, &kind, &c.Value, &c.ValueMax, &c.Unit, &qual, &c.Context); err != nil {
			return nil, fmt.Errorf("load claims: %w", err)
		}
		s, err := side(id)
		if err != nil {
			return nil, err
		}
		c.File = s.Doc.Path
		c.Kind, c.Qualifier = extract.Kind(kind), extract.Qualifier(qual)
		s.Claims = append(s.Claims, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load claims: %w", err)
	}
	return out, nil
}

// Side is DB.LoadSide with prepared statements.
func (l *Loader) Side(ctx context.Context, id int64) (align.Side, error) {
	d := &corpus.Document{}
	var lang string
	err := l.doc.QueryRowContext(ctx, id).Scan(&d.Path, &d.Hash, &d.Format, &d.Encoding, &lang, &d.Title, &d.Date, &d.Source, &d.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return align.Side{}, fmt.Errorf("load document %d: not stored", id)
	}
	if err != nil {
		return align.Side{}, fmt.Errorf("load document %d: %w", id, err)
	}
	d.Lang = corpus.Lang(lang)
	side := align.Side{Doc: d}

	rows, err := l.paras.QueryContext(ctx, id)
	if err != nil {
		return side, fmt.Errorf("load %s: paragraphs: %w", d.Path, err)
	}
	for rows.Next() {
		var p corpus.Paragraph
		var pl string
		if err := rows.Scan(&pl, &p.Start, &p.End); err != nil {
			rows.Close()
			return side, fmt.Errorf("load %s: paragraphs: %w", d.Path, err)
		}
		p.Lang = corpus.Lang(pl)
		d.Paragraphs = append(d.Paragraphs, p)
	}
	rows.Close()

	rows, err = l.sents.QueryContext(ctx, id)
	if err != nil {
		return side, fmt.Errorf("load %s: sentences: %w", d.Path, err)
	}
	for rows.Next() {
		var s segment.Sentence
		if err := rows.Scan(&s.Index, &s.Para, &s.Lang, &s.Start, &s.End, &s.Text); err != nil {
			rows.Close()
			return side, fmt.Errorf("load %s: sentences: %w", d.Path, err)
		}
		side.Sentences = append(side.Sentences, s)
	}
	rows.Close()

	rows, err = l.claims.QueryContext(ctx, id)
	if err != nil {
		return side, fmt.Errorf("load %s: claims: %w", d.Path, err)
	}
	defer rows.Close()
	for rows.Next() {
		c := extract.Claim{File: d.Path}
		var kind, qual string
		if err := rows.Scan(&c.Sentence, &c.Lang, &c.Start, &c.End, &c.Text, &kind, &c.Value, &c.ValueMax, &c.Unit, &qual, &c.Context); err != nil {
			return side, fmt.Errorf("load %s: claims: %w", d.Path, err)
		}
		c.Kind, c.Qualifier = extract.Kind(kind), extract.Qualifier(qual)
		side.Claims = append(side.Claims, c)
	}
	return side, rows.Err()
}

// MarkPairingDone records, in one transaction, that the documents' pairing
// block has been worked through: rerunning a batch does not pair them again
// unless a new document arrives beside them.
func (db *DB) MarkPairingDone(ctx context.Context, ids []int64) error {
	w := db.oneShot()
	defer w.Close()
	return w.MarkPairingDone(ctx, ids)
}

// PairingDone reports whether the document's pairing block has been worked
// through (see MarkPairingDone).
func (db *DB) PairingDone(ctx context.Context, id int64) (bool, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM pairing_done WHERE doc_id = ?", id).Scan(&n); err != nil {
		return false, fmt.Errorf("pairing state of document %d: %w", id, err)
	}
	return n > 0, nil
}
