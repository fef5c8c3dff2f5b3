package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"figures/ingest"
	"figures/samples"
	"figures/store"
)

func cmdDemo(ctx context.Context, e env, args []string) int {
	const prog = "figures demo"
	fl := newFlags(prog)
	dbPath := fl.String("db", "figures.db", "")
	copyTo := fl.String("samples", "", "")
	rest, err := parseFlags(fl, args)
	if err != nil {
		return usageError(e, prog, err)
	}
	if len(rest) > 0 {
		return usageError(e, prog, fmt.Errorf("unexpected argument %q", rest[0]))
	}
	if *copyTo != "" {
		if err := copySamples(*copyTo); err != nil {
			return fail(e, prog, exitUsage, err)
		}
	}
	db, err := store.Open(*dbPath)
	if err != nil {
		return fail(e, prog, exitUsage, createError(*dbPath, err))
	}
	defer db.Close()

	began := time.Now()
	sum, err := ingest.Run(ctx, db, ingest.Options{FS: samples.FS, Paths: []string{"."}})
	if err != nil {
		return fail(e, prog, exitUsage, err)
	}
	elapsed := time.Since(began)
	hashes, err := sampleHashes()
	if err != nil {
		return fail(e, prog, exitUsage, err)
	}
	out := bufio.NewWriter(e.stdout)
	fmt.Fprintf(out, "Ingested %d sample bulletins into %s in %.1fs: %d new, %d already stored, %d pairs checked.\n",
		sum.Files, *dbPath, elapsed.Seconds(), sum.Documents, sum.Skipped, sum.Pairs)
	for _, f := range sum.Failures {
		fmt.Fprintf(out, "FAILED %s: %s\n", f.Path, f.Reason)
	}
	if err := writeDemoReport(ctx, out, db, hashes); err != nil {
		out.Flush()
		return fail(e, prog, exitUsage, err)
	}
	writeNextSteps(out, *dbPath, *copyTo)
	if err := out.Flush(); err != nil {
		return fail(e, prog, exitUsage, err)
	}
	if sum.Errors > 0 {
		return exitFindings
	}
	return exitOK
}

// writeDemoReport prints, from the store (so that a second run shows the
// same as the first), the fact-check of every sample pair and the samples
// with no counterpart. Documents that are not samples (the store may be one
// the user also ingests into) are left out, recognised by content hash.
func writeDemoReport(ctx context.Context, w io.Writer, db *store.DB, samples map[string]bool) error {
	pairs, err := db.PairSummaries(ctx)
	if err != nil {
		return err
	}
	var tot store.PairSummary
	n := 0
	for _, p := range pairs {
		if !samples[p.ZH.Hash] || !samples[p.EN.Hash] {
			continue
		}
		n++
		tot.Matched += p.Matched
		tot.Mismatched += p.Mismatched
		tot.Dropped += p.Dropped
		tot.Added += p.Added
		links, err := db.Links(ctx, p.ID)
		if err != nil {
			return err
		}
		// Rounded matches count as matched, as in the store; saying how
		// many keeps the line consistent with figures check.
		var rounded []string
		for _, l := range links {
			if l.Verdict == "match_rounded" {
				rounded = append(rounded, l.ZH.Text+" -> "+l.EN.Text)
			}
		}
		matched := fmt.Sprintf("%d matched", p.Matched)
		if len(rounded) > 0 {
			matched += fmt.Sprintf(" (%d rounded)", len(rounded))
		}
		fmt.Fprintf(w, "\n== %s: %s, %d mismatched, %d dropped, %d added\n",
			pairName(p.ZH.Path, p.EN.Path), matched, p.Mismatched, p.Dropped, p.Added)
		fmt.Fprintf(w, "  zh  %s\n  en  %s\n", docLine(p.ZH), docLine(p.EN))
		var dropped, added []string
		for _, l := range links {
			switch l.Verdict {
			case "mismatch":
				fmt.Fprintf(w, "  MISMATCH %s: %s -> %s\n", l.Error, l.ZH.Text, l.EN.Text)
				if l.Explanation != "" {
					fmt.Fprintf(w, "      %s\n", l.Explanation)
				}
			case "dropped":
				dropped = append(dropped, l.ZH.Text)
			case "added":
				added = append(added, l.EN.Text)
			}
		}
		if len(dropped) > 0 {
			fmt.Fprintf(w, "  dropped: %s\n", list(dropped, 10))
		}
		if len(added) > 0 {
			fmt.Fprintf(w, "  added:   %s\n", list(added, 10))
		}
		if len(rounded) > 0 {
			fmt.Fprintf(w, "  rounded: %s\n", list(rounded, 10))
		}
	}
	single, err := db.Unpaired(ctx)
	if err != nil {
		return err
	}
	var singles []store.DocInfo
	for _, d := range single {
		if samples[d.Hash] {
			singles = append(singles, d)
		}
	}
	if len(singles) > 0 {
		fmt.Fprintf(w, "\nNo counterpart, so not checked:\n")
		for _, d := range singles {
			fmt.Fprintf(w, "  %s\n", docLine(d))
		}
	}
	fmt.Fprintf(w, "\nIn all: %d pairs; %d figures matched, %d mismatched, %d dropped, %d added.\n",
		n, tot.Matched, tot.Mismatched, tot.Dropped, tot.Added)
	return nil
}

