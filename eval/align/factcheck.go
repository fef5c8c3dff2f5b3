package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"figures/align"
	"figures/corpus"
	"figures/extract"
	"figures/ingest"
)

// want is one expected line of a fact-check pair.
type want struct {
	verdict string // match, rounded, mismatch, dropped, added
	zh, en  string // snippets
	class   string
}

// fcCounts accumulates the fact-check scores.
type fcCounts struct {
	mmGold, mmPred, mmHit, classOK int
	daGold, daPred, daHit          int
	varGold, varOK                 int
	linkGold, linkOK               int
}

func readWant(path string) ([]want, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []want
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		for len(fs) < 4 {
			fs = append(fs, "")
		}
		w := want{verdict: fs[0], zh: fs[1], en: fs[2], class: fs[3]}
		switch w.verdict {
		case "match", "rounded", "mismatch", "dropped", "added":
		default:
			return nil, fmt.Errorf("%s:%d: unknown verdict %q", path, n, w.verdict)
		}
		out = append(out, w)
	}
	return out, sc.Err()
}

// locate returns the code-point span of the first occurrence of snippet in
// text (the n-th with a "#n" suffix: "12个#2"), or ok=false.
func locate(text, snippet string) (corpus.Span, bool) {
	if snippet == "" {
		return corpus.Span{}, false
	}
	n := 1
	if k := strings.LastIndex(snippet, "#"); k > 0 {
		if v, err := strconv.Atoi(snippet[k+1:]); err == nil && v > 0 {
			snippet, n = snippet[:k], v
		}
	}
	i, from := -1, 0
	for ; n > 0; n-- {
		k := strings.Index(text[from:], snippet)
		if k < 0 {
			return corpus.Span{}, false
		}
		i = from + k
		from = i + len(snippet)
	}
	s := len([]rune(text[:i]))
	return corpus.Span{Start: s, End: s + len([]rune(snippet))}, true
}

func overlaps(c extract.Claim, sp corpus.Span) bool {
	return c.Start < sp.End && sp.Start < c.End
}

// runFactCheck scores the pairs under dir and prints the result; it
// reports whether the targets were met.
func runFactCheck(dir string, verbose bool) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		fmt.Printf("fact-checking: %s is absent, skipped\n", dir)
		return true
	}
	var c fcCounts
	pairs := 0
	var problems []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		ws, err := readWant(filepath.Join(p, "want.tsv"))
		if err != nil {
			fmt.Fprintln(os.Stderr, "eval/align:", err)
			return false
		}
		var sides [2]align.Side
		for k, name := range []string{"zh.txt", "en.txt"} {
			doc, err := corpus.Load(filepath.Join(p, name))
			if err != nil {
				fmt.Fprintln(os.Stderr, "eval/align:", err)
				return false
			}
			if sides[k], err = ingest.Analyze(doc); err != nil {
				fmt.Fprintln(os.Stderr, "eval/align:", err)
				return false
			}
		}
		r := align.Check(sides[0], sides[1])
		pairs++
		problems = append(problems, scorePair(e.Name(), sides[0].Doc.Text, sides[1].Doc.Text, ws, &r, &c)...)
	}
	sort.Strings(problems)
	if verbose {
		for _, p := range problems {
			fmt.Println("  " + p)
		}
	}
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	f1 := func(hit, pred, gold int) float64 {
		p, r := ratio(hit, pred), ratio(hit, gold)
		if p+r == 0 {
			return 0
		}
		return 2 * p * r / (p + r)
	}
	mp, mr := ratio(c.mmHit, c.mmPred), ratio(c.mmHit, c.mmGold)
	ca := ratio(c.classOK, c.mmHit)
	da := f1(c.daHit, c.daPred, c.daGold)
	fmt.Printf("Fact-checking on %s (%d document pairs)\n", dir, pairs)
	fmt.Printf("  mismatch detection: precision %.3f (%d/%d), recall %.3f (%d/%d)   target >= 0.95\n", mp, c.mmHit, c.mmPred, mr, c.mmHit, c.mmGold)
	fmt.Printf("  right error class:  %.3f (%d/%d)                              target >= 0.90\n", ca, c.classOK, c.mmHit)
	fmt.Printf("  dropped/added F1:   %.3f (found %d of %d, %d reported)          target >= 0.90\n", da, c.daHit, c.daGold, c.daPred)
	fmt.Printf("  acceptable variants not flagged: %d/%d; expected links found: %d/%d\n", c.varOK, c.varGold, c.linkOK, c.linkGold)
	if !verbose && len(problems) > 0 {
		fmt.Printf("  (%d differences from want.tsv; -v lists them)\n", len(problems))
	}
	return mp >= 0.95 && mr >= 0.95 && ca >= 0.9 && da >= 0.9
}

