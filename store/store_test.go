package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"figures/align"
	"figures/extract"
	"figures/store"
	"figures/store/storetest"
)

func open(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "figures.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func pragma(t *testing.T, db *store.DB, name string) string {
	t.Helper()
	var v string
	if err := db.SQL().QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// dump renders every row of every table, in primary-key order, so two
// stores can be compared for equality.
func dump(t *testing.T, db *store.DB) string {
	t.Helper()
	ctx := context.Background()
	counts, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range counts {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		q := `SELECT * FROM "` + n + `" ORDER BY rowid`
		fmt.Fprintf(&b, "== %s\n", n)
		for _, vals := range storetest.Rows(t, db.SQL(), q) {
			fmt.Fprintf(&b, "%q\n", vals)
		}
	}
	return b.String()
}

func TestOpenCreatesCurrentSchema(t *testing.T) {
	db := open(t)
	v, err := db.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if v != store.SchemaVersion() || v < 2 {
		t.Errorf("version = %d, want %d (>= 2)", v, store.SchemaVersion())
	}
	if got := pragma(t, db, "foreign_keys"); got != "1" {
		t.Errorf("foreign_keys = %s, want 1", got)
	}
	if got := pragma(t, db, "journal_mode"); got != "wal" {
		t.Errorf("journal_mode = %s, want wal", got)
	}
	counts, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"documents", "paragraphs", "sentences", "claims", "pairs", "alignments", "links", "errors", "reviews"} {
		if n, ok := counts[table]; !ok || n != 0 {
			t.Errorf("table %s: count %d, present %v; want an empty table", table, n, ok)
		}
	}
}

func TestReopenKeepsDataAndVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "f.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.Populate(ctx, db); err != nil {
		t.Fatal(err)
	}
	before := dump(t, db)
	db.Close()
	for range 2 {
		db, err = store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := db.Version(ctx); v != store.SchemaVersion() {
			t.Errorf("reopened version = %d", v)
		}
		if after := dump(t, db); after != before {
			t.Errorf("reopen changed the store:\n%s\nwant\n%s", after, before)
		}
		db.Close()
	}
}

// A store made by an older figures (schema version 1, before reviews) is
// migrated on open, keeping its data.
func TestMigrateFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	zh, _, _ := storetest.Pair()
	if _, _, err := db.SaveDocument(ctx, zh); err != nil {
		t.Fatal(err)
	}
	// Turn it back into a version-1 store.
	if _, err := db.SQL().Exec("DROP TABLE reviews; PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.Version(ctx); v != store.SchemaVersion() {
		t.Errorf("version after migration = %d, want %d", v, store.SchemaVersion())
	}
	counts, _ := db.Counts(ctx)
	if _, ok := counts["reviews"]; !ok {
		t.Error("migration 2 did not create reviews")
	}
	if counts["documents"] != 1 || counts["claims"] != len(zh.Claims) {
		t.Errorf("migration lost data: %v", counts)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.SQL().Exec("PRAGMA user_version = 99")
	db.Close()
	_, err = store.Open(path)
	if !errors.Is(err, store.ErrNewerSchema) || !strings.Contains(err.Error(), path) {
		t.Errorf("Open of a newer store: err = %v, want ErrNewerSchema naming %s", err, path)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	if _, err := store.OpenExisting(missing); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("OpenExisting(missing) = %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("OpenExisting created the missing store")
	}
	if _, err := store.OpenExisting(dir); err == nil {
		t.Error("OpenExisting(directory) succeeded")
	}
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte(strings.Repeat("not a database\n", 100)), 0o644)
	if _, err := store.Open(notDB); err == nil || !strings.Contains(err.Error(), notDB) {
		t.Errorf("Open(text file) = %v, want an error naming it", err)
	}
	if _, err := store.Open(filepath.Join(dir, "no", "such", "dir.db")); err == nil {
		t.Error("Open in a missing directory succeeded")
	}
}

