package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

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