// scorePair compares one report with its want lines and returns the
// differences, for -v.
func scorePair(name, zhText, enText string, ws []want, r *align.Report, c *fcCounts) []string {
	var diffs []string
	diff := func(format string, args ...any) { diffs = append(diffs, name+": "+fmt.Sprintf(format, args...)) }
	find := func(w want) (zs, es corpus.Span, zok, eok bool) {
		zs, zok = locate(zhText, w.zh)
		es, eok = locate(enText, w.en)
		if w.zh != "" && !zok {
			diff("snippet %q not in zh.txt", w.zh)
		}
		if w.en != "" && !eok {
			diff("snippet %q not in en.txt", w.en)
		}
		return
	}
	usedMismatch := map[int]bool{}
	wantDropped, wantAdded := []corpus.Span{}, []corpus.Span{}
	for _, w := range ws {
		zs, es, zok, eok := find(w)
		switch w.verdict {
		case "dropped":
			if zok {
				wantDropped = append(wantDropped, zs)
			}
			continue
		case "added":
			if eok {
				wantAdded = append(wantAdded, es)
			}
			continue
		}
		if !zok || !eok {
			continue
		}
		li := -1
		for k, l := range r.Links {
			if overlaps(l.ZH, zs) && overlaps(l.EN, es) {
				li = k
				break
			}
		}
		c.linkGold++
		if w.verdict == "mismatch" {
			c.mmGold++
		} else {
			c.varGold++
		}
		if li < 0 {
			diff("%s %s / %s: not linked", w.verdict, w.zh, w.en)
			continue
		}
		l := r.Links[li]
		c.linkOK++
		switch {
		case w.verdict == "mismatch" && l.Verdict == align.Mismatch:
			c.mmHit++
			usedMismatch[li] = true
			if string(l.Error) == w.class {
				c.classOK++
			} else {
				diff("mismatch %s / %s: class %s, want %s (%s)", w.zh, w.en, l.Error, w.class, l.Explanation)
			}
		case w.verdict == "mismatch":
			diff("mismatch %s / %s: verdict %s (%s)", w.zh, w.en, l.Verdict, l.Explanation)
		case l.Verdict == align.Mismatch:
			diff("%s %s / %s: flagged %s (%s)", w.verdict, w.zh, w.en, l.Error, l.Explanation)
		default:
			c.varOK++
			if (w.verdict == "rounded") != (l.Verdict == align.MatchRounded) {
				diff("%s %s / %s: verdict %s (%s)", w.verdict, w.zh, w.en, l.Verdict, l.Explanation)
			}
		}
	}
	for k, l := range r.Links {
		if l.Verdict == align.Mismatch {
			c.mmPred++
			if !usedMismatch[k] {
				if !isWanted(ws, zhText, enText, l) {
					diff("unexpected mismatch %s / %s: %s (%s)", l.ZH.Text, l.EN.Text, l.Error, l.Explanation)
				}
			}
		}
	}
	match := func(got []extract.Claim, want []corpus.Span, label string) {
		c.daGold += len(want)
		c.daPred += len(got)
		hit := map[int]bool{}
		for _, g := range got {
			found := false
			for k, sp := range want {
				if !hit[k] && overlaps(g, sp) {
					hit[k], found = true, true
					c.daHit++
					break
				}
			}
			if !found {
				diff("unexpected %s %s", label, g.Text)
			}
		}
		for k := range want {
			if !hit[k] {
				diff("%s figure at %v not reported", label, want[k])
			}
		}
	}
	match(r.Dropped, wantDropped, "dropped")
	match(r.Added, wantAdded, "added")
	return diffs
}

// isWanted reports whether a flagged link is one the want lines list as a
// link (then its difference was already reported).
func isWanted(ws []want, zhText, enText string, l align.Link) bool {
	for _, w := range ws {
		zs, zok := locate(zhText, w.zh)
		es, eok := locate(enText, w.en)
		if zok && eok && overlaps(l.ZH, zs) && overlaps(l.EN, es) {
			return true
		}
	}
	return false
}
