package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"

	"figures/align"
	"figures/corpus"
	"figures/ingest"
)

func cmdCheck(ctx context.Context, e env, args []string) int {
	const prog = "figures check"
	fl := newFlags(prog)
	format := newChoice("text", "text", "json")
	fl.Var(format, "format", "")
	files, err := parseFlags(fl, args)
	if err != nil {
		return usageError(e, prog, err)
	}
	if len(files) != 2 {
		return usageError(e, prog, fmt.Errorf("want two files, the Chinese original and the English version; got %d", len(files)))
	}
	if files[0] == "-" && files[1] == "-" {
		return usageError(e, prog, fmt.Errorf("only one of the files can be standard input (-)"))
	}
	// Read both files before analysing either, so that a typo in the second
	// name fails at once rather than after the segmenter has loaded.
	var docs [2]*corpus.Document
	for i, f := range files {
		if docs[i], err = loadDocument(e, f); err != nil {
			return fail(e, prog, exitUsage, err)
		}
	}
	var sides [2]align.Side
	for i, doc := range docs {
		if sides[i], err = ingest.Analyze(doc); err != nil {
			return fail(e, prog, exitUsage, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return fail(e, prog, exitUsage, err)
	}
	if z, en := sides[0].Doc.Lang, sides[1].Doc.Lang; !z.IsChinese() && en.IsChinese() {
		fmt.Fprintf(e.stderr, "%s: warning: %s reads as %s and %s as %s; the Chinese original comes first\n",
			prog, files[0], z, files[1], en)
	}
	r := align.Check(sides[0], sides[1])
	out := bufio.NewWriter(e.stdout)
	switch format.value {
	case "json":
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(r)
	default:
		err = align.WriteText(out, &r)
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return fail(e, prog, exitUsage, fmt.Errorf("write report: %w", err))
	}
	return checkStatus(&r)
}

// checkStatus is the exit status of a check: 1 when a figure is mismatched.
// Dropped and added figures alone do not fail a check: English versions
// routinely condense, and a gate on them would always be red.
func checkStatus(r *align.Report) int {
	if r.Mismatches() > 0 {
		return exitFindings
	}
	return exitOK
}
