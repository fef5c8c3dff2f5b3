package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"figures/align"
)

// SaveDocument stores an analysed document with its paragraphs, sentences and
// claims in one transaction. A document whose content hash is already stored
// is left alone: it returns the existing id and inserted=false.
//
// Each call prepares its statements anew; a batch storing many documents
// uses a Writer, which prepares them once.
func (db *DB) SaveDocument(ctx context.Context, s align.Side) (id int64, inserted bool, err error) {
	w := db.oneShot()
	defer w.Close()
	return w.SaveDocument(ctx, s)
}

// SavePair stores the fact-check of a document pair (replacing an earlier one
// for the same two documents) in one transaction and returns the pair id.
func (db *DB) SavePair(ctx context.Context, zhID, enID int64, score float64, r *align.Report) (pairID int64, err error) {
	w := db.oneShot()
	defer w.Close()
	return w.SavePair(ctx, zhID, enID, score, r)
}

// SaveError records a file that could not be ingested.
func (db *DB) SaveError(ctx context.Context, path, reason string) error {
	_, err := db.sql.ExecContext(ctx, "INSERT INTO errors (path, reason, at) VALUES (?, ?, ?)",
		path, reason, now())
	if err != nil {
		return fmt.Errorf("record error for %s: %w", path, err)
	}
	return nil
}

// now is the time a row is stored at.
func now() string { return time.Now().UTC().Format(time.RFC3339) }

// saveDocument is SaveDocument inside the transaction t.
func (t *txn) saveDocument(s align.Side) (id int64, inserted bool, err error) {
	d := s.Doc
	// One statement both stores the document, as the next version of its
	// path, and finds that its content is stored already: then the
	// conflict on hash inserts nothing and returns no row. (The WHERE
	// clause also keeps SQLite from reading ON CONFLICT as a join's ON.)
	err = t.queryRow(`INSERT INTO documents
		(path, hash, version, format, encoding, lang, title, date, source, text, ingested_at)
		VALUES (?, ?, (SELECT COALESCE(MAX(version), 0) + 1 FROM documents WHERE path = CAST(? AS TEXT)), ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (hash) DO NOTHING RETURNING id`,
		d.Path, d.Hash, d.Path, d.Format, d.Encoding, string(d.Lang), d.Title, d.Date, d.Source, d.Text, t.w.now()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		if err = t.queryRow("SELECT id FROM documents WHERE hash = ?", d.Hash).Scan(&id); err != nil {
			return 0, false, err
		}
		return id, false, nil
	}
	if err != nil {
		return 0, false, err
	}

	// A bulletin has tens to hundreds of rows: they go in multi-row INSERTs.
	args := t.args[:0]
	for i, p := range d.Paragraphs {
		args = append(args, id, i, string(p.Lang), p.Start, p.End)
	}
	if err = t.insertRows(paragraphsTable, args, func(i int) string { return fmt.Sprintf("paragraph %d", i) }); err != nil {
		return 0, false, err
	}
	args = args[:0]
	for _, x := range s.Sentences {
		args = append(args, id, x.Index, x.Para, x.Lang, x.Start, x.End, x.Text)
	}
	if err = t.insertRows(sentencesTable, args, func(i int) string { return fmt.Sprintf("sentence %d", s.Sentences[i].Index) }); err != nil {
		return 0, false, err
	}
	args = args[:0]
	for _, c := range s.Claims {
		args = append(args, id, c.Sentence, c.Lang, c.Start, c.End, c.Text, string(c.Kind), c.Value,
			c.ValueMax, c.Unit, string(c.Qualifier), c.Context)
	}
	if err = t.insertRows(claimsTable, args, func(i int) string {
		return fmt.Sprintf("claim %q at %d", s.Claims[i].Text, s.Claims[i].Start)
	}); err != nil {
		return 0, false, err
	}
	t.args = args[:0]
	return id, true, nil
}

