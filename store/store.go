// Package store keeps figures' facts in SQLite: documents with their text,
// sentences and claims, document pairs with their sentence alignment and
// figure links, and ingest errors. The schema is versioned by embedded
// migrations that the store applies itself; every document is written whole
// inside one transaction (alone, or in a group with others, each in a
// savepoint of its own) so a crash never leaves one half-stored.
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
	"time"

	"github.com/mattn/go-sqlite3" // the SQLite driver (cgo)
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open figures store.
type DB struct {
	sql  *sql.DB
	path string
}

// Open opens the store at path and migrates it to the current schema. A
// missing or empty (0-byte) file becomes a new store. A file that is
// something else is refused, untouched: a file that is not SQLite, and an
// SQLite database of another program (tables, but no figures schema),
// which migrating would fill with figures' tables. Foreign keys are on
// and the journal is WAL.
func Open(path string) (*DB, error) {
	if err := vet(path, false); err != nil {
		return nil, err
	}
	return open(path)
}

func open(path string) (*DB, error) {
	dsn := "file:" + uriPath(path) + "?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=10000&_synchronous=NORMAL&_txlock=immediate"
	sdb, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{sql: sdb, path: path}
	// Two processes opening a new store at once can find it locked in a
	// way SQLite's busy timeout does not wait out (turning on WAL needs
	// the file to itself for a moment): try again for as long as the
	// timeout would have waited.
	deadline := time.Now().Add(10 * time.Second)
	for {
		err = db.migrate(context.Background())
		if err == nil || !IsBusy(err) || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// OpenExisting is Open for readers (export, serve, the demo's report): a
// store that does not exist is an error wrapping fs.ErrNotExist rather than
// a new empty database, and so is an empty file or an SQLite database
// with no tables, which hold nothing to read.
func OpenExisting(path string) (*DB, error) {
	if err := vet(path, true); err != nil {
		return nil, err
	}
	return open(path)
}

// ErrNotStore is returned by Open and OpenExisting for a file that is not
// a figures store: not SQLite, or another program's SQLite database.
var ErrNotStore = errors.New("not a figures store")

// uriPath escapes path for a file: URI, where ?, # and % mean something.
func uriPath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// vet looks at the file at path before Open lets SQLite near it: opening
// a database with the store's settings turns on WAL (which rewrites the
// file's header) and migrating creates tables, neither of which may happen
// to a file that is not a figures store. It reads the file through a
// read-only connection. existing says that the store must already hold a
// figures schema.
func vet(path string, existing bool) error {
	const hint = "run figures ingest --db %s FILES... first"
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if existing {
			return fmt.Errorf("open %s: %w ("+hint+")", path, fs.ErrNotExist, path)
		}
		return nil // Open creates it, or says why it cannot
	case err != nil:
		return fmt.Errorf("open %s: %w", path, err)
	case fi.IsDir():
		return fmt.Errorf("open %s: is a directory, not a figures store", path)
	case fi.Size() == 0:
		if existing {
			return fmt.Errorf("open %s: empty file, %w ("+hint+")", path, ErrNotStore, path)
		}
		return nil
	}
	ro, err := sql.Open("sqlite3", "file:"+uriPath(path)+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer ro.Close()
	var version, tables, documents int
	err = ro.QueryRow("PRAGMA user_version").Scan(&version)
	if err == nil {
		err = ro.QueryRow(`SELECT count(*), count(*) FILTER (WHERE name = 'documents') FROM sqlite_schema
			WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).Scan(&tables, &documents)
	}
	var se sqlite3.Error
	switch {
	case errors.As(err, &se) && se.Code == sqlite3.ErrNotADB:
		return fmt.Errorf("%s is not an SQLite database, %w", path, ErrNotStore)
	case err != nil:
		// Whatever kept a read-only connection from reading (a lock held
		// too long, permissions) the real open reports better.
		return nil
	case tables > 0 && (version == 0 || documents == 0), tables == 0 && version > 0:
		return fmt.Errorf("%s is an SQLite database but %w (figures leaves it alone)", path, ErrNotStore)
	case tables == 0 && existing:
		return fmt.Errorf("open %s: an empty SQLite database, %w ("+hint+")", path, ErrNotStore, path)
	}
	return nil
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
