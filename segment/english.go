package segment

import (
	_ "embed"
	"strings"
)

// english.tsv lists the abbreviations and sentence starters the English
// splitter consults; see the comments in the file.
//
//go:embed data/english.tsv
var englishTSV string

var (
	neverFinal       = map[string]bool{}
	numberAbbrev     = map[string]bool{}
	monthAbbrev      = map[string]bool{}
	maybeFinal       = map[string]bool{}
	sentenceStarters = map[string]bool{}
)

func init() {
	sets := map[string]map[string]bool{
		"never": neverFinal, "number": numberAbbrev, "month": monthAbbrev,
		"maybe": maybeFinal, "starter": sentenceStarters,
	}
	for _, line := range strings.Split(englishTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		class, words, ok := strings.Cut(line, "\t")
		set := sets[class]
		if !ok || set == nil {
			panic("segment: bad line in data/english.tsv: " + line)
		}
		for _, w := range strings.Fields(words) {
			set[w] = true
		}
	}
}
