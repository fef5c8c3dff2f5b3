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
	force := fl.Bool("force", false, "")
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
	if !*force {
		swap, err := checkLanguages(files, docs)
		if err != nil {
			return fail(e, prog, exitUsage, err)
		}
		if swap {
			fmt.Fprintf(e.stderr, "%s: note: %s reads as %s and %s as %s; checking them the other way round\n",
				prog, escapeLines(files[0]), docs[0].Lang, escapeLines(files[1]), docs[1].Lang)
			files[0], files[1] = files[1], files[0]
			docs[0], docs[1] = docs[1], docs[0]
		}
	}
	var sides [2]align.Side
	for i, doc := range docs {
		if sides[i], err = ingest.Analyze(doc); err != nil {
			return fail(e, prog, exitUsage, err)
		}
	}
	if ctx.Err() != nil {
		return fail(e, prog, exitUsage, errInterrupted)
	}
	r := align.Check(sides[0], sides[1])
	out := bufio.NewWriter(e.stdout)
	if why := unrelated(sides[0], sides[1], &r); why != "" {
		msg := fmt.Sprintf("%s and %s do not look like an original and its translation: %s",
			escapeLines(files[0]), escapeLines(files[1]), why)
		if !*force {
			return fail(e, prog, exitUsage, fmt.Errorf("%s (--force checks them anyway)", msg))
		}
		fmt.Fprintf(e.stderr, "%s: warning: %s\n", prog, msg)
		if format.value == "text" {
			fmt.Fprintf(out, "WARNING: %s.\nThe links below may be figures that agree by chance.\n\n", msg)
		}
	}
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

// checkLanguages refuses two documents in the same language and reports
// whether the English version came first (then the two are swapped, so that
// the report's "zh" side is the Chinese one). Mixed and undetermined
// documents pass: the grammar of each paragraph still follows its language.
func checkLanguages(files []string, docs [2]*corpus.Document) (swap bool, err error) {
	z, en := docs[0].Lang, docs[1].Lang
	switch {
	case docs[0].Hash == docs[1].Hash:
		return false, fmt.Errorf("%s and %s are the same document; check compares a Chinese original with its English version",
			files[0], files[1])
	case z.IsChinese() && en.IsChinese():
		return false, fmt.Errorf("%s and %s both read as Chinese (%s, %s); check compares a Chinese original with its English version (--force checks them anyway)",
			files[0], files[1], z, en)
	case z == corpus.English && en == corpus.English:
		return false, fmt.Errorf("%s and %s both read as English; check compares a Chinese original with its English version (--force checks them anyway)",
			files[0], files[1])
	}
	return !z.IsChinese() && z != corpus.Mixed && en.IsChinese(), nil
}

// unrelated says why a report looks like the check of two documents that
// are not an original and its translation (align.Unrelated), or returns "".
func unrelated(zh, en align.Side, r *align.Report) string {
	score := 0.0
	if p := align.PairDocuments([]align.Side{zh}, []align.Side{en}); len(p) == 1 {
		score = p[0].Score
	}
	n := min(len(zh.Claims), len(en.Claims))
	if !align.Unrelated(score, len(zh.Claims), len(en.Claims), r) {
		return ""
	}
	related := r.Related()
	some := fmt.Sprintf("only %d", related)
	if related == 0 {
		some = "none"
	}
	scored := fmt.Sprintf("is %.2f", score)
	if score == 0 {
		scored = fmt.Sprintf("is below %.2f", align.PairMin)
	}
	return fmt.Sprintf("%s of the %d figures on the shorter side correspond in aligned sentences, and their pairing score %s where translations score %.2f or more",
		some, n, scored, align.UnrelatedScore)
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
