package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"figures/align"
	"figures/corpus"
	"figures/corpus/gen"
	"figures/ingest"
	"figures/store"
)

// The writer's benchmarks on a generated batch: the documents ingest's
// workers hand the single writer (analysed with gse and the extractor,
// once per test binary), and the checked pairs its pairing phase stores.

// batch is a generated batch, analysed, with its stories' pairs checked.
type batch struct {
	sides     []align.Side
	textBytes int64
	// pairs are indexes into sides, by the date of the story, with the
	// story's fact-check.
	pairs map[string][]batchPair
}

type batchPair struct {
	zh, en int
	report *align.Report
}

// batchStories is the size of the batch: 300 stories, as ingest's
// benchmarks (the same seed, so the same files).
const batchStories = 300

var loadBatch = sync.OnceValues(func() (*batch, error) {
	g, err := gen.New(gen.Config{Seed: 99, ErrorRate: 0.05})
	if err != nil {
		return nil, err
	}
	bt := &batch{pairs: map[string][]batchPair{}}
	stories := map[string][2]int{}
	for range batchStories {
		for _, f := range g.Next() {
			doc, err := corpus.Parse(f.Path, f.Data)
			if err != nil {
				return nil, err
			}
			side, err := ingest.Analyze(doc)
			if err != nil {
				return nil, err
			}
			i := len(bt.sides)
			bt.sides = append(bt.sides, side)
			bt.textBytes += int64(len(doc.Text))
			if f.Pair == "" {
				continue
			}
			st, ok := stories[f.Pair]
			if !ok {
				st = [2]int{-1, -1}
			}
			if f.Lang == "en" {
				st[1] = i
			} else {
				st[0] = i
			}
			stories[f.Pair] = st
		}
	}
	for _, st := range stories {
		if st[0] < 0 || st[1] < 0 {
			continue
		}
		r := align.Check(bt.sides[st[0]], bt.sides[st[1]])
		date := bt.sides[st[0]].Doc.Date
		bt.pairs[date] = append(bt.pairs[date], batchPair{st[0], st[1], &r})
	}
	for _, ps := range bt.pairs {
		sort.Slice(ps, func(i, j int) bool { return ps[i].zh < ps[j].zh })
	}
	return bt, nil
})

func benchBatch(b *testing.B) *batch {
	b.Helper()
	bt, err := loadBatch()
	if err != nil {
		b.Fatal(err)
	}
	return bt
}

// storeVariant is a way of storing the batch's documents, to see what each
// part of the writer's work costs.
type storeVariant struct {
	name string
	// side changes a document before it is stored (the rows left out).
	side func(align.Side) align.Side
	// create prepares the empty file before store.Open (page size).
	create func(path string) error
	// setup runs after store.Open, before the Writer (schema changes).
	setup func(*sql.DB) error
	// pragmas run on the Writer's connection; rows is the multi-row
	// INSERT's size (64 when 0).
	pragmas []string
	rows    int
}

func withoutSentenceText(s align.Side) align.Side {
	s.Sentences = append(s.Sentences[:0:0], s.Sentences...)
	for i := range s.Sentences {
		s.Sentences[i].Text = ""
	}
	return s
}

func withoutParagraphs(s align.Side) align.Side {
	d := *s.Doc
	d.Paragraphs = nil
	s.Doc = &d
	return s
}

func withoutDocumentText(s align.Side) align.Side {
	d := *s.Doc
	d.Text = ""
	s.Doc = &d
	return s
}

// withPageSize makes an empty WAL database with the given page size.
func withPageSize(size int) func(string) error {
	return func(path string) error {
		db, err := sql.Open("sqlite3", "file:"+path)
		if err != nil {
			return err
		}
		defer db.Close()
		for _, q := range []string{fmt.Sprintf("PRAGMA page_size = %d", size), "PRAGMA journal_mode = WAL"} {
			if _, err := db.Exec(q); err != nil {
				return err
			}
		}
		return nil
	}
}

