package main

import (
	"context"
	"encoding/json"
	"fmt"

	"figures/align"
	"figures/corpus"
	"figures/ingest"
)

func cmdCheck(ctx context.Context, e env, args []string) int {
	if len(args) != 2 {
		fmt.Fprintln(e.stderr, "usage: figures check ZH_FILE EN_FILE")
		return 2
	}
	var sides [2]align.Side
	for i, p := range args {
		doc, err := corpus.Load(p)
		if err != nil {
			fmt.Fprintln(e.stderr, "figures:", err)
			return 2
		}
		if sides[i], err = ingest.Analyze(doc); err != nil {
			fmt.Fprintln(e.stderr, "figures:", err)
			return 2
		}
	}
	r := align.Check(sides[0], sides[1])
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(r)
	if r.Mismatches() > 0 {
		return 1
	}
	return 0
}
