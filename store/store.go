// Package store keeps figures' facts in SQLite: documents with their text,
// sentences and claims, document pairs with their sentence alignment and
// figure links, and ingest errors. The schema is versioned by embedded
// migrations that the store applies itself; every document is written in one
// transaction so a crash never leaves one half-stored.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver (cgo)
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open figures store.
type DB struct {
	sql  *sql.DB
	path string
}

// Open opens (creating if needed) the store at path and migrates it to the
// current schema. Foreign keys are on and the journal is WAL.
func Open(path string) (*DB, error) {
	// The path goes into a file: URI, where ?, # and % mean something.
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	dsn := "file:" + esc + "?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=10000&_synchronous=NORMAL&_txlock=immediate"
	sdb, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{sql: sdb, path: path}
	if err := db.migrate(context.Background()); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// OpenExisting is Open for readers (export, serve, the demo's report): a
// store that does not exist is an error wrapping fs.ErrNotExist rather than
// a new empty database.
func OpenExisting(path string) (*DB, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open %s: %w (run figures ingest or figures demo first)", path, fs.ErrNotExist)
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("open %s: is a directory, not a figures database", path)
	}
	return Open(path)
}

// Path is the file the store was opened from.
func (db *DB) Path() string { return db.path }

// SchemaVersion is the schema version this build of figures creates and
// understands: the number of embedded migrations.
func SchemaVersion() int {
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	return len(names)
}

// ErrNewerSchema is returned by Open for a store written by a newer figures.
var ErrNewerSchema = errors.New("store has a newer schema than this figures understands")

// Close closes the store.
func (db *DB) Close() error { return db.sql.Close() }

// SQL exposes the database handle for read-only queries (export, review UI).
func (db *DB) SQL() *sql.DB { return db.sql }

// Version returns the schema version: the number of migrations applied.
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// migrate applies, in order and each in its own transaction, the embedded
// migrations newer than PRAGMA user_version. Transactions are IMMEDIATE
// (_txlock in the DSN), so two processes opening a new store at once queue
// up instead of both creating the tables; the version is read again inside
// each transaction for the same reason.
func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	cur, err := db.Version(ctx)
	if err != nil {
		return err
	}
	if cur > len(names) {
		return fmt.Errorf("%w: version %d, this figures knows %d; upgrade figures", ErrNewerSchema, cur, len(names))
	}
	for i, name := range names {
		if v := i + 1; v > cur {
			if err := db.apply(ctx, name, v); err != nil {
				return err
			}
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, name string, v int) error {
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var cur int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
		return err
	}
	if cur >= v {
		return nil // another process got there first
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migration %s: %w", strings.TrimPrefix(name, "migrations/"), err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
		return err
	}
	return tx.Commit()
}
