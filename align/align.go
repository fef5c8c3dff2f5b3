// Package align pairs a Chinese bulletin with its English translation: it
// aligns their sentences, links figure to figure and gives every link a
// verdict (match, match within rounding, or mismatch with a diagnosis), and
// reports the figures that were dropped or added.
package align

import (
	"figures/corpus"
	"figures/extract"
	"figures/segment"
)

// Side is one analysed document: its text, sentences and claims.
type Side struct {
	Doc       *corpus.Document
	Sentences []segment.Sentence
	Claims    []extract.Claim
}

// Bead is one unit of the sentence alignment: Chinese sentence indexes
// aligned with English sentence indexes (either side may be empty: a
// sentence dropped or added in translation).
type Bead struct {
	ZH    []int   `json:"zh"`
	EN    []int   `json:"en"`
	Score float64 `json:"score"`
}

// Verdict is the outcome of comparing two linked figures.
type Verdict string

// The verdicts of a link.
const (
	Match        Verdict = "match"
	MatchRounded Verdict = "match_rounded"
	Mismatch     Verdict = "mismatch"
)

// ErrorClass diagnoses a mismatch.
type ErrorClass string

// The error classes of a mismatch.
const (
	ErrMagnitude       ErrorClass = "magnitude"         // 646万 as 64.6 million
	ErrDigits          ErrorClass = "digits"            // transposed or changed digits
	ErrDecimal         ErrorClass = "decimal"           // moved decimal point
	ErrRounding        ErrorClass = "rounding"          // rounded too far, stated as exact
	ErrUnit            ErrorClass = "unit"              // persons vs households, yuan vs dollars
	ErrQualifier       ErrorClass = "qualifier"         // 余 as nearly
	ErrPercentVsPoints ErrorClass = "percent_vs_points" // 3.2个百分点 as 3.2%
	ErrSign            ErrorClass = "sign"              // 下降 as up
	ErrOther           ErrorClass = "other"
)

// Link connects a Chinese figure with its English counterpart.
type Link struct {
	ZH      extract.Claim `json:"zh"`
	EN      extract.Claim `json:"en"`
	Verdict Verdict       `json:"verdict"`
	// Error is set for a mismatch only.
	Error ErrorClass `json:"error,omitempty"`
	// Explanation is one line a person can read, e.g. "4.39亿元 is
	// 439,000,000 yuan; the English says 4.39 billion yuan, 10 times too large".
	Explanation string `json:"explanation"`
	// Bead is the index of the alignment bead the link was found in, or -1
	// when it was found across the document.
	Bead int `json:"bead"`
}

// Report is the fact-check of one document pair; its JSON form is the
// output of `figures check --format json`.
type Report struct {
	ZH        DocSummary      `json:"zh"`
	EN        DocSummary      `json:"en"`
	Alignment []Bead          `json:"alignment"`
	Links     []Link          `json:"links"`
	Dropped   []extract.Claim `json:"dropped"`
	Added     []extract.Claim `json:"added"`
}

// DocSummary names a document and lists its sentences.
type DocSummary struct {
	File      string         `json:"file"`
	Sentences []SentenceSpan `json:"sentences"`
}

// SentenceSpan is a sentence as reported: offsets and text.
type SentenceSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Mismatches counts the links with verdict Mismatch.
func (r *Report) Mismatches() int {
	n := 0
	for _, l := range r.Links {
		if l.Verdict == Mismatch {
			n++
		}
	}
	return n
}
