package store_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

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
