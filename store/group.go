package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"

	"figures/align"
)

// Group commit.
//
// A COMMIT appends every page the transaction touched to the write-ahead
// log; a document of a few kilobytes touches some twenty pages, most of
// them index pages its neighbours touch too. Committing documents one by
// one thus writes the same pages over and over, and cost a third of the
// writer's time. A batch instead adds documents to a group, one
// transaction over many documents, and commits the group now and then
// (the caller decides when: ingest commits every 64 documents, after
// 200 ms, at the end of the input and before pairing).
//
// Each document still goes in whole or not at all: it is added inside a
// SAVEPOINT of its own, so a document whose rows fail is rolled back alone
// and the group goes on. A crash loses the open group, never part of a
// document: SQLite rolls back a transaction that did not commit.

// errGroupOpen is returned by the Writer's one-transaction methods while a
// group is open.
var errGroupOpen = errors.New("a group of documents is open: commit it first")

// DocumentError is a document the store refused: one of its rows broke a
// constraint of the schema (a claim kind outside the enumeration, two claims
// on one span, ...), which is a bug upstream. The document was rolled back
// and nothing else: the Writer's open group holds what it held before, and
// the next document may be added.
type DocumentError struct {
	Path string
	Err  error
}

func (e *DocumentError) Error() string { return fmt.Sprintf("store %s: %v", e.Path, e.Err) }

func (e *DocumentError) Unwrap() error { return e.Err }

// documentFault reports whether err is the document's fault rather than the
// store's: a constraint, a datatype the STRICT table refuses, a value too
// big. Anything else (I/O, a full disk, a lock) fails the group.
func documentFault(err error) bool {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code {
	case sqlite3.ErrConstraint, sqlite3.ErrMismatch, sqlite3.ErrTooBig, sqlite3.ErrRange:
		return true
	}
	return false
}

// AddDocument stores an analysed document in the Writer's open group,
// beginning a group (BEGIN IMMEDIATE) when none is open, as SaveDocument
// stores it in a transaction of its own: a document whose content hash is
// stored already (or was added to this group before) is left alone, and
// its id comes back with inserted=false. Nothing is durable, or visible to
// other connections, until Commit.
//
// A document whose rows the store refuses comes back as a *DocumentError
// and is rolled back alone; the group stays open. Any other error means
// the group is lost: it was rolled back, everything added since the last
// Commit with it. An error beginning the group (IsBusy: another process
// holds the write lock) loses nothing and may be retried.
//
// The context is checked before the document is added; its statements
// run to completion.
func (w *Writer) AddDocument(ctx context.Context, s align.Side) (id int64, inserted bool, err error) {
	t, err := w.open(ctx)
	if err != nil {
		return 0, false, fmt.Errorf("save %s: %w", s.Doc.Path, err)
	}
	if _, err = t.exec("SAVEPOINT doc"); err != nil {
		return 0, false, fmt.Errorf("save %s: %w", s.Doc.Path, w.lose(err))
	}
	id, inserted, err = t.saveDocument(s)
	if err == nil {
		if _, err = t.exec("RELEASE doc"); err != nil {
			return 0, false, fmt.Errorf("save %s: %w", s.Doc.Path, w.lose(err))
		}
		return id, inserted, nil
	}
	// ROLLBACK TO undoes the document and keeps the savepoint, which
	// RELEASE then drops. If SQLite rolled back the whole transaction
	// already (it does after some I/O errors), there is no savepoint
	// left, and the group is lost.
	if _, err1 := t.exec("ROLLBACK TO doc"); err1 != nil {
		return 0, false, fmt.Errorf("save %s: %w", s.Doc.Path, w.lose(err))
	}
	if _, err1 := t.exec("RELEASE doc"); err1 != nil {
		return 0, false, fmt.Errorf("save %s: %w", s.Doc.Path, w.lose(err))
	}
	if !documentFault(err) {
		return 0, false, fmt.Errorf("save %s: %w", s.Doc.Path, w.lose(err))
	}
	return 0, false, &DocumentError{Path: s.Doc.Path, Err: err}
}

// AddError records a file that could not be ingested, in the open group
// (beginning one when none is open): it is stored when the group commits.
func (w *Writer) AddError(ctx context.Context, path, reason string) error {
	t, err := w.open(ctx)
	if err == nil {
		if _, err = t.exec("INSERT INTO errors (path, reason, at) VALUES (?, ?, ?)", path, reason, w.now()); err != nil {
			err = w.lose(err)
		}
	}
	if err != nil {
		return fmt.Errorf("record error for %s: %w", path, err)
	}
	return nil
}

// Pending is the number of documents and errors added to the open group
// (stored, already stored or refused alike); 0 when no group is open.
func (w *Writer) Pending() int { return w.pending }

// Commit commits the open group, if any: from now on its documents are
// stored for good and other connections see them. The context is not
// consulted: a batch that is being cancelled commits the documents it
// has added whole. If the commit fails the group is rolled back and the
// error says how many documents were lost.
func (w *Writer) Commit(ctx context.Context) error {
	t := w.group
	if t == nil {
		return nil
	}
	n := w.pending
	w.group, w.pending = nil, 0
	if _, err := w.conn.ExecContext(t.run, "COMMIT"); err != nil {
		w.conn.ExecContext(t.run, "ROLLBACK")
		return fmt.Errorf("commit a group of %d documents and errors: %w", n, err)
	}
	return nil
}

// Rollback rolls the open group back, if any: nothing added since the last
// Commit is stored.
func (w *Writer) Rollback() error {
	t := w.group
	if t == nil {
		return nil
	}
	w.group, w.pending = nil, 0
	if _, err := w.conn.ExecContext(t.run, "ROLLBACK"); err != nil {
		return fmt.Errorf("roll back a group of documents: %w", err)
	}
	return nil
}

// open returns the open group, beginning one if none is open, and counts
// one more addition to it.
func (w *Writer) open(ctx context.Context) (*txn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if w.conn == nil {
		return nil, errors.New("groups need a Writer of its own (DB.NewWriter)")
	}
	if w.group == nil {
		t := &txn{w: w, ctx: context.Background(), run: context.Background()}
		if _, err := w.conn.ExecContext(t.run, "BEGIN IMMEDIATE"); err != nil {
			return nil, err
		}
		w.group = t
	}
	w.pending++
	return w.group, nil
}

// lose rolls back the open group after err, which the group cannot
// survive, and returns err.
func (w *Writer) lose(err error) error {
	n := w.pending
	if rerr := w.Rollback(); rerr != nil {
		return fmt.Errorf("%w (and %v)", err, rerr)
	}
	return fmt.Errorf("%w (the group of %d documents and errors not yet committed was rolled back)", err, n)
}

// now is the time rows are stored at, formatted once a second rather than
// once a row.
func (w *Writer) now() string {
	t := time.Now()
	if u := t.Unix(); u != w.stampUnix || w.stamp == "" {
		w.stamp, w.stampUnix = t.UTC().Format(time.RFC3339), u
	}
	return w.stamp
}