// pairName names a pair by what its two paths share (yunlan-2024 for
// yunlan-2024.zh.txt and yunlan-2024.en.txt), or by both paths.
func pairName(zh, en string) string {
	stem := func(p string) string {
		p = strings.TrimSuffix(p, filepath.Ext(p))
		for _, suf := range []string{".zh", ".en", "_zh", "_en", "-zh", "-en"} {
			p = strings.TrimSuffix(p, suf)
		}
		return p
	}
	if s := stem(zh); s == stem(en) {
		return s
	}
	return zh + " + " + en
}

func docLine(d store.DocInfo) string {
	s := d.Path
	if d.Title != "" {
		s += "  " + d.Title
	}
	s += fmt.Sprintf("  (%s, %d figures", d.Lang, d.Claims)
	if d.Date != "" {
		s += ", " + d.Date
	}
	if d.Source != "" {
		s += ", " + d.Source
	}
	return s + ")"
}

// list joins items, showing at most max of them.
func list(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:max], ", "), len(items)-max)
}

func writeNextSteps(w io.Writer, db, copied string) {
	q := shellQuote(db)
	fmt.Fprintf(w, "\nWhere to look next:\n")
	steps := [][2]string{
		{"figures serve --db " + q, "review every pair in a browser, figures highlighted"},
		{"figures export --db " + q + " --table links --format csv -o links.csv", "every figure of every pair, one row each"},
		{"figures export --db " + q + " --table claims --format jsonl", "every figure found, with offsets and exact values"},
	}
	if copied != "" {
		steps = append(steps, [2]string{
			"figures check " + shellQuote(filepath.Join(copied, "qingyu-elderly-care-2023.zh.txt")) + " " +
				shellQuote(filepath.Join(copied, "qingyu-elderly-care-2023.en.txt")),
			"the full report of one pair, with both sentences"})
	} else {
		steps = append(steps, [2]string{"figures demo --samples DIR", "copy the sample bulletins to DIR, to run figures check on them"})
	}
	width := 0
	for _, s := range steps {
		width = max(width, utf8.RuneCountInString(s[0]))
	}
	for _, s := range steps {
		fmt.Fprintf(w, "  %-*s  %s\n", width, s[0], s[1])
	}
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// sampleHashes returns the content hashes of the sample files, which are
// the hashes their documents are stored under.
func sampleHashes() (map[string]bool, error) {
	out := map[string]bool{}
	err := fs.WalkDir(samples.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(samples.FS, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[hex.EncodeToString(sum[:])] = true
		return nil
	})
	return out, err
}

// copySamples writes the sample bulletins, byte for byte (the GBK pages
// stay GBK), into dir.
func copySamples(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("copy samples: %w", err)
	}
	return fs.WalkDir(samples.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(samples.FS, p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), b, 0o644); err != nil {
			return fmt.Errorf("copy samples: %w", err)
		}
		return nil
	})
}
