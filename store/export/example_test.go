package export_test

import (
	"context"
	"log"
	"os"
	"path/filepath"

	"figures/store"
	"figures/store/export"
	"figures/store/storetest"
)

func ExampleWrite() {
	dir, _ := os.MkdirTemp("", "figures-example")
	defer os.RemoveAll(dir)
	db, err := store.Open(filepath.Join(dir, "figures.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if _, err := storetest.Populate(context.Background(), db); err != nil {
		log.Fatal(err)
	}

	if _, err := export.Write(context.Background(), db.SQL(), "pairs", export.JSONL, os.Stdout, export.Options{}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {"pair_id":1,"zh_doc":1,"en_doc":2,"zh_file":"zh/report.txt","en_file":"en/report.txt","score":0.83,"matched":2,"mismatched":3,"dropped":1,"added":1,"created_at":"2026-01-01T00:00:00Z"}
}