// savePair is SavePair inside the transaction t.
func (t *txn) savePair(zhID, enID int64, score float64, r *align.Report) (pairID int64, err error) {
	if _, err = t.exec("DELETE FROM pairs WHERE zh_doc = ? AND en_doc = ?", zhID, enID); err != nil {
		return 0, err
	}
	matched := 0
	for _, l := range r.Links {
		if l.Verdict != align.Mismatch {
			matched++
		}
	}
	res, err := t.exec(`INSERT INTO pairs (zh_doc, en_doc, score, matched, mismatched, dropped, added, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, zhID, enID, score, matched, r.Mismatches(), len(r.Dropped), len(r.Added),
		t.w.now())
	if err != nil {
		return 0, err
	}
	if pairID, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	args := t.args[:0]
	for i, b := range r.Alignment {
		args = append(args, pairID, i, intList(b.ZH), intList(b.EN), b.Score)
	}
	if err = t.insertRows(alignmentsTable, args, func(i int) string { return fmt.Sprintf("bead %d", i) }); err != nil {
		return 0, err
	}

	// Links point at claim ids: read each document's claims once, by span.
	zhClaims, err := t.claimIDs(zhID)
	if err != nil {
		return 0, err
	}
	enClaims, err := t.claimIDs(enID)
	if err != nil {
		return 0, err
	}
	claimID := func(ids map[span]int64, doc int64, start, end int) (any, error) {
		id, ok := ids[span{start, end}]
		if !ok {
			return nil, fmt.Errorf("claim %d:%d-%d is not stored", doc, start, end)
		}
		return id, nil
	}
	args = args[:0]
	for _, l := range r.Links {
		zc, err := claimID(zhClaims, zhID, l.ZH.Start, l.ZH.End)
		if err != nil {
			return 0, err
		}
		ec, err := claimID(enClaims, enID, l.EN.Start, l.EN.End)
		if err != nil {
			return 0, err
		}
		args = append(args, pairID, zc, ec, string(l.Verdict), string(l.Error), l.Explanation, l.Bead)
	}
	for _, c := range r.Dropped {
		zc, err := claimID(zhClaims, zhID, c.Start, c.End)
		if err != nil {
			return 0, err
		}
		args = append(args, pairID, zc, nil, "dropped", "", "", -1)
	}
	for _, c := range r.Added {
		ec, err := claimID(enClaims, enID, c.Start, c.End)
		if err != nil {
			return 0, err
		}
		args = append(args, pairID, nil, ec, "added", "", "", -1)
	}
	if err = t.insertRows(linksTable, args, func(i int) string { return fmt.Sprintf("link %s", args[i*7+3]) }); err != nil {
		return 0, err
	}
	t.args = args[:0]
	return pairID, nil
}

type span struct{ start, end int }

// claimIDs maps the spans of a document's claims to their ids.
func (t *txn) claimIDs(doc int64) (map[span]int64, error) {
	rows, err := t.query(`SELECT id, start, "end" FROM claims WHERE doc_id = ?`, doc)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := map[span]int64{}
	for rows.Next() {
		var id int64
		var s span
		if err := rows.Scan(&id, &s.start, &s.end); err != nil {
			return nil, err
		}
		ids[s] = id
	}
	return ids, rows.Err()
}

// intList is a bead's sentence indexes as stored: a JSON array, never null.
func intList(x []int) string {
	b := make([]byte, 0, 2+4*len(x))
	b = append(b, '[')
	for i, n := range x {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return string(append(b, ']'))
}

// rowTable describes a table that rows are inserted into.
type rowTable struct {
	name    string
	columns []string
	verb    string // "INSERT" when empty
}

var (
	paragraphsTable = rowTable{name: "paragraphs", columns: []string{"doc_id", "idx", "lang", "start", `"end"`}}
	sentencesTable  = rowTable{name: "sentences", columns: []string{"doc_id", "idx", "para", "lang", "start", `"end"`, "text"}}
	claimsTable     = rowTable{name: "claims", columns: []string{"doc_id", "sentence", "lang", "start", `"end"`, "text", "kind", "value",
		"value_max", "unit", "qualifier", "context"}}
	alignmentsTable = rowTable{name: "alignments", columns: []string{"pair_id", "bead", "zh_sentences", "en_sentences", "score"}}
	linksTable      = rowTable{name: "links", columns: []string{"pair_id", "zh_claim", "en_claim", "verdict", "error", "explanation", "bead"}}
	// A document's block may be worked through again (a new document
	// arrived beside it): it is marked once.
	pairingDoneTable = rowTable{name: "pairing_done", columns: []string{"doc_id"}, verb: "INSERT OR IGNORE"}
)

// maxRowsPerInsert bounds a multi-row INSERT: 64 claims are 768 bound
// values, far below SQLite's limit of 32,766. (A variable so that the
// benchmarks can try other sizes.)
var maxRowsPerInsert = 64

// insertSQL is the INSERT of n rows into t.
func (t rowTable) insertSQL(n int) string {
	var b strings.Builder
	if t.verb == "" {
		b.WriteString("INSERT")
	} else {
		b.WriteString(t.verb)
	}
	b.WriteString(" INTO ")
	b.WriteString(t.name)
	b.WriteString(" (")
	b.WriteString(strings.Join(t.columns, ", "))
	b.WriteString(") VALUES ")
	row := "(?" + strings.Repeat(", ?", len(t.columns)-1) + ")"
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// insertRows inserts the rows whose values, row after row, are args. The
// rows go in INSERTs of 64 rows and one of the rest: a bulletin's
// paragraphs, sentences and claims take one statement each. (Splitting
// the rest into powers of two, 8 + 2 for ten rows, would need fewer
// prepared statements, at most 7 per table rather than 64, but costs a
// tenth more per document: every statement has its own journal and
// cursors.) The statements are prepared once per Writer as their sizes
// come: all 64 sizes of the five tables would take 10 MB (measured).
// When an INSERT fails
// (SQLite undoes that statement and nothing else), its rows are tried one
// by one to find the row to blame, which row names.
func (t *txn) insertRows(table rowTable, args []any, row func(i int) string) error {
	cols := len(table.columns)
	for done := 0; done*cols < len(args); {
		n := min(maxRowsPerInsert, len(args)/cols-done)
		chunk := args[done*cols : (done+n)*cols]
		st, err := t.insert(table, n)
		if err == nil {
			err = t.write(st, chunk)
		}
		if err != nil {
			for i := range n {
				st1, err1 := t.insert(table, 1)
				if err1 == nil {
					err1 = t.write(st1, chunk[i*cols:(i+1)*cols])
				}
				if err1 != nil {
					return fmt.Errorf("%s: %w", row(done+i), err1)
				}
			}
			return fmt.Errorf("%s: %w", table.name, err)
		}
		done += n
	}
	return nil
}
