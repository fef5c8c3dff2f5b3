// Command figures-gen writes a corpus of synthetic government bulletins of
// any size, for testing and measuring `figures ingest`: Chinese originals
// (simplified and traditional) with English versions, as plain text and as
// HTML pages wrapped in site chrome, in UTF-8 (with and without BOM),
// UTF-16, GBK, GB18030 and Big5, with varied figures and, on request,
// English figures written wrong the way translators get them wrong.
//
// Beside the files it writes manifest.jsonl: for every file what a reader
// should find in it (language, encoding, title, date, source, a hash of the
// article text, the pair it belongs to and the errors seeded in it).
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"figures/corpus/gen"
)

const usage = `usage: figures-gen --out DIR [--size 50MB] [--seed N] [--errors RATE] [--bad RATE]

Write a corpus of synthetic bulletins of about --size bytes into DIR, in
folders by date (DIR/2021/01/04/...), with DIR/manifest.jsonl describing
every file. The same seed always writes the same corpus.

Examples:
  figures-gen --out /tmp/corpus50 --size 50MB
  figures-gen --out /tmp/mixed --size 5MB --seed 2 --errors 0.1 --bad 0.02

Flags:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("figures-gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "folder to write the corpus into (created; must be empty or absent)")
	size := fs.String("size", "10MB", "approximate corpus size: 500KB, 50MB, 1GB ...")
	seed := fs.Uint64("seed", 1, "random seed")
	errRate := fs.Float64("errors", 0.05, "share of English figures written wrong (0 to 1)")
	badRate := fs.Float64("bad", 0, "share of stories replaced by files that must fail or be skipped (0 to 1)")
	perDay := fs.Int("per-day", 20, "stories dated each day")
	start := fs.String("start", "2021-01-04", "date of the first stories")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "figures-gen: --out DIR is required, and there are no other arguments (see --help)")
		return 2
	}
	limit, err := parseSize(*size)
	if err != nil {
		fmt.Fprintln(stderr, "figures-gen:", err)
		return 2
	}
	startDate, err := time.Parse("2006-01-02", *start)
	if err != nil {
		fmt.Fprintf(stderr, "figures-gen: --start %q is not a date (YYYY-MM-DD)\n", *start)
		return 2
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "figures-gen: %s is not empty; give a new folder\n", *out)
		return 2
	}
	g, err := gen.New(gen.Config{Seed: *seed, Start: startDate, PerDay: *perDay, ErrorRate: *errRate, BadRate: *badRate})
	if err != nil {
		fmt.Fprintln(stderr, "figures-gen:", err)
		return 2
	}
	st, err := write(g, *out, limit)
	if err != nil {
		fmt.Fprintln(stderr, "figures-gen:", err)
		return 1
	}
	st.print(stdout, *out)
	return 0
}

type stats struct {
	files, pairs, seeded int
	bytes                int64
	by                   map[string]int
}

func write(g *gen.Generator, dir string, limit int64) (*stats, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	mf, err := os.Create(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		return nil, err
	}
	defer mf.Close()
	mw := bufio.NewWriter(mf)
	enc := json.NewEncoder(mw)
	enc.SetEscapeHTML(false)
	st := &stats{by: map[string]int{}}
	made := map[string]bool{}
	for st.bytes < limit {
		files := g.Next()
		if len(files) == 2 {
			st.pairs++
		}
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f.Path))
			if d := filepath.Dir(p); !made[d] {
				if err := os.MkdirAll(d, 0o755); err != nil {
					return nil, err
				}
				made[d] = true
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				return nil, err
			}
			if err := enc.Encode(f); err != nil {
				return nil, err
			}
			st.files++
			st.bytes += int64(len(f.Data))
			st.seeded += len(f.Seeded)
			if f.Bad != "" {
				st.by["bad:"+f.Bad]++
			} else {
				st.by[f.Lang+" "+f.Format+" "+f.Encoding]++
			}
		}
	}
	return st, mw.Flush()
}

func (st *stats) print(w io.Writer, dir string) {
	fmt.Fprintf(w, "figures-gen: wrote %d files (%.1f MB) to %s: %d pairs, %d seeded errors\n",
		st.files, float64(st.bytes)/1e6, dir, st.pairs, st.seeded)
	keys := make([]string, 0, len(st.by))
	for k := range st.by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "  %6d  %s\n", st.by[k], k)
	}
}

// parseSize reads 500KB, 50MB, 1.5GB or a plain number of bytes (decimal
// units: 1MB is 1,000,000 bytes).
func parseSize(s string) (int64, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	mult := 1.0
	for _, suf := range []struct {
		s string
		m float64
	}{{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"B", 1}} {
		if strings.HasSuffix(u, suf.s) {
			u, mult = strings.TrimSuffix(u, suf.s), suf.m
			break
		}
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(u), 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("--size %q is not a size (500KB, 50MB, 1GB)", s)
	}
	return int64(n * mult), nil
}
