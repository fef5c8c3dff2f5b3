package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"figures/extract"
)

// A labelled sentence of the precision set: every number in Text is either
// a claim (with its value, kind and unit) or listed under not_claims.
type labelled struct {
	Lang      string      `json:"lang"`
	Text      string      `json:"text"`
	Claims    []wantClaim `json:"claims"`
	NotClaims []string    `json:"not_claims"`
	Note      string      `json:"note,omitempty"`
}

type wantClaim struct {
	Text      string `json:"text"`
	Value     string `json:"value"`
	ValueMax  string `json:"value_max,omitempty"`
	Kind      string `json:"kind"`
	Unit      string `json:"unit"`
	Qualifier string `json:"qualifier,omitempty"`
}

// precision scores the labelled set: a claim is right when its text, value
// (and value_max), kind and unit (and qualifier, when labelled) equal a
// label's.
func precision(dir string) ([]failure, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "precision-*.jsonl"))
	sort.Strings(files)
	if len(files) == 0 {
		fmt.Printf("\nprecision set: no %s/precision-*.jsonl\n", dir)
		return nil, nil
	}
	var fails []failure
	type tally struct{ sents, labels, found, right, nonclaims int }
	byLang := map[string]*tally{}
	fmt.Println("\nPrecision set (our own labelled press-release sentences)")
	fmt.Printf("%-36s %9s %6s %6s %6s %6s %9s %7s\n", "file", "sentences", "labels", "found", "right", "nonclm", "precision", "recall")
	for _, file := range files {
		var sents []labelled
		err := readJSONL(file, func(m map[string]any) error {
			b, _ := json.Marshal(m)
			var l labelled
			if err := json.Unmarshal(b, &l); err != nil {
				return err
			}
			for _, nc := range l.NotClaims {
				if !strings.Contains(l.Text, nc) {
					return fmt.Errorf("not_claim %q is not in %q", nc, l.Text)
				}
			}
			for _, c := range l.Claims {
				if !strings.Contains(l.Text, c.Text) {
					return fmt.Errorf("claim %q is not in %q", c.Text, l.Text)
				}
			}
			sents = append(sents, l)
			return nil
		})
		if err != nil {
			return nil, err
		}
		labels, found, right, nonclaims := 0, 0, 0, 0
		for _, l := range sents {
			got := extract.String(l.Lang, l.Text)
			labels += len(l.Claims)
			found += len(got)
			nonclaims += len(l.NotClaims)
			used := make([]bool, len(l.Claims))
			var bad []string
			for _, g := range got {
				ok := false
				for i, w := range l.Claims {
					if !used[i] && matchLabel(w, g) {
						used[i], ok = true, true
						break
					}
				}
				if ok {
					right++
				} else {
					bad = append(bad, "extra or wrong: "+describeClaims([]extract.Claim{g})[0])
				}
			}
			for i, w := range l.Claims {
				if !used[i] {
					bad = append(bad, fmt.Sprintf("missed: %s %s %s %s", w.Text, w.Kind, w.Value, w.Unit))
				}
			}
			if len(bad) > 0 {
				fails = append(fails, failure{File: filepath.Base(file), ID: l.Text[:min(len(l.Text), 30)], Input: l.Text,
					Expected: labelStrings(l.Claims), Got: describeClaims(got), Why: strings.Join(bad, "; ")})
			}
		}
		p, r := ratio(right, found), ratio(right, labels)
		fmt.Printf("%-36s %9d %6d %6d %6d %6d %9.3f %7.3f\n", filepath.Base(file), len(sents), labels, found, right, nonclaims, p, r)
		if len(sents) > 0 {
			t := byLang[sents[0].Lang]
			if t == nil {
				t = &tally{}
				byLang[sents[0].Lang] = t
			}
			t.sents += len(sents)
			t.labels += labels
			t.found += found
			t.right += right
			t.nonclaims += nonclaims
		}
	}
	for _, lang := range []string{"zh", "en"} {
		if t := byLang[lang]; t != nil {
			fmt.Printf("%-36s %9d %6d %6d %6d %6d %9.3f %7.3f\n", "ALL "+lang, t.sents, t.labels, t.found, t.right, t.nonclaims,
				ratio(t.right, t.found), ratio(t.right, t.labels))
		}
	}
	return fails, nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func labelStrings(ws []wantClaim) []string {
	var out []string
	for _, w := range ws {
		out = append(out, fmt.Sprintf("%s %s %s %s", w.Text, w.Kind, w.Value, w.Unit))
	}
	return out
}

func matchLabel(w wantClaim, g extract.Claim) bool {
	if w.Text != g.Text || w.Kind != string(g.Kind) || w.Unit != g.Unit {
		return false
	}
	a, ok1 := extract.ParseDecimal(w.Value)
	b, ok2 := extract.ParseDecimal(g.Value)
	if !ok1 || !ok2 || a.Cmp(b) != 0 {
		return false
	}
	if w.ValueMax != g.ValueMax {
		return false
	}
	if w.Qualifier != "" && w.Qualifier != string(g.Qualifier) {
		return false
	}
	return true
}
