package extract

import (
	"math/big"
	"regexp"
	"strings"

	"figures/corpus"
	"figures/segment"
)

// A placeholder reader: digits with an optional Chinese multiplier and a
// following unit. The full grammar replaces it.
var simple = regexp.MustCompile(`(\d+(?:,\d{3})*(?:\.\d+)?)(万|亿)?(%|个百分点|元|人|个)?`)

// Sentence extracts the claims of one sentence.
func Sentence(s *segment.Sentence) []Claim {
	f := corpus.Fold(s.Text)
	var out []Claim
	for _, m := range simple.FindAllStringSubmatchIndex(f.Text, -1) {
		num := strings.ReplaceAll(f.Text[m[2]:m[3]], ",", "")
		r, ok := new(big.Rat).SetString(num)
		if !ok {
			continue
		}
		if m[4] >= 0 {
			mult := map[string]int64{"万": 1e4, "亿": 1e8}[f.Text[m[4]:m[5]]]
			r.Mul(r, new(big.Rat).SetInt64(mult))
		}
		kind, unit := Count, ""
		if m[6] >= 0 {
			switch f.Text[m[6]:m[7]] {
			case "%":
				kind = Percent
			case "个百分点":
				kind = PercentPoints
			case "元":
				kind, unit = Money, "yuan"
			case "人":
				unit = "person"
			}
		}
		sp := f.OrigSpan(m[0], m[1])
		text := string([]rune(s.Text)[sp.Start:sp.End])
		out = append(out, Claim{
			Lang: s.Lang, Sentence: s.Index, Text: text,
			Start: s.Start + sp.Start, End: s.Start + sp.End,
			Kind: kind, Value: FormatDecimal(r), Unit: unit, Qualifier: Exact,
		})
	}
	return out
}
