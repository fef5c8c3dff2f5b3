package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"figures/store"
	"figures/store/export"
)

func cmdExport(ctx context.Context, e env, args []string) int {
	const prog = "figures export"
	fl := newFlags(prog)
	dbPath := fl.String("db", "figures.db", "")
	table := newChoice("", export.Names()...)
	fl.Var(table, "table", "")
	format := newChoice("csv", "csv", "jsonl")
	fl.Var(format, "format", "")
	outPath := fl.String("o", "-", "")
	bom := fl.Bool("bom", false, "")
	rest, err := parseFlags(fl, args)
	if err != nil {
		return usageError(e, prog, err)
	}
	if len(rest) > 0 {
		return usageError(e, prog, fmt.Errorf("unexpected argument %q", rest[0]))
	}
	if table.value == "" {
		return usageError(e, prog, fmt.Errorf("--table is required (one of %s)", strings.Join(export.Names(), ", ")))
	}
	db, err := store.OpenExisting(*dbPath)
	if err != nil {
		return fail(e, prog, exitUsage, err)
	}
	defer db.Close()
	opt := export.Options{BOM: *bom}
	if *outPath == "-" {
		if _, err := export.Write(ctx, db.SQL(), table.value, export.Format(format.value), e.stdout, opt); err != nil {
			return fail(e, prog, exitUsage, err)
		}
		return exitOK
	}
	n, err := writeFileAtomic(*outPath, func(f *os.File) (int, error) {
		return export.Write(ctx, db.SQL(), table.value, export.Format(format.value), f, opt)
	})
	if err != nil {
		return fail(e, prog, exitUsage, err)
	}
	fmt.Fprintf(e.stderr, "%s: wrote %d %s rows to %s\n", prog, n, table.value, *outPath)
	return exitOK
}

// writeFileAtomic writes path through a temporary file in the same folder
// and renames it into place, so a failed export never leaves a truncated
// file where a good one was. A symbolic link is followed, so the file it
// points to is replaced, not the link; a device or named pipe (/dev/stdout,
// a FIFO a loader reads) is written to directly, since renaming over it
// would replace the device node itself.
func writeFileAtomic(path string, write func(*os.File) (int, error)) (int, error) {
	target := path
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return 0, fmt.Errorf("write %s: is a directory", path)
		}
		if !fi.Mode().IsRegular() {
			return writeInPlace(path, write)
		}
		if t, err := filepath.EvalSymlinks(path); err == nil {
			target = t
		}
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("create %s: %w", path, pathErr(err))
	}
	n, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), target)
	}
	if err != nil {
		os.Remove(f.Name())
		return n, fmt.Errorf("write %s: %w", path, err)
	}
	return n, nil
}

func writeInPlace(path string, write func(*os.File) (int, error)) (int, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", path, pathErr(err))
	}
	n, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("write %s: %w", path, err)
	}
	return n, nil
}
