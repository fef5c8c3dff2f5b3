// Package gen generates corpora of synthetic government bulletins for
// testing and measuring ingestion: Chinese originals (simplified or
// traditional) with English versions, as plain text and as HTML pages with
// the chrome government sites wrap articles in, in every encoding figures
// reads, with varied figures and, on request, English figures written wrong
// the way translators get them wrong. Every file comes with what a reader
// should find in it (title, date, source, article text, seeded errors).
package gen

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
)

//go:embed templates.tsv
var templatesTSV string

// Three versions of a text: simplified, traditional, English.
const (
	hans = iota
	hant
	en
)

type triple [3]string

type topic struct {
	name                   string
	title, agency, lead    triple
	sentences, closes, rel []triple
}

type templates struct {
	cities []triple
	topics []*topic
}

var figureRef = regexp.MustCompile(`\{([a-z]+):([a-z]+)(?::(\d+)-(\d+))?\}`)

func parseTemplates(src string) (*templates, error) {
	t := &templates{}
	var cur *topic
	for i, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if f[0] == "topic" {
			if len(f) != 2 {
				return nil, fmt.Errorf("templates.tsv:%d: topic takes a name", i+1)
			}
			cur = &topic{name: f[1]}
			t.topics = append(t.topics, cur)
			continue
		}
		if len(f) != 4 {
			return nil, fmt.Errorf("templates.tsv:%d: want 4 tab-separated fields, have %d", i+1, len(f))
		}
		tr := triple{f[1], f[2], f[3]}
		if err := checkFigures(tr); err != nil {
			return nil, fmt.Errorf("templates.tsv:%d: %w", i+1, err)
		}
		if f[0] == "city" {
			t.cities = append(t.cities, tr)
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("templates.tsv:%d: %s before any topic", i+1, f[0])
		}
		switch f[0] {
		case "title":
			cur.title = tr
		case "agency":
			cur.agency = tr
		case "lead":
			cur.lead = tr
		case "s":
			cur.sentences = append(cur.sentences, tr)
		case "close":
			cur.closes = append(cur.closes, tr)
		case "related":
			cur.rel = append(cur.rel, tr)
		default:
			return nil, fmt.Errorf("templates.tsv:%d: unknown kind %q", i+1, f[0])
		}
	}
	if len(t.cities) == 0 || len(t.topics) == 0 {
		return nil, fmt.Errorf("templates.tsv: no cities or topics")
	}
	for _, tp := range t.topics {
		if tp.title[0] == "" || tp.agency[0] == "" || tp.lead[0] == "" || len(tp.sentences) == 0 || len(tp.closes) == 0 || len(tp.rel) == 0 {
			return nil, fmt.Errorf("templates.tsv: topic %s lacks a title, agency, lead, sentence, close or related line", tp.name)
		}
	}
	return t, nil
}

// checkFigures checks that the three versions name the same figures with
// the same types.
func checkFigures(tr triple) error {
	sets := [3]map[string]string{}
	for v, s := range tr {
		sets[v] = map[string]string{}
		for _, m := range figureRef.FindAllStringSubmatch(s, -1) {
			if _, ok := kinds[m[2]]; !ok {
				return fmt.Errorf("unknown figure type %q", m[2])
			}
			sets[v][m[1]] = m[0]
		}
	}
	for v := 1; v < 3; v++ {
		if len(sets[v]) != len(sets[0]) {
			return fmt.Errorf("versions name different figures: %q vs %q", tr[0], tr[v])
		}
		for k, ref := range sets[0] {
			if sets[v][k] != ref {
				return fmt.Errorf("figure %s differs between versions", k)
			}
		}
	}
	return nil
}
