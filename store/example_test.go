package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"figures/align"
	"figures/store"
	"figures/store/storetest"
)

// tempStore opens a store in a fresh temporary folder; the returned func
// closes and removes it.
func tempStore() (*store.DB, func()) {
	dir, err := os.MkdirTemp("", "figures-example")
	if err != nil {
		log.Fatal(err)
	}
	db, err := store.Open(filepath.Join(dir, "figures.db"))
	if err != nil {
		log.Fatal(err)
	}
	return db, func() { db.Close(); os.RemoveAll(dir) }
}

func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "figures-example")
	defer os.RemoveAll(dir)

	// Open creates the store and brings its schema up to date.
	db, err := store.Open(filepath.Join(dir, "figures.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	v, _ := db.Version(context.Background())
	fmt.Println(v == store.SchemaVersion())
	// Output: true
}

func ExampleDB_SaveDocument() {
	db, done := tempStore()
	defer done()
	ctx := context.Background()

	zh, _, _ := storetest.Pair() // an analysed document: text, sentences, claims
	id, inserted, err := db.SaveDocument(ctx, zh)
	fmt.Println(id, inserted, err)
	// The same content again is recognised by its hash and left alone.
	id, inserted, err = db.SaveDocument(ctx, zh)
	fmt.Println(id, inserted, err)
	// Output:
	// 1 true <nil>
	// 1 false <nil>
}

// A batch stores documents in groups: one transaction for many documents,
// each whole or not at all.
func ExampleWriter_AddDocument() {
	db, done := tempStore()
	defer done()
	ctx := context.Background()
	w, err := db.NewWriter(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()

	zh, en, _ := storetest.Pair()
	a, b := storetest.Singles()
	for _, s := range []align.Side{zh, en, a, b, zh} {
		id, inserted, err := w.AddDocument(ctx, s)
		fmt.Println(s.Doc.Path, id, inserted, err)
		if w.Pending() >= 3 { // ingest commits every 64 documents
			if err := w.Commit(ctx); err != nil {
				log.Fatal(err)
			}
		}
	}
	if err := w.Commit(ctx); err != nil { // and at the end
		log.Fatal(err)
	}
	counts, _ := db.Counts(ctx)
	fmt.Println(counts["documents"], "documents,", counts["claims"], "claims")
	// Output:
	// zh/report.txt 1 true <nil>
	// en/report.txt 2 true <nil>
	// zh/marriage.txt 3 true <nil>
	// en/charity.txt 4 true <nil>
	// zh/report.txt 1 false <nil>
	// 4 documents, 16 claims
}

// Open refuses a database that another program made.
func ExampleOpen_otherDatabase() {
	dir, _ := os.MkdirTemp("", "figures-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "notes.sqlite")
	other, _ := sql.Open("sqlite3", path)
	other.Exec("CREATE TABLE notes (body TEXT)")
	other.Close()

	_, err := store.Open(path)
	fmt.Println(errors.Is(err, store.ErrNotStore))
	fmt.Println(strings.Replace(err.Error(), dir, "DIR", 1))
	// Output:
	// true
	// DIR/notes.sqlite is an SQLite database but not a figures store (figures leaves it alone)
}

func ExampleDB_PairSummaries() {
	db, done := tempStore()
	defer done()
	ctx := context.Background()
	if _, err := storetest.Populate(ctx, db); err != nil {
		log.Fatal(err)
	}

	pairs, _ := db.PairSummaries(ctx)
	for _, p := range pairs {
		fmt.Printf("%s / %s: %d matched, %d mismatched, %d dropped, %d added\n",
			p.ZH.Path, p.EN.Path, p.Matched, p.Mismatched, p.Dropped, p.Added)
	}
	single, _ := db.Unpaired(ctx)
	for _, d := range single {
		fmt.Printf("no counterpart: %s (%s, %d figures)\n", d.Path, d.Lang, d.Claims)
	}
	// Output:
	// zh/report.txt / en/report.txt: 2 matched, 3 mismatched, 1 dropped, 1 added
	// no counterpart: en/charity.txt (en, 2 figures)
	// no counterpart: zh/marriage.txt (zh-Hans, 2 figures)
}

func ExampleDB_Links() {
	db, done := tempStore()
	defer done()
	ctx := context.Background()
	pairID, err := storetest.Populate(ctx, db)
	if err != nil {
		log.Fatal(err)
	}

	mismatches, _ := db.Links(ctx, pairID, "mismatch")
	for _, l := range mismatches {
		fmt.Printf("%s: %s -> %s\n", l.Error, l.ZH.Text, l.EN.Text)
	}
	// Output:
	// magnitude: 4.39亿元 -> 4.39 billion yuan
	// digits: 3132个 -> 3,312
	// percent_vs_points: 2.3个百分点 -> 2.3%
}
