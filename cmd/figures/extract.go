package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"

	"figures/align"
	"figures/corpus"
	"figures/extract"
	"figures/ingest"
)

// claimRecord is the `figures extract` JSON Lines record: exactly these
// fields in this order (value_max only for a range), whatever else
// extract.Claim grows, because other tools parse it.
type claimRecord struct {
	File      string `json:"file"`
	Lang      string `json:"lang"`
	Sentence  int    `json:"sentence"`
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Kind      string `json:"kind"`
	Value     string `json:"value"`
	ValueMax  string `json:"value_max,omitempty"`
	Unit      string `json:"unit"`
	Qualifier string `json:"qualifier"`
	Context   string `json:"context"`
}

func newClaimRecord(c extract.Claim) claimRecord {
	return claimRecord{File: c.File, Lang: c.Lang, Sentence: c.Sentence, Text: c.Text, Start: c.Start,
		End: c.End, Kind: string(c.Kind), Value: c.Value, ValueMax: c.ValueMax, Unit: c.Unit,
		Qualifier: string(c.Qualifier), Context: c.Context}
}

func cmdExtract(ctx context.Context, e env, args []string) int {
	const prog = "figures extract"
	fl := newFlags(prog)
	lang := newChoice("auto", "auto", "zh", "en")
	fl.Var(lang, "lang", "")
	files, err := parseFlags(fl, args)
	if err != nil {
		return usageError(e, prog, err)
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	stdinUsed := 0
	for _, f := range files {
		if f == "-" {
			stdinUsed++
		}
	}
	if stdinUsed > 1 {
		return usageError(e, prog, fmt.Errorf("standard input (-) named %d times", stdinUsed))
	}
	// Like cat and grep, a file that cannot be read is reported and the
	// others are still read; the exit status says something failed.
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	status := exitOK
	for _, f := range files {
		if ctx.Err() != nil {
			out.Flush()
			return fail(e, prog, exitUsage, errInterrupted)
		}
		doc, err := loadDocument(e, f)
		if err == nil {
			forceGrammar(doc, lang.value)
			var side align.Side
			if side, err = ingest.Analyze(doc); err == nil {
				for _, c := range side.Claims {
					c.File = f
					if err := enc.Encode(newClaimRecord(c)); err != nil {
						return fail(e, prog, exitUsage, fmt.Errorf("write: %w", err))
					}
				}
			}
		}
		if err != nil {
			// Flush first, so that the error follows the claims before it.
			if err := out.Flush(); err != nil {
				return fail(e, prog, exitUsage, fmt.Errorf("write: %w", err))
			}
			status = fail(e, prog, exitUsage, err)
		}
	}
	if err := out.Flush(); err != nil {
		return fail(e, prog, exitUsage, fmt.Errorf("write: %w", err))
	}
	return status
}

// forceGrammar makes every paragraph of doc read with the given grammar
// ("zh" or "en"; "auto" keeps the per-paragraph detection). Traditional
// Chinese paragraphs stay traditional.
func forceGrammar(doc *corpus.Document, grammar string) {
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		switch grammar {
		case "zh":
			if !p.Lang.IsChinese() {
				p.Lang = corpus.ZhHans
			}
		case "en":
			p.Lang = corpus.English
		}
	}
	switch grammar {
	case "zh":
		if !doc.Lang.IsChinese() {
			doc.Lang = corpus.ZhHans
		}
	case "en":
		doc.Lang = corpus.English
	}
}