// sqliteFile makes an SQLite database at path, as another program would,
// with the statements given, and returns its bytes.
func sqliteFile(t *testing.T, path string, stmts ...string) []byte {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Open and OpenExisting refuse, untouched, a file that is not a figures
// store: another program's SQLite database (whatever its user_version),
// a file that is not SQLite.
func TestOpenRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		stmts []string
		text  string // a file that is not SQLite, when set
		want  string
	}{
		{name: "notes.sqlite", stmts: []string{"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes (body) VALUES ('buy milk')"},
			want: "is an SQLite database but not a figures store"},
		{name: "versioned.db", stmts: []string{"CREATE TABLE settings (k TEXT, v TEXT)", "PRAGMA user_version = 3"},
			want: "is an SQLite database but not a figures store"},
		{name: "version-only.db", stmts: []string{"PRAGMA user_version = 2"},
			want: "is an SQLite database but not a figures store"},
		{name: "notes.txt", text: strings.Repeat("not a database\n", 100), want: "is not an SQLite database"},
	} {
		path := filepath.Join(dir, c.name)
		var before []byte
		if c.text != "" {
			before = []byte(c.text)
			os.WriteFile(path, before, 0o644)
		} else {
			before = sqliteFile(t, path, c.stmts...)
		}
		for _, o := range []struct {
			name string
			open func(string) (*store.DB, error)
		}{{"Open", store.Open}, {"OpenExisting", store.OpenExisting}} {
			db, err := o.open(path)
			if err == nil {
				db.Close()
				t.Errorf("%s(%s) succeeded", o.name, c.name)
				continue
			}
			if !errors.Is(err, store.ErrNotStore) || !strings.Contains(err.Error(), path+" "+c.want) {
				t.Errorf("%s(%s) = %v; want ErrNotStore saying %q", o.name, c.name, err, path+" "+c.want)
			}
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Errorf("%s was changed by opening it", c.name)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(path + suffix); err == nil {
				t.Errorf("opening %s left %s behind", c.name, c.name+suffix)
			}
		}
	}
}

// Open makes a new store of a missing file, an empty (0-byte) file and an
// SQLite database with no tables; OpenExisting refuses all three, and
// leaves them as they were.
func TestOpenNewAndEmpty(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	blank := filepath.Join(dir, "blank.db") // SQLite, but no tables
	missing := filepath.Join(dir, "missing.db")
	setup := func() {
		for _, p := range []string{empty, blank, missing} {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(p + suffix)
			}
		}
		os.WriteFile(empty, nil, 0o644)
		sqliteFile(t, blank, "CREATE TABLE t (x)", "DROP TABLE t")
	}

	setup()
	for _, c := range []struct{ path, want string }{
		{empty, "empty file, not a figures store"},
		{blank, "an empty SQLite database, not a figures store"},
		{missing, "file does not exist"},
	} {
		before, _ := os.ReadFile(c.path)
		db, err := store.OpenExisting(c.path)
		if err == nil {
			db.Close()
			t.Errorf("OpenExisting(%s) succeeded", filepath.Base(c.path))
			continue
		}
		if !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "figures ingest") {
			t.Errorf("OpenExisting(%s) = %v; want an error naming it, saying %q and how to make a store", filepath.Base(c.path), err, c.want)
		}
		if c.path == missing {
			if !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("OpenExisting(missing) = %v, want fs.ErrNotExist", err)
			}
			if _, err := os.Stat(missing); err == nil {
				t.Error("OpenExisting created the missing store")
			}
		} else if !errors.Is(err, store.ErrNotStore) {
			t.Errorf("OpenExisting(%s) = %v, want ErrNotStore", filepath.Base(c.path), err)
		}
		if after, _ := os.ReadFile(c.path); string(after) != string(before) {
			t.Errorf("OpenExisting changed %s", filepath.Base(c.path))
		}
	}

	setup()
	for _, p := range []string{empty, blank, missing} {
		db, err := store.Open(p)
		if err != nil {
			t.Errorf("Open(%s) = %v", filepath.Base(p), err)
			continue
		}
		if v, _ := db.Version(context.Background()); v != store.SchemaVersion() {
			t.Errorf("Open(%s): version %d, want a new store of version %d", filepath.Base(p), v, store.SchemaVersion())
		}
		db.Close()
		// Now it is a store, and OpenExisting opens it.
		db, err = store.OpenExisting(p)
		if err != nil {
			t.Errorf("OpenExisting(%s) after Open = %v", filepath.Base(p), err)
			continue
		}
		db.Close()
	}
}

// Paths are passed to SQLite as file: URIs; characters that mean something
// in a URI must still name the file.
func TestOpenOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a?b#c%d 民政.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("store not at %q: %v", path, err)
	}
}

func TestSaveDocumentTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	zh, _, _ := storetest.Pair()
	id1, ins1, err := db.SaveDocument(ctx, zh)
	if err != nil || !ins1 {
		t.Fatalf("first save: id %d inserted %v err %v", id1, ins1, err)
	}
	before := dump(t, db)
	id2, ins2, err := db.SaveDocument(ctx, zh)
	if err != nil || ins2 || id2 != id1 {
		t.Fatalf("second save: id %d (want %d) inserted %v err %v", id2, id1, ins2, err)
	}
	if after := dump(t, db); after != before {
		t.Errorf("second save changed the store:\n%s\nwant\n%s", after, before)
	}
}

