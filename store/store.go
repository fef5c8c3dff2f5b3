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
	"fmt"
	"io/fs"
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
	dsn := "file:" + path + "?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=10000&_synchronous=NORMAL"
	sdb, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{sql: sdb, path: path}
	if err := db.migrate(context.Background()); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return db, nil
}

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
// migrations newer than PRAGMA user_version.
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
	for i, name := range names {
		v := i + 1
		if v <= cur {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := db.sql.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: %w", strings.TrimPrefix(name, "migrations/"), err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
