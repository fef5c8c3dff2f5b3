package review

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"figures/segment"
)

// Full-text search over documents uses an SQLite FTS5 table, documents_fts,
// whose rowid is documents.id. FTS5's unicode61 tokenizer would index a run of
// Han characters as one token (so 养老 would never find 养老保险), and the
// trigram tokenizer cannot find two-character queries (亿元), the usual
// length of a Chinese word. So the review package feeds FTS5 text that is
// already tokenized: every run of Han characters is replaced by the words gse
// finds in it (segment.Words, the pipeline's own segmentation) plus the
// shorter dictionary words gse finds inside each long word (养老保险 also
// gives 养老 and 保险), joined by spaces. Queries are segmented the same way,
// and every query word must occur. Other text (English, digits) is left to
// unicode61.
//
// The table is created and kept in sync here, not by a store migration,
// because gse runs in Go: documents ingested since the last sync are indexed
// when the server starts and again, lazily, before a search. A binary built
// without the sqlite_fts5 tag has no FTS5; search then falls back to plain
// substring matching and the pages say so.

const (
	// ftsScheme names the tokenization; rows indexed under another scheme
	// are indexed again, so changing the tokenization only means changing
	// this string.
	ftsScheme = "gse-words-1"
	// maxQuery bounds a search query, in code points.
	maxQuery = 200
	// syncEvery is how often a search may look for unindexed documents.
	syncEvery = 2 * time.Second
)

// errNoFTS reports a SQLite built without FTS5.
var errNoFTS = errors.New("SQLite has no FTS5 (build figures with -tags sqlite_fts5)")

