// Command figures checks the numbers in bilingual government bulletins: it
// extracts every figure from Chinese and English texts, aligns a Chinese
// original with its translation and reports which translated figures are
// wrong and why, and stores the facts in SQLite for export.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"figures/align"
	"figures/corpus"
	"figures/ingest"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: figures extract|check ...")
		return 2
	}
	switch args[0] {
	case "extract":
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		for _, p := range args[1:] {
			doc, err := corpus.Load(p)
			if err != nil {
				fmt.Fprintln(os.Stderr, "figures:", err)
				return 2
			}
			side, err := ingest.Analyze(doc)
			if err != nil {
				fmt.Fprintln(os.Stderr, "figures:", err)
				return 2
			}
			for _, c := range side.Claims {
				enc.Encode(c)
			}
		}
	case "check":
		if len(args) != 3 {
			fmt.Fprintln(os.Stderr, "usage: figures check ZH_FILE EN_FILE")
			return 2
		}
		var sides [2]align.Side
		for i, p := range args[1:3] {
			doc, err := corpus.Load(p)
			if err != nil {
				fmt.Fprintln(os.Stderr, "figures:", err)
				return 2
			}
			if sides[i], err = ingest.Analyze(doc); err != nil {
				fmt.Fprintln(os.Stderr, "figures:", err)
				return 2
			}
		}
		r := align.Check(sides[0], sides[1])
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(r)
		if r.Mismatches() > 0 {
			return 1
		}
	default:
		fmt.Fprintf(os.Stderr, "figures: unknown command %q\n", args[0])
		return 2
	}
	return 0
}
