package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"figures/ingest"
	"figures/store"
)

func cmdIngest(ctx context.Context, e env, args []string) int {
	fs := flag.NewFlagSet("figures ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dbPath := fs.String("db", "figures.db", "SQLite database to write")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	db, err := store.Open(*dbPath)
	if err != nil {
		fmt.Fprintln(e.stderr, "figures:", err)
		return 2
	}
	defer db.Close()
	sum, err := ingest.Run(ctx, db, ingest.Options{Paths: fs.Args()})
	json.NewEncoder(e.stdout).Encode(sum)
	if err != nil {
		fmt.Fprintln(e.stderr, "figures:", err)
		return 2
	}
	if sum.Errors > 0 {
		return 1
	}
	return 0
}
