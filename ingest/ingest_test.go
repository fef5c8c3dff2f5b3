package ingest

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"figures/align"
	"figures/corpus"
	"figures/corpus/gen"
	"figures/store"
)

// writeCorpus generates n stories into dir and returns the generated files.
func writeCorpus(t testing.TB, dir string, cfg gen.Config, n int) []gen.File {
	t.Helper()
	g, err := gen.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var all []gen.File
	for range n {
		for _, f := range g.Next() {
			p := filepath.Join(dir, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			all = append(all, f)
		}
	}
	return all
}

func openStore(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "figures.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryInt(t testing.TB, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestRunBatch(t *testing.T) {
	dir := t.TempDir()
	files := writeCorpus(t, dir, gen.Config{Seed: 11, BadRate: 0.05, ErrorRate: 0.1}, 60)
	good, bad, unsupported, pairs := 0, 0, 0, map[string]int{}
	for _, f := range files {
		switch f.Bad {
		case "":
			good++
			if f.Pair != "" {
				pairs[f.Pair]++
			}
		case "unsupported":
			unsupported++
		default:
			bad++
		}
	}
	db := openStore(t)
	ctx := context.Background()
	var notes []string
	sum, err := Run(ctx, db, Options{Paths: []string{dir}, Note: func(p, n string) { notes = append(notes, p+": "+n) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != good || sum.Errors != bad || sum.Unsupported != unsupported || sum.Files != good+bad {
		t.Errorf("summary %+v; want %d documents, %d errors, %d unsupported", sum, good, bad, unsupported)
	}
	if len(notes) != unsupported {
		t.Errorf("%d notes for %d unsupported files", len(notes), unsupported)
	}
	if n := queryInt(t, db, "SELECT COUNT(*) FROM errors"); n != bad {
		t.Errorf("errors table has %d rows, want %d", n, bad)
	}
	for _, f := range sum.Failures {
		if !strings.Contains(f.Reason, filepath.Base(f.Path)) && !strings.Contains(f.Reason, "empty") {
			t.Logf("failure reason does not name the file: %+v", f)
		}
	}
	if sum.Claims == 0 || sum.Claims != queryInt(t, db, "SELECT COUNT(*) FROM claims") {
		t.Errorf("summary counts %d claims, store has %d", sum.Claims, queryInt(t, db, "SELECT COUNT(*) FROM claims"))
	}
	if sum.Pairs == 0 {
		t.Errorf("no pairs among %d generated pairs", len(pairs))
	}
	t.Logf("%+v", sum)

	// Again: nothing new.
	again, err := Run(ctx, db, Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if again.Documents != 0 || again.Skipped != good || again.Pairs != 0 {
		t.Errorf("second run stored %d documents and %d pairs, skipped %d; want 0, 0, %d", again.Documents, again.Pairs, again.Skipped, good)
	}
	if n := queryInt(t, db, "SELECT COUNT(*) FROM documents"); n != good {
		t.Errorf("%d documents stored after two runs, want %d", n, good)
	}

	// A changed file at the same path is a new version.
	var changed string
	for _, f := range files {
		if f.Bad == "" && f.Format == "text" && f.Encoding == "utf-8" {
			changed = filepath.Join(dir, filepath.FromSlash(f.Path))
			break
		}
	}
	data, _ := os.ReadFile(changed)
	os.WriteFile(changed, append(data, []byte("\n更正：本文第二段数据有误，已修改。\n")...), 0o644)
	third, err := Run(ctx, db, Options{Paths: []string{changed}})
	if err != nil || third.Documents != 1 {
		t.Fatalf("changed file: %+v, %v", third, err)
	}
	if v := queryInt(t, db, "SELECT MAX(version) FROM documents WHERE path = ?", changed); v != 2 {
		t.Errorf("changed file stored as version %d, want 2", v)
	}
}

func TestRunStdinList(t *testing.T) {
	dir := t.TempDir()
	files := writeCorpus(t, dir, gen.Config{Seed: 12}, 6)
	var list strings.Builder
	for _, f := range files {
		list.WriteString(filepath.Join(dir, filepath.FromSlash(f.Path)) + "\r\n\n")
	}
	list.WriteString(filepath.Join(dir, "missing.txt") + "\n")
	db := openStore(t)
	sum, err := Run(context.Background(), db, Options{Paths: []string{"-"}, Stdin: strings.NewReader(list.String())})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != len(files) || sum.Errors != 1 {
		t.Errorf("%+v: want %d documents and 1 error (the missing file)", sum, len(files))
	}
	if len(sum.Failures) != 1 || !strings.Contains(sum.Failures[0].Reason, "missing.txt") {
		t.Errorf("failures %+v do not name missing.txt", sum.Failures)
	}
}

// TestRunFS reads from an fs.FS, as the demo reads its embedded corpus.
func TestRunFS(t *testing.T) {
	g, _ := gen.New(gen.Config{Seed: 13})
	fsys := fstest.MapFS{}
	n := 0
	for range 5 {
		for _, f := range g.Next() {
			fsys["sample/"+f.Path] = &fstest.MapFile{Data: f.Data}
			n++
		}
	}
	fsys["sample/README.md"] = &fstest.MapFile{Data: []byte("# sample")}
	db := openStore(t)
	sum, err := Run(context.Background(), db, Options{Paths: []string{"sample"}, FS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != n || sum.Unsupported != 1 {
		t.Errorf("%+v: want %d documents and 1 unsupported", sum, n)
	}
}

// TestChromeFiguresAreNotClaims reads the test pages built like government
// sites (corpus/testdata/html), whose menus, related-article lists and
// footers are full of figures, and checks that the claims of each page are
// exactly the claims of its article text.
func TestChromeFiguresAreNotClaims(t *testing.T) {
	wants, _ := filepath.Glob("../corpus/testdata/html/*.want")
	if len(wants) == 0 {
		t.Fatal("no test pages")
	}
	for _, w := range wants {
		base := strings.TrimSuffix(w, ".want")
		page := base + ".html"
		if _, err := os.Stat(page); err != nil {
			page = base + ".htm"
		}
		doc, err := corpus.Load(page)
		if err != nil {
			t.Fatal(err)
		}
		side, err := Analyze(doc)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(w)
		_, body, _ := strings.Cut(string(raw), "\n---\n")
		ref, err := corpus.Parse("article.txt", []byte(strings.TrimRight(body, "\n")))
		if err != nil {
			t.Fatal(err)
		}
		want, err := Analyze(ref)
		if err != nil {
			t.Fatal(err)
		}
		got := claimTexts(side)
		if strings.Join(got, " | ") != strings.Join(claimTexts(want), " | ") {
			t.Errorf("%s: claims\n%v\nwant\n%v", filepath.Base(page), got, claimTexts(want))
		}
	}
}

func claimTexts(side align.Side) []string {
	var out []string
	for _, c := range side.Claims {
		out = append(out, c.Text+"="+c.Value)
	}
	return out
}

// Two files with the same bytes in one batch (so in one group of the
// writer) are one document: the second is counted as already stored.
func TestRunSameContentTwice(t *testing.T) {
	dir := t.TempDir()
	files := writeCorpus(t, dir, gen.Config{Seed: 14, TextOnly: true}, 5)
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(files[0].Path)))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"copy-a.txt", "copy-b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := openStore(t)
	sum, err := Run(context.Background(), db, Options{Paths: []string{dir}, NoPairing: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != len(files) || sum.Skipped != 2 || sum.Files != len(files)+2 {
		t.Errorf("%+v: want %d documents and 2 skipped", sum, len(files))
	}
	if n := queryInt(t, db, "SELECT COUNT(*) FROM documents"); n != len(files) {
		t.Errorf("%d documents stored for %d distinct files", n, len(files))
	}
}

// A cancelled batch (Ctrl-C) keeps the documents it had stored whole, and
// its summary counts exactly the documents and claims in the store; run
// again, it stores the rest.
func TestRunCancelled(t *testing.T) {
	dir := t.TempDir()
	files := writeCorpus(t, dir, gen.Config{Seed: 15}, 60)
	db := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sum, err := Run(ctx, db, Options{Paths: []string{dir}, Workers: 2, Progress: func(s Summary) {
		if s.Files >= 30 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	docs, claims := queryInt(t, db, "SELECT COUNT(*) FROM documents"), queryInt(t, db, "SELECT COUNT(*) FROM claims")
	if sum.Documents != docs || sum.Claims != claims {
		t.Errorf("summary counts %d documents and %d claims, the store holds %d and %d", sum.Documents, sum.Claims, docs, claims)
	}
	if docs < 30 || docs >= len(files) {
		t.Errorf("%d of %d documents stored; want the 30 or so read before the cancel, whole", docs, len(files))
	}
	if n := queryInt(t, db, "SELECT COUNT(*) FROM pairs"); n != 0 {
		t.Errorf("a cancelled run paired %d documents", n)
	}
	sum, err = Run(context.Background(), db, Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, db, "SELECT COUNT(*) FROM documents"); n != len(files) || sum.Documents+sum.Skipped != len(files) {
		t.Errorf("after a rerun: %d documents stored (%+v), want %d", n, sum, len(files))
	}
}

// slowFS is a file system whose files take a while to open, like a slow
// network share.
type slowFS struct {
	fstest.MapFS
	delay time.Duration
}

func (s slowFS) Open(name string) (fs.File, error) {
	if path.Ext(name) != "" {
		time.Sleep(s.delay)
	}
	return s.MapFS.Open(name)
}

// Files that trickle in are committed groupAge after the first of a group
// arrived, not only every groupDocs documents: a slow batch shows its
// documents stored (and the summary counts them) as it goes.
func TestRunTrickle(t *testing.T) {
	g, _ := gen.New(gen.Config{Seed: 16})
	fsys := fstest.MapFS{}
	n := 0
	for range 12 {
		for _, f := range g.Next() {
			fsys["in/"+f.Path] = &fstest.MapFile{Data: f.Data}
			n++
		}
	}
	if n >= groupDocs {
		t.Fatalf("%d files: the test needs fewer than a group", n)
	}
	db := openStore(t)
	var during []int // documents counted by progress reports before the end
	sum, err := Run(context.Background(), db, Options{Paths: []string{"in"}, FS: slowFS{fsys, 2 * groupAge / 10},
		Workers: 1, NoPairing: true, Progress: func(s Summary) {
			if s.Files < n {
				during = append(during, s.Documents)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != n {
		t.Fatalf("%d documents stored of %d files", sum.Documents, n)
	}
	t.Logf("%d files; documents counted as they came: %v", n, during)
	if len(during) == 0 || during[len(during)-1] == 0 {
		t.Errorf("documents counted while %d files trickled in: %v; want some committed before the end", n, during)
	}
}
