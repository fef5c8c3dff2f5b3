// Package extract finds the numeric claims in sentences: counts, money,
// percentages, percentage points, ratios, multiples, measures and rates, with
// 万/亿/million/billion applied, qualifiers kept and values as exact decimals.
// Years, dates, ordinals, rankings and names are recognised and left out.
package extract

import (
	"figures/corpus"
	"figures/segment"
)

// Kind is what sort of figure a claim states.
type Kind string

// The kinds of claim.
const (
	Count         Kind = "count"
	Money         Kind = "money"
	Percent       Kind = "percent"        // value in percent: 83.5 for 83.5%
	PercentPoints Kind = "percent_points" // 个百分点, percentage points
	Ratio         Kind = "ratio"          // 1:0.81 has value 0.81
	Multiple      Kind = "multiple"       // 1.5倍, 1.5 times
	Measure       Kind = "measure"        // area, length, weight ...
	Rate          Kind = "rate"           // 1120元/人/月
)

// Qualifier says how the stated value bounds the true one.
type Qualifier string

// The qualifiers.
const (
	Exact    Qualifier = "exact"
	Approx   Qualifier = "approx"    // 约, 左右, about
	MoreThan Qualifier = "more_than" // 余, 多, 超过, 逾, more than
	LessThan Qualifier = "less_than" // 不到, less than
	Nearly   Qualifier = "nearly"    // 近, nearly, almost
	AtLeast  Qualifier = "at_least"  // 至少, 以上, at least
	AtMost   Qualifier = "at_most"   // 以下, up to
	Range    Qualifier = "range"     // 3至5万: Value..ValueMax
)

// Claim is one numeric claim found in a sentence. Its JSON form is the
// `figures extract` record (File is filled in by the caller).
type Claim struct {
	File string `json:"file,omitempty"`
	// Lang is the grammar the claim was read with: "zh" or "en".
	Lang string `json:"lang"`
	// Sentence is the index of the sentence the claim is in.
	Sentence int `json:"sentence"`
	// Text is the claim's surface text, Document.Text[Start:End] in code
	// points, end exclusive.
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  Kind   `json:"kind"`
	// Value is an exact decimal ("439000000", "83.5", "-2.1"); a decrease
	// is negative. ValueMax is the upper end of a range, else "".
	Value    string `json:"value"`
	ValueMax string `json:"value_max,omitempty"`
	// Unit is canonical English ("yuan", "usd", "person", "household",
	// "square_metre", ...) or "" when none is known.
	Unit      string    `json:"unit"`
	Qualifier Qualifier `json:"qualifier"`
	// Context is the noun phrase the figure counts (残疾人, disabled people).
	Context string `json:"context"`

	// Core is the number itself within Text (4.39亿 in 4.39亿元, 3,800 in
	// more than 3,800), and Outer the claim together with the qualifier
	// words around it (more than 3,800; 1000人以上), both in document code
	// points. They are not part of the JSON record; scorers and reviewers use
	// them to compare spans with other conventions.
	Core  corpus.Span `json:"-"`
	Outer corpus.Span `json:"-"`
}

// Sentences extracts the claims of every sentence, in order. Chinese
// sentences should carry gse words (segment.Words) for the best context;
// without them the extractor falls back to its dictionaries.
func Sentences(sents []segment.Sentence) []Claim {
	// Claims are large: gather each sentence's and copy them once into a
	// slice of the right size, rather than growing one slice by doubling.
	per := make([][]Claim, len(sents))
	n := 0
	for i := range sents {
		per[i] = Sentence(&sents[i])
		n += len(per[i])
	}
	if n == 0 {
		return nil
	}
	out := make([]Claim, 0, n)
	for _, cs := range per {
		out = append(out, cs...)
	}
	return out
}
