package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"unicode/utf8"

	"figures/align"
)

// Writer stores analysed documents and checked pairs the way
// DB.SaveDocument and DB.SavePair do, but faster: it keeps one connection
// of its own with its statements prepared once and its rows in multi-row
// INSERTs, and checkpoints less often. Its Save methods take one
// transaction each; AddDocument and AddError store many documents in one
// transaction, a group, that Commit commits (see group.go). While a group
// is open the Save methods refuse to run. Batch ingestion has one Writer
// (SQLite has one writer at a time anyway). A Writer is not safe for
// concurrent use; Close returns its connection.
//
// Its transactions are SQLite's own (BEGIN IMMEDIATE ... COMMIT on its
// connection) rather than database/sql's, which start a goroutine each to
// watch the context: for a transaction that takes a fraction of a
// millisecond, waking a thread for that goroutine is a cost of its own.
type Writer struct {
	db   *DB
	conn *sql.Conn // nil for a one-shot writer: a database/sql Tx on the pool
	// stmts are prepared once on conn.
	stmts map[string]*sql.Stmt
	// inserts are the multi-row INSERTs of stmts, by table and rows:
	// looking one up by its text would hash a kilobyte of SQL.
	inserts map[insertKey]*sql.Stmt
	// group is the open group transaction (see AddDocument), nil when
	// none is open; pending counts what was added to it.
	group   *txn
	pending int
	// stamp caches now() for the second it was taken in.
	stamp     string
	stampUnix int64
}

type insertKey struct {
	table string
	rows  int
}

// The pragmas of a Writer's connection.
//
// The checkpoint interval (SQLite's default is 1,000 pages): each
// transaction appends every page it touched to the write-ahead log, some
// twenty pages for a bulletin, and a checkpoint copies the log into the
// database and syncs it. Checkpointing every 8,192 pages (32 MiB) syncs
// eight times less often and copies a page changed by many documents
// once. The log is truncated back to 64 MiB after a checkpoint.
//
// temp_store = MEMORY keeps the sub-journal in memory. Every document of a
// group is stored inside a savepoint, and every multi-row INSERT in a
// statement journal: both copy each page they change into the
// sub-journal first. Past 64 KiB (a document changes some twenty pages)
// SQLite would spill it to a temporary file, write() every copy, and keep
// the file growing until the group commits.
var writerPragmas = []string{
	"PRAGMA wal_autocheckpoint = 8192",
	"PRAGMA journal_size_limit = 67108864",
	"PRAGMA temp_store = MEMORY",
}

// defaultPragmas undo writerPragmas when the connection goes back to the
// pool.
var defaultPragmas = []string{
	"PRAGMA wal_autocheckpoint = 1000",
	"PRAGMA journal_size_limit = -1",
	"PRAGMA temp_store = DEFAULT",
}

// NewWriter opens a Writer on a connection of its own.
func (db *DB) NewWriter(ctx context.Context) (*Writer, error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("open writer: %w", err)
	}
	for _, p := range writerPragmas {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			conn.Close()
			return nil, fmt.Errorf("open writer: %s: %w", p, err)
		}
	}
	return &Writer{db: db, conn: conn, stmts: map[string]*sql.Stmt{}, inserts: map[insertKey]*sql.Stmt{}}, nil
}

// oneShot is a Writer for a single save on the connection pool: its
// statements are prepared on the transaction and die with it.
func (db *DB) oneShot() *Writer {
	return &Writer{db: db}
}

// Close releases the Writer's statements and connection. A group still
// open is rolled back: what was added since the last Commit is not stored.
func (w *Writer) Close() error {
	w.Rollback()
	for _, st := range w.stmts {
		st.Close()
	}
	w.stmts = nil
	if w.conn == nil {
		return nil
	}
	// The connection goes back to the pool as it came.
	for _, p := range defaultPragmas {
		w.conn.ExecContext(context.Background(), p)
	}
	err := w.conn.Close()
	w.conn = nil
	return err
}