// ensureIndex creates the FTS table if needed. It returns errNoFTS when the
// SQLite library lacks FTS5.
func ensureIndex(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
		title, body, hash UNINDEXED, scheme UNINDEXED,
		tokenize = 'unicode61 remove_diacritics 2')`)
	if err != nil {
		if strings.Contains(err.Error(), "no such module: fts5") {
			return errNoFTS
		}
		return fmt.Errorf("create search index: %w", err)
	}
	return nil
}

// IndexStats says what a sync of the search index did.
type IndexStats struct {
	Indexed int // documents (re)indexed
	Removed int // index rows of documents no longer stored
}

// syncIndex indexes the documents that are not indexed yet (or were indexed
// for another content hash or under another scheme) and drops index rows of
// deleted documents. Safe to call often: when nothing changed it costs one
// scan of documents' ids.
func syncIndex(ctx context.Context, db *sql.DB) (IndexStats, error) {
	var st IndexStats
	res, err := db.ExecContext(ctx, `DELETE FROM documents_fts WHERE rowid NOT IN (SELECT id FROM documents)`)
	if err != nil {
		return st, fmt.Errorf("sync search index: %w", err)
	}
	n, _ := res.RowsAffected()
	st.Removed = int(n)

	rows, err := db.QueryContext(ctx, `SELECT d.id FROM documents d
		LEFT JOIN documents_fts f ON f.rowid = d.id
		WHERE f.rowid IS NULL OR f.hash IS NOT d.hash OR f.scheme IS NOT ?
		ORDER BY d.id`, ftsScheme)
	if err != nil {
		return st, fmt.Errorf("sync search index: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return st, fmt.Errorf("sync search index: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("sync search index: %w", err)
	}
	// Tokenize outside the write transaction, in batches, so a large backlog
	// neither holds the write lock for long nor keeps every text in memory.
	const batch = 100
	for len(ids) > 0 {
		k := min(batch, len(ids))
		n, err := indexBatch(ctx, db, ids[:k])
		st.Indexed += n
		if err != nil {
			return st, err
		}
		ids = ids[k:]
	}
	return st, nil
}

type ftsRow struct {
	id                int64
	title, body, hash string
}

func indexBatch(ctx context.Context, db *sql.DB, ids []int64) (int, error) {
	list, _ := json.Marshal(ids)
	rows, err := db.QueryContext(ctx, `SELECT id, title, text, hash FROM documents
		WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return 0, fmt.Errorf("sync search index: %w", err)
	}
	var todo []ftsRow
	for rows.Next() {
		var r ftsRow
		var text string
		if err := rows.Scan(&r.id, &r.title, &text, &r.hash); err != nil {
			rows.Close()
			return 0, fmt.Errorf("sync search index: %w", err)
		}
		if r.title, err = IndexText(r.title); err == nil {
			r.body, err = IndexText(text)
		}
		if err != nil {
			rows.Close()
			return 0, fmt.Errorf("index document %d: %w", r.id, err)
		}
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("sync search index: %w", err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("sync search index: %w", err)
	}
	defer tx.Rollback()
	for _, r := range todo {
		if _, err := tx.ExecContext(ctx, `DELETE FROM documents_fts WHERE rowid = ?`, r.id); err != nil {
			return 0, fmt.Errorf("index document %d: %w", r.id, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents_fts (rowid, title, body, hash, scheme)
			VALUES (?, ?, ?, ?, ?)`, r.id, r.title, r.body, r.hash, ftsScheme); err != nil {
			return 0, fmt.Errorf("index document %d: %w", r.id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("sync search index: %w", err)
	}
	return len(todo), nil
}

// IndexText returns text as it is given to FTS5: each run of Han characters
// replaced by its gse words and the dictionary words inside them, separated
// by spaces; everything else unchanged (FTS5's unicode61 tokenizer splits it).
func IndexText(text string) (string, error) {
	var b strings.Builder
	err := hanRuns(text, func(run string, han bool) error {
		if !han {
			b.WriteString(run)
			return nil
		}
		words, err := gseWords(run)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, w := range words {
			b.WriteByte(' ')
			b.WriteString(w)
			if err := subWords(w, seen, func(s string) { b.WriteByte(' '); b.WriteString(s) }); err != nil {
				return err
			}
			clear(seen)
		}
		b.WriteByte(' ')
		return nil
	})
	return b.String(), err
}

// QueryTerms splits a search query into the words every matching document
// must contain: Han runs are segmented with gse exactly as indexed text is
// (without the sub-words, which the index adds), other text is split at
// white space. Chunks without a letter or digit are dropped, and control
// characters count as white space.
func QueryTerms(q string) ([]string, error) {
	// Control characters (NUL above all: FTS5 reads C strings) are spaces.
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, q)
	var terms []string
	err := hanRuns(q, func(run string, han bool) error {
		if han {
			words, err := gseWords(run)
			terms = append(terms, words...)
			return err
		}
		for _, f := range strings.Fields(run) {
			if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0 {
				terms = append(terms, f)
			}
		}
		return nil
	})
	return terms, err
}

// ftsQuery turns terms into an FTS5 MATCH expression: every term a quoted
// string (so nothing the user typed is FTS5 syntax), all required.
func ftsQuery(terms []string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return strings.Join(quoted, " AND ")
}

// hanRuns calls f for each maximal run of Han (han=true) or non-Han text.
func hanRuns(s string, f func(run string, han bool) error) error {
	start, inHan := 0, false
	for i, r := range s {
		h := unicode.Is(unicode.Han, r)
		if i > start && h != inHan {
			if err := f(s[start:i], inHan); err != nil {
				return err
			}
			start = i
		}
		inHan = h
	}
	if start < len(s) {
		return f(s[start:], inHan)
	}
	return nil
}

// gseWords segments a run of Han text with the pipeline's segmenter.
func gseWords(run string) ([]string, error) {
	s := segment.Sentence{Text: run, Lang: "zh"}
	if err := segment.Words(&s); err != nil {
		return nil, err
	}
	out := make([]string, len(s.Words))
	for i, w := range s.Words {
		out[i] = w.Text
	}
	return out, nil
}

// subWords emits the dictionary words of two or more characters that gse's
// search mode finds inside w (养老保险: 养老, 保险), recursively.
func subWords(w string, seen map[string]bool, emit func(string)) error {
	if utf8.RuneCountInString(w) <= 2 {
		return nil
	}
	seg, err := segment.Segmenter()
	if err != nil {
		return err
	}
	for _, t := range seg.ModeSegment([]byte(w), true) {
		s := t.Token().Text()
		if s == w || seen[s] || utf8.RuneCountInString(s) < 2 {
			continue
		}
		seen[s] = true
		emit(s)
		if err := subWords(s, seen, emit); err != nil {
			return err
		}
	}
	return nil
}

// searchResult is the set of documents a query found.
type searchResult struct {
	Query string
	Terms []string
	// Mode is "words" (FTS5 found whole words), "substring" (no word
	// matched, or no FTS5: documents containing the query as typed) or ""
	// (nothing to search for).
	Mode string
	IDs  []int64 // best first
}

// search finds the documents matching q. A query no word of which matches
// falls back to substring search, so a query that cuts across gse's words
// (老保 in 养老保险) still finds something, and the page says which it did.
// searchIDs runs the search box's query q, if there is one: it returns the
// result to show and the matching document ids (nil for no query, meaning
// no restriction; empty for a query that matched nothing).
func (s *Server) searchIDs(ctx context.Context, q string) (*searchResult, []int64, error) {
	if q == "" {
		return nil, nil, nil
	}
	res, err := s.search(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	ids := res.IDs
	if ids == nil {
		ids = []int64{}
	}
	return &res, ids, nil
}

func (s *Server) search(ctx context.Context, q string) (searchResult, error) {
	res := searchResult{Query: q}
	terms, err := QueryTerms(q)
	if err != nil {
		return res, err
	}
	res.Terms = terms
	if len(terms) == 0 {
		return res, nil
	}
	if s.fts {
		s.maybeSync(ctx)
		rows, err := s.db.QueryContext(ctx, `SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?
			ORDER BY bm25(documents_fts, 2.0, 1.0) LIMIT 5000`, ftsQuery(terms))
		if err != nil {
			return res, fmt.Errorf("search %q: %w", q, err)
		}
		res.IDs, err = scanIDs(rows)
		if err != nil {
			return res, fmt.Errorf("search %q: %w", q, err)
		}
		if len(res.IDs) > 0 {
			res.Mode = "words"
			return res, nil
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM documents
		WHERE instr(text, ?) > 0 OR instr(title, ?) > 0 ORDER BY date DESC, id LIMIT 5000`, q, q)
	if err != nil {
		return res, fmt.Errorf("search %q: %w", q, err)
	}
	res.IDs, err = scanIDs(rows)
	if err != nil {
		return res, fmt.Errorf("search %q: %w", q, err)
	}
	res.Mode = "substring"
	return res, nil
}

// maybeSync indexes documents ingested since the last sync, at most every
// syncEvery. A failure only means stale results; it is logged, not fatal.
func (s *Server) maybeSync(ctx context.Context) {
	if s.readOnly {
		return
	}
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	if time.Since(s.lastSync) < syncEvery {
		return
	}
	st, err := syncIndex(ctx, s.db)
	s.lastSync = time.Now()
	if err != nil {
		s.log.Error("search index sync failed", "err", err)
		return
	}
	if st.Indexed+st.Removed > 0 {
		s.log.Info("search index synced", "indexed", st.Indexed, "removed", st.Removed)
	}
}

func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