// A changed file at the same path is a new version; the old one stays.
func TestSaveDocumentNewVersion(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	zh, _, _ := storetest.Pair()
	if _, _, err := db.SaveDocument(ctx, zh); err != nil {
		t.Fatal(err)
	}
	changed := storetest.Side(storetest.Doc(zh.Doc.Path, storetest.ZHText+"（完）", zh.Doc.Lang))
	if _, ins, err := db.SaveDocument(ctx, changed); err != nil || !ins {
		t.Fatalf("changed save: inserted %v err %v", ins, err)
	}
	var versions string
	db.SQL().QueryRow("SELECT group_concat(version) FROM documents WHERE path = ? ORDER BY version", zh.Doc.Path).Scan(&versions)
	if versions != "1,2" {
		t.Errorf("versions = %q, want 1,2", versions)
	}
}

// A document that fails half-way (a bad claim after good sentences and
// claims) leaves nothing behind.
func TestSaveDocumentIsAtomic(t *testing.T) {
	ctx := context.Background()
	bad := func(mutate func(*extract.Claim)) align.Side {
		zh, _, _ := storetest.Pair()
		mutate(&zh.Claims[len(zh.Claims)-1])
		return zh
	}
	for name, side := range map[string]align.Side{
		"kind outside the contract":   bad(func(c *extract.Claim) { c.Kind = "bogus" }),
		"claim in a missing sentence": bad(func(c *extract.Claim) { c.Sentence = 99 }),
		"duplicate claim span":        bad(func(c *extract.Claim) { c.Start, c.End = 3, 10 }),
		"empty value":                 bad(func(c *extract.Claim) { c.Value = "" }),
	} {
		t.Run(name, func(t *testing.T) {
			db := open(t)
			if _, _, err := db.SaveDocument(ctx, side); err == nil {
				t.Fatal("SaveDocument succeeded")
			} else if !strings.Contains(err.Error(), side.Doc.Path) {
				t.Errorf("error %q does not name the document", err)
			}
			counts, _ := db.Counts(ctx)
			for table, n := range counts {
				if n != 0 {
					t.Errorf("%s has %d rows after a failed save", table, n)
				}
			}
		})
	}
}

func TestSavePairReplacesEarlierCheck(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	pairID, err := storetest.Populate(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	zh, en, r := storetest.Pair()
	zhID, _, _ := db.SaveDocument(ctx, zh)
	enID, _, _ := db.SaveDocument(ctx, en)
	before, _ := db.Counts(ctx)
	newID, err := db.SavePair(ctx, zhID, enID, 0.83, r)
	if err != nil {
		t.Fatal(err)
	}
	if newID == pairID {
		t.Logf("pair id reused: %d", newID)
	}
	after, _ := db.Counts(ctx)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("re-check changed counts: %v -> %v", before, after)
	}
	// The reviewer's decision is keyed by hashes and spans: it survives.
	if after["reviews"] != 1 {
		t.Errorf("reviews = %d after re-check, want 1", after["reviews"])
	}
}

func TestSavePairIsAtomic(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	zh, en, r := storetest.Pair()
	zhID, _, _ := db.SaveDocument(ctx, zh)
	enID, _, _ := db.SaveDocument(ctx, en)
	r.Added = append(r.Added, extract.Claim{Start: 500, End: 503, Text: "???"}) // not a stored claim
	if _, err := db.SavePair(ctx, zhID, enID, 0.5, r); err == nil {
		t.Fatal("SavePair with an unknown claim succeeded")
	}
	counts, _ := db.Counts(ctx)
	for _, table := range []string{"pairs", "alignments", "links"} {
		if counts[table] != 0 {
			t.Errorf("%s has %d rows after a failed SavePair", table, counts[table])
		}
	}
}