// SaveDocument is DB.SaveDocument.
func (w *Writer) SaveDocument(ctx context.Context, s align.Side) (id int64, inserted bool, err error) {
	t, err := w.begin(ctx)
	if err != nil {
		return 0, false, fmt.Errorf("save %s: %w", s.Doc.Path, err)
	}
	id, inserted, err = t.saveDocument(s)
	if err = t.end(err); err != nil {
		return 0, false, fmt.Errorf("save %s: %w", s.Doc.Path, err)
	}
	return id, inserted, nil
}

// SavePair is DB.SavePair.
func (w *Writer) SavePair(ctx context.Context, zhID, enID int64, score float64, r *align.Report) (pairID int64, err error) {
	t, err := w.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("save pair %d-%d: %w", zhID, enID, err)
	}
	pairID, err = t.savePair(zhID, enID, score, r)
	if err = t.end(err); err != nil {
		return 0, fmt.Errorf("save pair %d-%d: %w", zhID, enID, err)
	}
	return pairID, nil
}

// CheckedPair is a document pair with its fact-check, to store.
type CheckedPair struct {
	ZH, EN int64 // document ids
	Score  float64
	Report *align.Report
}

// PairingBlock names a block of batch pairing by the documents it belongs
// to: those dated Date, or, when Date is empty, the undated documents
// directly in folder Dir.
type PairingBlock struct {
	Date, Dir string
}

func (b PairingBlock) String() string {
	if b.Date != "" {
		return "documents dated around " + b.Date
	}
	return "undated documents in " + b.Dir
}

// SaveBlock stores the checked pairs of a pairing block, each as SavePair
// does, and marks every document of the block as DB.MarkPairingDone does,
// all in one transaction. A batch killed while pairing thus leaves each
// block either done or untouched: the documents of an unfinished block are
// unmarked, so a rerun works through that block again from where a run
// that was never killed would, and skips the blocks that were done.
//
// Every document of the block is marked, paired or not and whichever
// block paired it: a mark says that the block of the document's own date
// (or folder) has been worked through since the document was stored.
//
// The pairs were made from the documents that were unpaired when the block
// was read. Another batch storing into the same database at the same time
// may have paired some of them since: a pair with a document that is now
// in a current pair is left out (a document is in one current pair, as
// when batches run one after the other), and its other document, still
// unpaired, is not marked, so a rerun pairs it. SaveBlock returns the pairs
// it stored.
func (w *Writer) SaveBlock(ctx context.Context, b PairingBlock, pairs []CheckedPair) ([]CheckedPair, error) {
	t, err := w.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("pair %s: %w", b, err)
	}
	saved := pairs[:0:0]
	var left []int64 // unpaired documents of the pairs left out
	var now map[int64]docPairing
	if now, err = t.pairedNow(pairs); err != nil {
		err = fmt.Errorf("read the block's documents: %w", err)
	}
	// newPartner holds the pairs stored so far by this call: a document
	// in one is paired if its counterpart is current, as pairedNow would
	// say were it asked again.
	newPartner := map[int64]int64{}
	paired := func(doc int64, asZH bool) bool {
		if d := now[doc]; (asZH && d.pairedAsZH) || (!asZH && d.pairedAsEN) {
			return true
		}
		other, ok := newPartner[doc]
		return ok && now[other].current
	}
	for _, p := range pairs {
		if err != nil {
			break
		}
		zhPaired, enPaired := paired(p.ZH, true), paired(p.EN, false)
		if zhPaired || enPaired {
			if !zhPaired {
				left = append(left, p.ZH)
			}
			if !enPaired {
				left = append(left, p.EN)
			}
			continue
		}
		if _, err = t.savePair(p.ZH, p.EN, p.Score, p.Report); err != nil {
			err = fmt.Errorf("save pair %d-%d: %w", p.ZH, p.EN, err)
			break
		}
		newPartner[p.ZH], newPartner[p.EN] = p.EN, p.ZH
		saved = append(saved, p)
	}
	if err == nil {
		if b.Date != "" {
			_, err = t.exec("INSERT OR IGNORE INTO pairing_done (doc_id) SELECT id FROM documents WHERE date = ?", b.Date)
		} else {
			prefix, upper := folderRange(b.Dir)
			_, err = t.exec(`INSERT OR IGNORE INTO pairing_done (doc_id) SELECT id FROM documents
				WHERE date = '' AND path >= ? AND path < ? AND instr(substr(path, ?), '/') = 0`,
				prefix, upper, utf8.RuneCountInString(prefix)+1)
		}
		for _, id := range left {
			if err != nil {
				break
			}
			_, err = t.exec("DELETE FROM pairing_done WHERE doc_id = ?", id)
		}
		if err != nil {
			err = fmt.Errorf("mark pairing done: %w", err)
		}
	}
	if err = t.end(err); err != nil {
		return nil, fmt.Errorf("pair %s: %w", b, err)
	}
	return saved, nil
}

