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
// file where a good one was.
func writeFileAtomic(path string, write func(*os.File) (int, error)) (int, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("create %s: %w", path, err)
	}
	n, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return n, fmt.Errorf("write %s: %w", path, err)
	}
	return n, nil
}