func TestReadHelpers(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	pairID, err := storetest.Populate(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := db.PairSummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 1 {
		t.Fatalf("%d pairs, want 1", len(pairs))
	}
	p := pairs[0]
	if p.ID != pairID || p.ZH.Path != "zh/report.txt" || p.EN.Path != "en/report.txt" ||
		p.Matched != 2 || p.Mismatched != 3 || p.Dropped != 1 || p.Added != 1 || p.ZH.Claims != 6 || p.EN.Claims != 6 {
		t.Errorf("pair summary = %+v", p)
	}

	mis, err := db.Links(ctx, pairID, "mismatch")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range mis {
		got = append(got, l.ZH.Text+"|"+l.EN.Text+"|"+l.Error)
	}
	want := []string{"4.39亿元|4.39 billion yuan|magnitude", "3132个|3,312|digits", "2.3个百分点|2.3%|percent_vs_points"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mismatches = %q, want %q", got, want)
	}
	if s := mis[0].ZHSentence; s != "全年为50.25万名残疾人发放补贴4.39亿元。" {
		t.Errorf("zh sentence = %q", s)
	}
	if s := mis[0].ENSentence; s != "Subsidies of 4.39 billion yuan were paid to 502,500 disabled people." {
		t.Errorf("en sentence = %q", s)
	}
	if f := mis[0].EN.File; f != "en/report.txt" {
		t.Errorf("claim file = %q", f)
	}

	all, err := db.Links(ctx, pairID)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 7 {
		t.Errorf("%d links, want 7 (5 linked, 1 dropped, 1 added)", len(all))
	}
	for _, l := range all {
		switch l.Verdict {
		case "dropped":
			if l.ZH == nil || l.EN != nil || l.ZH.Text != "6.6万人" {
				t.Errorf("dropped row = %+v", l)
			}
		case "added":
			if l.EN == nil || l.ZH != nil || l.EN.Text != "120" {
				t.Errorf("added row = %+v", l)
			}
		}
	}

	single, err := db.Unpaired(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(single) != 2 || single[0].Path != "en/charity.txt" || single[1].Path != "zh/marriage.txt" || single[1].Claims != 2 {
		t.Errorf("unpaired = %+v", single)
	}
}

// Claims keep their exact decimal text: nothing is read back as a float.
func TestValuesStayExact(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	zh := storetest.Side(storetest.Doc("x.txt", "增长0.10%，共12345678901234567890.125元。", "zh-Hans"),
		storetest.Spec{Text: "0.10%", Kind: "percent", Value: "0.10"},
		storetest.Spec{Text: "12345678901234567890.125元", Kind: "money", Value: "12345678901234567890.125", Unit: "yuan"})
	if _, _, err := db.SaveDocument(ctx, zh); err != nil {
		t.Fatal(err)
	}
	var got []string
	rows, _ := db.SQL().Query("SELECT value, typeof(value) FROM claims ORDER BY start")
	for rows.Next() {
		var v, typ string
		rows.Scan(&v, &typ)
		got = append(got, v+":"+typ)
	}
	rows.Close()
	want := []string{"0.10:text", "12345678901234567890.125:text"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("values = %q, want %q", got, want)
	}
}

// Two processes (here: two handles) opening a new store at once must not
// both try to create the schema.
func TestConcurrentOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "race.db")
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			db, err := store.Open(path)
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestDocumentAndByHash(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	if _, err := storetest.Populate(ctx, db); err != nil {
		t.Fatal(err)
	}
	zh, _, _ := storetest.Pair()
	ref, ok, err := db.DocumentByHash(ctx, zh.Doc.Hash)
	if err != nil || !ok {
		t.Fatalf("DocumentByHash: %+v %v %v", ref, ok, err)
	}
	id := ref.ID
	if _, ok, _ := db.DocumentByHash(ctx, "feedface"); ok {
		t.Error("unknown hash found")
	}
	d, err := db.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != zh.Doc.Text || d.Path != zh.Doc.Path || len(d.Sentences) != len(zh.Sentences) || len(d.Claims) != len(zh.Claims) {
		t.Errorf("document = %+v", d.DocInfo)
	}
	runes := []rune(d.Text)
	for _, c := range d.Claims {
		if string(runes[c.Start:c.End]) != c.Text || c.File != zh.Doc.Path {
			t.Errorf("claim %q at %d-%d, file %q", c.Text, c.Start, c.End, c.File)
		}
	}
	for i, s := range d.Sentences {
		if s != (store.StoredSentence{Index: i, Para: zh.Sentences[i].Para, Lang: "zh", Start: zh.Sentences[i].Start,
			End: zh.Sentences[i].End, Text: zh.Sentences[i].Text}) {
			t.Errorf("sentence %d = %+v", i, s)
		}
	}
	if _, err := db.Document(ctx, 999); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("missing document: %v", err)
	}
}

// Several processes opening a new store at once (a newsroom's cron jobs)
// all get it, migrated once.
func TestOpenNewStoreConcurrently(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			db, err := store.Open(path)
			if err == nil {
				var v int
				v, err = db.Version(context.Background())
				if err == nil && v != store.SchemaVersion() {
					err = fmt.Errorf("version %d, want %d", v, store.SchemaVersion())
				}
				db.Close()
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
