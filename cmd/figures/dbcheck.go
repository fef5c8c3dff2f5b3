package main

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// checkDatabase refuses, before store.Open migrates it, a database figures
// did not create: store.Open creates the figures schema in any SQLite file,
// and `figures export --db other-app.sqlite` would otherwise quietly add ten
// tables to another program's database. An empty file is refused too when
// the command only reads (existing), since there is nothing to read in it.
// Anything else (a missing file, a file that is not SQLite) is left to
// store.Open, whose errors already say what is wrong.
func checkDatabase(path string, existing bool) error {
	fi, err := os.Stat(path)
	if err != nil || fi.IsDir() {
		return nil
	}
	if fi.Size() == 0 {
		if existing {
			return fmt.Errorf("%s is empty, not a figures database (run figures ingest --db %s FILES... first)", path, path)
		}
		return nil
	}
	db, err := sql.Open("sqlite3", "file:"+sqliteURIPath(path)+"?mode=ro")
	if err != nil {
		return nil
	}
	defer db.Close()
	var version, tables, documents int
	if db.QueryRow("PRAGMA user_version").Scan(&version) != nil ||
		db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE name = 'documents') FROM sqlite_master
			WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).Scan(&tables, &documents) != nil {
		return nil
	}
	switch {
	case tables > 0 && (version == 0 || documents == 0):
		return fmt.Errorf("%s is a SQLite database of another program, not a figures database; figures leaves it alone", path)
	case tables == 0 && existing:
		return fmt.Errorf("%s holds no figures database (run figures ingest --db %s FILES... first)", path, path)
	}
	return nil
}

// sqliteURIPath escapes the characters a SQLite URI gives a meaning to.
func sqliteURIPath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// createError explains why a database could not be opened when the file
// does not exist yet: SQLite says "unable to open database file: no such
// file or directory" both for a missing folder and for one it may not
// write in.
func createError(path string, err error) error {
	if _, serr := os.Stat(path); !errors.Is(serr, fs.ErrNotExist) {
		return err
	}
	dir := filepath.Dir(path)
	fi, serr := os.Stat(dir)
	switch {
	case serr != nil:
		return fmt.Errorf("cannot create %s: folder %s: %w", path, dir, pathErr(serr))
	case !fi.IsDir():
		return fmt.Errorf("cannot create %s: %s is not a folder", path, dir)
	}
	if f, cerr := os.CreateTemp(dir, ".figures-probe-*"); cerr != nil {
		return fmt.Errorf("cannot create %s: %w", path, pathErr(cerr))
	} else {
		f.Close()
		os.Remove(f.Name())
	}
	return err
}
