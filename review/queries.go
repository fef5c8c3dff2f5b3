package review

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
)

// The review package reads the store's tables with its own SQL (schema in
// store/migrations): the pages need joins and aggregates that no other
// package wants, and reading through database/sql keeps the store package
// free of UI concerns.

// docRef is a document as the pages name it.
type docRef struct {
	ID                                    int64
	Path, Title, Lang, Date, Source, Hash string
}

// Name is the document's title, or its file name when it has none.
func (d docRef) Name() string {
	if t := strings.TrimSpace(d.Title); t != "" {
		return t
	}
	return path.Base(strings.ReplaceAll(d.Path, `\`, "/"))
}

// IsZH reports whether the document is read as Chinese.
func (d docRef) IsZH() bool { return strings.HasPrefix(d.Lang, "zh") }

// pairRow is one document pair with its tallies and the reviewers'
// decisions on its links.
type pairRow struct {
	ID                                  int64
	ZH, EN                              docRef
	Score                               float64
	Matched, Mismatched, Dropped, Added int
	// Source and Date are the Chinese document's, or the English one's
	// when the Chinese has none.
	Source, Date string
	// Open counts mismatches nobody has decided on yet.
	Open, Confirmed, FalseAlarm, SecondLook int
}

// Reviewed counts the decisions recorded on the pair's links.
func (p pairRow) Reviewed() int { return p.Confirmed + p.FalseAlarm + p.SecondLook }

// Clean reports a pair with no mismatched, dropped or added figure.
func (p pairRow) Clean() bool { return p.Mismatched == 0 && p.Dropped == 0 && p.Added == 0 }

// reviewCount counts a pair's links with a condition on link_reviews; SQLite
// flattens the view into a lookup by the links_pair index.
func reviewCount(cond string) string {
	return "(SELECT count(*) FROM link_reviews v WHERE v.pair_id = p.id AND " + cond + ")"
}

var pairCols = `p.id, p.score, p.matched, p.mismatched, p.dropped, p.added,
	zd.id, zd.path, zd.title, zd.lang, zd.date, zd.source, zd.hash,
	ed.id, ed.path, ed.title, ed.lang, ed.date, ed.source, ed.hash,
	COALESCE(NULLIF(zd.source, ''), ed.source) AS src, COALESCE(NULLIF(zd.date, ''), ed.date) AS dt, ` +
	reviewCount("v.verdict = 'mismatch' AND v.decision IS NULL") + " AS open_n, " +
	reviewCount("v.decision = 'confirmed_error'") + " AS confirmed_n, " +
	reviewCount("v.decision = 'false_alarm'") + " AS false_n, " +
	reviewCount("v.decision = 'second_look'") + " AS second_n"

const pairFrom = `FROM pairs p
	JOIN documents zd ON zd.id = p.zh_doc
	JOIN documents ed ON ed.id = p.en_doc`

func scanPair(sc interface{ Scan(...any) error }, p *pairRow, extra ...any) error {
	z, e := &p.ZH, &p.EN
	return sc.Scan(append([]any{&p.ID, &p.Score, &p.Matched, &p.Mismatched, &p.Dropped, &p.Added,
		&z.ID, &z.Path, &z.Title, &z.Lang, &z.Date, &z.Source, &z.Hash,
		&e.ID, &e.Path, &e.Title, &e.Lang, &e.Date, &e.Source, &e.Hash,
		&p.Source, &p.Date, &p.Open, &p.Confirmed, &p.FalseAlarm, &p.SecondLook}, extra...)...)
}

// listFilter is the pairs list's query: filters, order and page.
type listFilter struct {
	Q       string
	Source  string
	From    string // YYYY-MM-DD, inclusive
	To      string
	Verdict string // "", mismatch, dropped, added, clean
	Error   string // an error class: pairs with a mismatch of that class
	Review  string // "", open, confirmed_error, false_alarm, second_look
	Sort    string
	Desc    bool
	Page    int // from 1
}

const pageSize = 50

// sortExprs maps the list's sort keys to SQL.
var sortExprs = map[string]string{
	"date":       "dt",
	"source":     "src",
	"title":      "COALESCE(NULLIF(zd.title, ''), zd.path)",
	"mismatched": "p.mismatched",
	"dropped":    "p.dropped",
	"added":      "p.added",
	"open":       "open_n",
	"score":      "p.score",
}

var verdictConds = map[string]string{
	"mismatch": "p.mismatched > 0",
	"dropped":  "p.dropped > 0",
	"added":    "p.added > 0",
	"clean":    "p.mismatched = 0 AND p.dropped = 0 AND p.added = 0",
}

var reviewConds = map[string]string{
	"open":            "open_n > 0",
	"confirmed_error": "confirmed_n > 0",
	"false_alarm":     "false_n > 0",
	"second_look":     "second_n > 0",
}

// listPairs returns one page of pairs matching f, and how many match in all.
// docIDs, when not nil, restricts the list to pairs with one of those
// documents (the result of a search).
func (s *Server) listPairs(ctx context.Context, f listFilter, docIDs []int64) ([]pairRow, int, error) {
	var where []string
	var args []any
	if docIDs != nil {
		ids, _ := json.Marshal(docIDs)
		where = append(where, "(p.zh_doc IN (SELECT value FROM json_each(?1)) OR p.en_doc IN (SELECT value FROM json_each(?1)))")
		args = append(args, string(ids))
	}
	add := func(cond string, arg any) {
		where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("?%d", len(args)+1)))
		args = append(args, arg)
	}
	if f.Source != "" {
		add("src = ?", f.Source)
	}
	if f.From != "" {
		add("dt >= ?", f.From)
	}
	if f.To != "" {
		add("dt <= ?", f.To)
	}
	if f.Error != "" {
		add("EXISTS (SELECT 1 FROM links l WHERE l.pair_id = p.id AND l.verdict = 'mismatch' AND l.error = ?)", f.Error)
	}
	if c := verdictConds[f.Verdict]; c != "" {
		where = append(where, c)
	}
	if c := reviewConds[f.Review]; c != "" {
		where = append(where, c)
	}
	q := "SELECT " + pairCols + ", count(*) OVER () " + pairFrom
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	q += " ORDER BY " + sortExprs[f.Sort] + dir + ", dt DESC, p.id"
	q += fmt.Sprintf(" LIMIT %d OFFSET %d", pageSize, (f.Page-1)*pageSize)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list pairs: %w", err)
	}
	defer rows.Close()
	var out []pairRow
	total := 0
	for rows.Next() {
		var p pairRow
		if err := scanPair(rows, &p, &total); err != nil {
			return nil, 0, fmt.Errorf("list pairs: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list pairs: %w", err)
	}
	if len(out) == 0 && f.Page > 1 {
		// Past the last page: still count, so the page can say so.
		n, err := s.countPairs(ctx, where, args)
		return nil, n, err
	}
	return out, total, nil
}

func (s *Server) countPairs(ctx context.Context, where []string, args []any) (int, error) {
	q := "SELECT " + pairCols + " " + pairFrom
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q = "SELECT count(*) FROM (" + q + ")"
	var n int
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count pairs: %w", err)
	}
	return n, nil
}

// getPair returns pair id; a 404 error when there is none.
func (s *Server) getPair(ctx context.Context, id int64) (pairRow, error) {
	var p pairRow
	err := scanPair(s.db.QueryRowContext(ctx, "SELECT "+pairCols+" "+pairFrom+" WHERE p.id = ?", id), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return p, httpErr(http.StatusNotFound, "There is no document pair %d.", id)
	}
	if err != nil {
		return p, fmt.Errorf("pair %d: %w", id, err)
	}
	return p, nil
}

// sources lists the distinct sources of pairs, for the filter.
func (s *Server) sources(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT COALESCE(NULLIF(zd.source, ''), ed.source) AS src
		FROM pairs p JOIN documents zd ON zd.id = p.zh_doc JOIN documents ed ON ed.id = p.en_doc
		WHERE src <> '' ORDER BY src`)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var src string
		if err := rows.Scan(&src); err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// docRow is a stored document with its text.
type docRow struct {
	docRef
	Format, Encoding, Text, IngestedAt string
	Version                            int
}

func (s *Server) getDoc(ctx context.Context, id int64) (docRow, error) {
	var d docRow
	err := s.db.QueryRowContext(ctx, `SELECT id, path, title, lang, date, source, hash, format, encoding, text,
		ingested_at, version FROM documents WHERE id = ?`, id).Scan(&d.ID, &d.Path, &d.Title, &d.Lang, &d.Date,
		&d.Source, &d.Hash, &d.Format, &d.Encoding, &d.Text, &d.IngestedAt, &d.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return d, httpErr(http.StatusNotFound, "There is no document %d.", id)
	}
	if err != nil {
		return d, fmt.Errorf("document %d: %w", id, err)
	}
	return d, nil
}

// sentence is a stored sentence.
type sentence struct {
	Index, Para, Start, End int
	Text                    string
}

func (s *Server) sentences(ctx context.Context, docID int64) ([]sentence, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT idx, para, start, "end", text FROM sentences WHERE doc_id = ? ORDER BY idx`, docID)
	if err != nil {
		return nil, fmt.Errorf("sentences of %d: %w", docID, err)
	}
	defer rows.Close()
	var out []sentence
	for rows.Next() {
		var x sentence
		if err := rows.Scan(&x.Index, &x.Para, &x.Start, &x.End, &x.Text); err != nil {
			return nil, fmt.Errorf("sentences of %d: %w", docID, err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// claim is a stored claim, with the figure a page draws for it.
type claim struct {
	ID                                           int64
	Sentence, Start, End                         int
	Text, Kind, Value, ValueMax, Unit, Qualifier string
	Context                                      string
	Fig                                          *figure
}

func (s *Server) claims(ctx context.Context, docID int64) ([]claim, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, sentence, start, "end", text, kind, value, value_max, unit,
		qualifier, context FROM claims WHERE doc_id = ? ORDER BY start, "end"`, docID)
	if err != nil {
		return nil, fmt.Errorf("claims of %d: %w", docID, err)
	}
	defer rows.Close()
	var out []claim
	for rows.Next() {
		var c claim
		if err := rows.Scan(&c.ID, &c.Sentence, &c.Start, &c.End, &c.Text, &c.Kind, &c.Value, &c.ValueMax,
			&c.Unit, &c.Qualifier, &c.Context); err != nil {
			return nil, fmt.Errorf("claims of %d: %w", docID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// bead is one stored alignment bead.
type bead struct {
	Index  int
	ZH, EN []int
	Score  float64
}

func (s *Server) beads(ctx context.Context, pairID int64) ([]bead, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT bead, zh_sentences, en_sentences, score FROM alignments
		WHERE pair_id = ? ORDER BY bead`, pairID)
	if err != nil {
		return nil, fmt.Errorf("alignment of pair %d: %w", pairID, err)
	}
	defer rows.Close()
	var out []bead
	for rows.Next() {
		var b bead
		var zj, ej string
		if err := rows.Scan(&b.Index, &zj, &ej, &b.Score); err != nil {
			return nil, fmt.Errorf("alignment of pair %d: %w", pairID, err)
		}
		if err := json.Unmarshal([]byte(zj), &b.ZH); err != nil {
			return nil, fmt.Errorf("alignment of pair %d, bead %d: %w", pairID, b.Index, err)
		}
		if err := json.Unmarshal([]byte(ej), &b.EN); err != nil {
			return nil, fmt.Errorf("alignment of pair %d, bead %d: %w", pairID, b.Index, err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// linkRow is a stored link with the decision on it.
type linkRow struct {
	ID, PairID                     int64
	ZHClaim, ENClaim               int64 // 0 for the missing side
	Verdict, Error, Explanation    string
	Bead                           int
	Decision, Note, DecidedAt      string
	ZHHash, ENHash                 string
	ZHStart, ZHEnd, ENStart, ENEnd int
}

const linkCols = `link_id, pair_id, COALESCE(zh_claim, 0), COALESCE(en_claim, 0), verdict, error, explanation, bead,
	COALESCE(decision, ''), COALESCE(note, ''), COALESCE(decided_at, ''), zh_hash, en_hash, zh_start, zh_end, en_start, en_end`

func scanLink(sc interface{ Scan(...any) error }, l *linkRow) error {
	return sc.Scan(&l.ID, &l.PairID, &l.ZHClaim, &l.ENClaim, &l.Verdict, &l.Error, &l.Explanation, &l.Bead,
		&l.Decision, &l.Note, &l.DecidedAt, &l.ZHHash, &l.ENHash, &l.ZHStart, &l.ZHEnd, &l.ENStart, &l.ENEnd)
}

func (s *Server) links(ctx context.Context, pairID int64) ([]linkRow, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+linkCols+" FROM link_reviews WHERE pair_id = ? ORDER BY link_id", pairID)
	if err != nil {
		return nil, fmt.Errorf("links of pair %d: %w", pairID, err)
	}
	defer rows.Close()
	var out []linkRow
	for rows.Next() {
		var l linkRow
		if err := scanLink(rows, &l); err != nil {
			return nil, fmt.Errorf("links of pair %d: %w", pairID, err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func (s *Server) getLink(ctx context.Context, id int64) (linkRow, error) {
	var l linkRow
	err := scanLink(s.db.QueryRowContext(ctx, "SELECT "+linkCols+" FROM link_reviews WHERE link_id = ?", id), &l)
	if errors.Is(err, sql.ErrNoRows) {
		return l, httpErr(http.StatusNotFound, "There is no link %d (was the pair checked again? reload its page).", id)
	}
	if err != nil {
		return l, fmt.Errorf("link %d: %w", id, err)
	}
	return l, nil
}

// docLinks returns, for each claim of a document that is in some pair, the
// links it is in (across all the document's pairs).
func (s *Server) docLinks(ctx context.Context, docID int64) (map[int64][]linkRow, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+linkCols+` FROM link_reviews
		WHERE zh_claim IN (SELECT id FROM claims WHERE doc_id = ?1)
		   OR en_claim IN (SELECT id FROM claims WHERE doc_id = ?1) ORDER BY link_id`, docID)
	if err != nil {
		return nil, fmt.Errorf("links of document %d: %w", docID, err)
	}
	defer rows.Close()
	out := map[int64][]linkRow{}
	for rows.Next() {
		var l linkRow
		if err := scanLink(rows, &l); err != nil {
			return nil, fmt.Errorf("links of document %d: %w", docID, err)
		}
		for _, c := range []int64{l.ZHClaim, l.ENClaim} {
			if c != 0 {
				out[c] = append(out[c], l)
			}
		}
	}
	return out, rows.Err()
}

// docPairs lists the pairs a document is in.
func (s *Server) docPairs(ctx context.Context, docID int64) ([]pairRow, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+pairCols+" "+pairFrom+" WHERE p.zh_doc = ?1 OR p.en_doc = ?1 ORDER BY p.id", docID)
	if err != nil {
		return nil, fmt.Errorf("pairs of document %d: %w", docID, err)
	}
	defer rows.Close()
	var out []pairRow
	for rows.Next() {
		var p pairRow
		if err := scanPair(rows, &p); err != nil {
			return nil, fmt.Errorf("pairs of document %d: %w", docID, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// docListRow is a document in the documents list.
type docListRow struct {
	docRef
	Claims, Pairs int
	Snippet       []part
}

type docFilter struct {
	Q      string
	Lang   string // "", zh, en
	Paired string // "", unpaired, paired
	Page   int
}

func (s *Server) listDocs(ctx context.Context, f docFilter, docIDs []int64) ([]docListRow, int, error) {
	var where []string
	var args []any
	from, order := "documents d", "d.date DESC, d.id"
	if docIDs != nil {
		// Keep the search's ranking: json_each's key is the position.
		ids, _ := json.Marshal(docIDs)
		from, order = "json_each(?1) j JOIN documents d ON d.id = j.value", "j.key"
		args = append(args, string(ids))
	}
	switch f.Lang {
	case "zh":
		where = append(where, "d.lang LIKE 'zh%'")
	case "en":
		where = append(where, "d.lang NOT LIKE 'zh%'")
	}
	paired := "EXISTS (SELECT 1 FROM pairs p WHERE p.zh_doc = d.id OR p.en_doc = d.id)"
	switch f.Paired {
	case "unpaired":
		where = append(where, "NOT "+paired)
	case "paired":
		where = append(where, paired)
	}
	q := `SELECT d.id, d.path, d.title, d.lang, d.date, d.source, d.hash,
		(SELECT count(*) FROM claims c WHERE c.doc_id = d.id),
		(SELECT count(*) FROM pairs p WHERE p.zh_doc = d.id OR p.en_doc = d.id),
		count(*) OVER () FROM ` + from
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY " + order + fmt.Sprintf(" LIMIT %d OFFSET %d", pageSize, (f.Page-1)*pageSize)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	var out []docListRow
	total := 0
	for rows.Next() {
		var d docListRow
		if err := rows.Scan(&d.ID, &d.Path, &d.Title, &d.Lang, &d.Date, &d.Source, &d.Hash, &d.Claims, &d.Pairs, &total); err != nil {
			return nil, 0, fmt.Errorf("list documents: %w", err)
		}
		out = append(out, d)
	}
	return out, total, rows.Err()
}

// docText returns a document's text (for search snippets).
func (s *Server) docText(ctx context.Context, id int64) (string, error) {
	var t string
	err := s.db.QueryRowContext(ctx, "SELECT text FROM documents WHERE id = ?", id).Scan(&t)
	return t, err
}
