package main

import (
	"context"
	"encoding/json"
	"fmt"

	"figures/corpus"
	"figures/ingest"
)

func cmdExtract(ctx context.Context, e env, args []string) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for _, p := range args {
		doc, err := corpus.Load(p)
		if err != nil {
			fmt.Fprintln(e.stderr, "figures:", err)
			return 2
		}
		side, err := ingest.Analyze(doc)
		if err != nil {
			fmt.Fprintln(e.stderr, "figures:", err)
			return 2
		}
		for _, c := range side.Claims {
			enc.Encode(c)
		}
	}
	return 0
}