// rebuild returns a setup that recreates the empty table (claims,
// paragraphs or sentences) from its CREATE statement as the store made it,
// changed by edit. Tables that refer to it do so by name, so they refer to
// the new table.
func rebuild(table string, edit func(string) string) func(*sql.DB) error {
	return func(db *sql.DB) error {
		var create string
		if err := db.QueryRow("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", table).Scan(&create); err != nil {
			return err
		}
		changed := edit(create)
		if changed == create {
			return fmt.Errorf("%s: the edit changed nothing", table)
		}
		// The store is empty: dropping a table breaks no reference.
		for _, q := range []string{"DROP TABLE " + table, changed} {
			if _, err := db.Exec(q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	}
}

// checkOR matches the enumerations' CHECK constraints as migration 0006
// writes them.
var checkOR = regexp.MustCompile(`CHECK \((kind|qualifier) = [^)]*\)`)

// checkIN writes a CHECK constraint of checkOR as 0001 did, with IN.
func checkIN(c string) string {
	m := checkOR.FindStringSubmatch(c)
	var vals []string
	for _, v := range strings.Split(c[len("CHECK ("):len(c)-1], " OR") {
		vals = append(vals, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), m[1]+" = ")))
	}
	return "CHECK (" + m[1] + " IN (" + strings.Join(vals, ", ") + "))"
}

// storeVariants are the variants BenchmarkStoreBatch runs: "schema" is the
// writer as it is; every other one leaves out or changes one thing.
var storeVariants = []storeVariant{
	{name: "schema"},
	// What each kind of row costs.
	{name: "document-only", side: func(s align.Side) align.Side {
		s = withoutParagraphs(s)
		s.Sentences, s.Claims = nil, nil
		return s
	}},
	{name: "claims=none", side: func(s align.Side) align.Side { s.Claims = nil; return s }},
	{name: "paragraphs=none", side: withoutParagraphs},
	{name: "sentence-text=empty", side: withoutSentenceText},
	{name: "document-text=empty", side: withoutDocumentText},
	// What the schema's constraints cost.
	{name: "claims-check=in", setup: rebuild("claims", func(c string) string { return checkOR.ReplaceAllStringFunc(c, checkIN) })},
	{name: "claims-check=none", setup: rebuild("claims", func(c string) string { return checkOR.ReplaceAllString(c, "") })},
	{name: "claims-unique=none", setup: rebuild("claims", func(c string) string {
		return strings.Replace(c, `UNIQUE (doc_id, start, "end"),`, "", 1)
	})},
	{name: "foreign-keys=off", pragmas: []string{"PRAGMA foreign_keys = OFF"}},
	{name: "without-rowid", setup: func(db *sql.DB) error {
		for _, t := range []string{"paragraphs", "sentences"} {
			if err := rebuild(t, func(c string) string { return c + ", WITHOUT ROWID" })(db); err != nil {
				return err
			}
		}
		return nil
	}},
	// SQLite's settings and the writer's statements.
	{name: "synchronous=off", pragmas: []string{"PRAGMA synchronous = OFF"}},
	{name: "cache-size=64M", pragmas: []string{"PRAGMA cache_size = -65536"}},
	{name: "page-size=8k", create: withPageSize(8192)},
	{name: "page-size=16k", create: withPageSize(16384)},
	{name: "rows=16", rows: 16},
	{name: "rows=256", rows: 256},
}