// docPairing is what pairedNow says of a document.
type docPairing struct {
	// pairedAsZH: the document is the Chinese side of a pair whose
	// English document is current (has no later version at its path);
	// pairedAsEN likewise as the English side.
	pairedAsZH, pairedAsEN bool
	current                bool // no later version at its path
}

// pairedNow reads, in one query, whether each document of pairs is in a
// pair with the current version of a counterpart (the test UnpairedOn
// makes, here inside the transaction) and whether it is current itself.
// One query per block rather than two per pair: SQLite's cost is mostly
// in starting the statement, not in its few index lookups.
func (t *txn) pairedNow(pairs []CheckedPair) (map[int64]docPairing, error) {
	ids := make([]byte, 0, 16*len(pairs))
	ids = append(ids, '[')
	for i, p := range pairs {
		if i > 0 {
			ids = append(ids, ',')
		}
		ids = strconv.AppendInt(ids, p.ZH, 10)
		ids = append(ids, ',')
		ids = strconv.AppendInt(ids, p.EN, 10)
	}
	ids = append(ids, ']')
	rows, err := t.query(`SELECT d.id,
		EXISTS (SELECT 1 FROM pairs p JOIN documents o ON o.id = p.en_doc
			WHERE p.zh_doc = d.id AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.path = o.path AND n.version > o.version)),
		EXISTS (SELECT 1 FROM pairs p JOIN documents o ON o.id = p.zh_doc
			WHERE p.en_doc = d.id AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.path = o.path AND n.version > o.version)),
		NOT EXISTS (SELECT 1 FROM documents n WHERE n.path = d.path AND n.version > d.version)
		FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))`, string(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	now := make(map[int64]docPairing, 2*len(pairs))
	for rows.Next() {
		var id int64
		var d docPairing
		if err := rows.Scan(&id, &d.pairedAsZH, &d.pairedAsEN, &d.current); err != nil {
			return nil, err
		}
		now[id] = d
	}
	return now, rows.Err()
}

// MarkPairingDone is DB.MarkPairingDone.
func (w *Writer) MarkPairingDone(ctx context.Context, ids []int64) error {
	t, err := w.begin(ctx)
	if err != nil {
		return fmt.Errorf("mark pairing done: %w", err)
	}
	if err = t.end(t.markPairingDone(ids)); err != nil {
		return fmt.Errorf("mark pairing done: %w", err)
	}
	return nil
}

// SaveError is DB.SaveError on the Writer's connection.
func (w *Writer) SaveError(ctx context.Context, path, reason string) error {
	if w.conn == nil {
		return w.db.SaveError(ctx, path, reason)
	}
	t, err := w.begin(ctx)
	if err == nil {
		_, err = t.exec("INSERT INTO errors (path, reason, at) VALUES (?, ?, ?)", path, reason, now())
		err = t.end(err)
	}
	if err != nil {
		return fmt.Errorf("record error for %s: %w", path, err)
	}
	return nil
}

func (t *txn) markPairingDone(ids []int64) error {
	args := t.args[:0]
	for _, id := range ids {
		args = append(args, id)
	}
	err := t.insertRows(pairingDoneTable, args, func(i int) string { return fmt.Sprintf("document %d", ids[i]) })
	t.args = args[:0]
	return err
}

// txn is one transaction of a Writer.
type txn struct {
	w *Writer
	// ctx is the caller's context, checked before the commit; run is the
	// same without its cancellation, for the statements. A statement run
	// under a cancellable context costs a goroutine in the SQLite driver,
	// and a transaction that is cancelled half-way is rolled back anyway.
	ctx, run context.Context
	tx       *sql.Tx              // a one-shot writer's transaction
	local    map[string]*sql.Stmt // a one-shot writer's statements
	args     []any                // reused for row values
}

func (w *Writer) begin(ctx context.Context) (*txn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if w.group != nil {
		// A transaction of its own would have to commit the group, behind
		// the back of whoever counts what the group stored.
		return nil, errGroupOpen
	}
	t := &txn{w: w, ctx: ctx, run: context.WithoutCancel(ctx)}
	if w.conn == nil {
		t.local = map[string]*sql.Stmt{}
		tx, err := w.db.sql.BeginTx(t.run, nil)
		if err != nil {
			return nil, err
		}
		t.tx = tx
		return t, nil
	}
	// IMMEDIATE takes the write lock now, as _txlock=immediate does for
	// the pool's transactions: a transaction that reads first and writes
	// later could otherwise fail half-way on another process's lock.
	if _, err := w.conn.ExecContext(t.run, "BEGIN IMMEDIATE"); err != nil {
		return nil, err
	}
	return t, nil
}

// end commits the transaction if err is nil and the context is still
// live, and otherwise rolls it back; it returns the first error.
func (t *txn) end(err error) error {
	if err == nil {
		err = t.ctx.Err()
	}
	if t.tx != nil {
		if err != nil {
			t.tx.Rollback()
			return err
		}
		return t.tx.Commit()
	}
	if err == nil {
		if _, err = t.w.conn.ExecContext(t.run, "COMMIT"); err == nil {
			return nil
		}
	}
	// SQLite may have rolled back already (after some I/O errors), so a
	// failed ROLLBACK says nothing new.
	t.w.conn.ExecContext(t.run, "ROLLBACK")
	return err
}

// stmt returns the prepared statement for q.
func (t *txn) stmt(q string) (*sql.Stmt, error) {
	cache, prep := t.w.stmts, func() (*sql.Stmt, error) { return t.w.conn.PrepareContext(t.run, q) }
	if t.tx != nil {
		cache, prep = t.local, func() (*sql.Stmt, error) { return t.tx.PrepareContext(t.run, q) }
	}
	if st, ok := cache[q]; ok {
		return st, nil
	}
	st, err := prep()
	if err != nil {
		return nil, fmt.Errorf("prepare %q: %w", q, err)
	}
	cache[q] = st
	return st, nil
}

func (t *txn) exec(q string, args ...any) (sql.Result, error) {
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.run, args...)
}

// write runs the INSERT st with args, as Exec would but faster.
// mattn/go-sqlite3 binds a query's arguments, all of them, and takes its
// first step in one cgo call, where Exec makes a call per argument (and
// every call locks the connection's mutex): for a multi-row INSERT of a
// document's claims, a third of the cost of storing them. Its Query runs
// a statement without RETURNING to its end before it returns (there are
// no rows to stop at), and Close resets it.
func (t *txn) write(st *sql.Stmt, args []any) error {
	rows, err := st.QueryContext(t.run, args...)
	if err != nil {
		return err
	}
	return rows.Close()
}

func (t *txn) query(q string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(t.run, args...)
}

// queryRow is QueryRow; an error preparing the statement comes out of Scan.
func (t *txn) queryRow(q string, args ...any) scanner {
	st, err := t.stmt(q)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(t.run, args...)
}

type scanner interface{ Scan(dest ...any) error }

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// insert returns the prepared INSERT of rows rows into table.
func (t *txn) insert(table rowTable, rows int) (*sql.Stmt, error) {
	if t.tx != nil {
		return t.stmt(table.insertSQL(rows))
	}
	k := insertKey{table.name, rows}
	if st, ok := t.w.inserts[k]; ok {
		return st, nil
	}
	st, err := t.stmt(table.insertSQL(rows))
	if err != nil {
		return nil, err
	}
	t.w.inserts[k] = st
	return st, nil
}