// openVariant opens a new store in dir as v makes it, and a Writer on it.
func openVariant(b *testing.B, dir string, v storeVariant) (*store.DB, *store.Writer) {
	b.Helper()
	path := filepath.Join(dir, "bench.db")
	if v.create != nil {
		if err := v.create(path); err != nil {
			b.Fatal(err)
		}
	}
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	if v.setup != nil {
		if err := v.setup(db.SQL()); err != nil {
			b.Fatal(err)
		}
	}
	restore := store.AddWriterPragmas(v.pragmas...)
	defer restore()
	if v.rows > 0 {
		defer store.SetMaxRowsPerInsert(v.rows)()
	}
	w, err := db.NewWriter(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return db, w
}

// storeBatch stores the sides with w in groups of 64, as ingest does.
func storeBatch(b *testing.B, w *store.Writer, sides []align.Side) []int64 {
	b.Helper()
	ctx := context.Background()
	ids := make([]int64, len(sides))
	for i, s := range sides {
		id, _, err := w.AddDocument(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = id
		if w.Pending() >= 64 {
			if err := w.Commit(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := w.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	return ids
}

// BenchmarkStoreBatch stores the documents of a generated batch (300
// stories, 487 bulletins, analysed beforehand) into a new store with
// one Writer in groups of 64, as ingest's writer does, in each of the
// variants of storeVariants; "schema" is the real thing. An op is the
// whole batch. Metrics: cpu-µs/doc (CPU time of the process, all threads,
// per document: steadier than wall time on a shared machine) and µs/doc
// (wall).
func BenchmarkStoreBatch(b *testing.B) {
	bt := benchBatch(b)
	for _, v := range storeVariants {
		sides := bt.sides
		if v.side != nil {
			sides = make([]align.Side, len(bt.sides))
			for i, s := range bt.sides {
				sides[i] = v.side(s)
			}
		}
		b.Run(v.name, func(b *testing.B) {
			var wall, cpu time.Duration
			for b.Loop() {
				db, w := openVariant(b, b.TempDir(), v)
				s, c := time.Now(), cpuTime()
				storeBatch(b, w, sides)
				wall += time.Since(s)
				cpu += cpuTime() - c
				w.Close()
				db.Close()
			}
			docs := float64(b.N * len(sides))
			b.ReportMetric(float64(wall.Microseconds())/docs, "µs/doc")
			if cpu > 0 {
				b.ReportMetric(float64(cpu.Microseconds())/docs, "cpu-µs/doc")
			}
			b.ReportMetric(float64(b.N)*float64(bt.textBytes)/1e6/wall.Seconds(), "text-MB/s")
		})
	}
}

// BenchmarkSaveBlock stores the checked pairs of a generated batch (187
// pairs, the stories told in both languages) with SaveBlock, one block per date as ingest's pairing phase
// does, into a store that holds the batch's documents. An op is the whole
// batch; the documents are stored outside the timing. Metrics: cpu-µs/pair,
// µs/pair and links/pair.
func BenchmarkSaveBlock(b *testing.B) {
	bt := benchBatch(b)
	dates := make([]string, 0, len(bt.pairs))
	pairs, links := 0, 0
	for d, ps := range bt.pairs {
		dates = append(dates, d)
		pairs += len(ps)
		for _, p := range ps {
			links += len(p.report.Links) + len(p.report.Dropped) + len(p.report.Added)
		}
	}
	sort.Strings(dates)
	ctx := context.Background()
	var wall, cpu time.Duration
	for b.Loop() {
		db, w := openVariant(b, b.TempDir(), storeVariant{})
		ids := storeBatch(b, w, bt.sides)
		if err := db.EnsurePairingIndexes(ctx); err != nil {
			b.Fatal(err)
		}
		blocks := make([][]store.CheckedPair, len(dates))
		for i, d := range dates {
			for _, p := range bt.pairs[d] {
				blocks[i] = append(blocks[i], store.CheckedPair{ZH: ids[p.zh], EN: ids[p.en], Score: 0.9, Report: p.report})
			}
		}
		s, c := time.Now(), cpuTime()
		for i, d := range dates {
			saved, err := w.SaveBlock(ctx, store.PairingBlock{Date: d}, blocks[i])
			if err != nil {
				b.Fatal(err)
			}
			if len(saved) != len(blocks[i]) {
				b.Fatalf("%s: %d pairs saved, want %d", d, len(saved), len(blocks[i]))
			}
		}
		wall += time.Since(s)
		cpu += cpuTime() - c
		w.Close()
		db.Close()
	}
	n := float64(b.N * pairs)
	b.ReportMetric(float64(wall.Microseconds())/n, "µs/pair")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/n, "cpu-µs/pair")
	}
	b.ReportMetric(float64(links)/float64(pairs), "links/pair")
	b.ReportMetric(float64(pairs), "pairs")
}
