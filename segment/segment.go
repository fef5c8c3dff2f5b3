// Package segment splits a Document into sentences and Chinese sentences into
// words. Sentences keep code-point offsets into Document.Text; words come from
// gse with its embedded dictionary, loaded once per process and shared.
package segment

import (
	"strings"
	"unicode/utf8"

	"figures/corpus"
)

// Sentence is one sentence of a document.
type Sentence struct {
	// Index is the sentence's position in the document, from 0.
	Index int `json:"index"`
	// Para is the index of the paragraph it belongs to.
	Para int `json:"para"`
	corpus.Span
	// Text is Document.Text[Start:End] (in code points).
	Text string `json:"text"`
	// Lang is the grammar the sentence is read with: "zh" or "en".
	Lang string `json:"lang"`
	// Words are the gse words of a Chinese sentence (nil until Words is
	// called, and always nil for English).
	Words []Word `json:"-"`
}

// Word is one gse token of a Chinese sentence.
type Word struct {
	corpus.Span // code points in Document.Text
	Text        string
	// Pos is gse's part-of-speech tag ("n", "v", "m", "x", ...).
	Pos string
}

// Split returns the sentences of doc, paragraph by paragraph.
func Split(doc *corpus.Document) []Sentence {
	ix := corpus.NewIndex(doc.Text)
	var out []Sentence
	for pi, p := range doc.Paragraphs {
		text := ix.Slice(p.Span)
		lang := p.Lang.Grammar()
		if p.Lang == corpus.Unknown {
			lang = doc.Lang.Grammar()
		}
		for _, sp := range splitSentences(text, lang) {
			s := Sentence{Index: len(out), Para: pi, Lang: lang,
				Span: corpus.Span{Start: p.Start + sp.Start, End: p.Start + sp.End}}
			s.Text = ix.Slice(s.Span)
			out = append(out, s)
		}
	}
	return out
}

// splitSentences returns sentence spans (code points, relative to text).
func splitSentences(text, lang string) []corpus.Span {
	var out []corpus.Span
	start, i := 0, 0
	runes := []rune(text)
	for i < len(runes) {
		r := runes[i]
		end := false
		switch r {
		case '。', '！', '？', '；', '!', '?':
			end = true
		case '.':
			end = lang == "en" && (i+1 == len(runes) || runes[i+1] == ' ')
		}
		i++
		if end {
			for i < len(runes) && strings.ContainsRune("”’\"')）」』", runes[i]) {
				i++
			}
			out = appendTrimmed(out, runes, start, i)
			start = i
		}
	}
	out = appendTrimmed(out, runes, start, len(runes))
	return out
}

func appendTrimmed(out []corpus.Span, runes []rune, s, e int) []corpus.Span {
	for s < e && isSpace(runes[s]) {
		s++
	}
	for e > s && isSpace(runes[e-1]) {
		e--
	}
	if e > s {
		out = append(out, corpus.Span{Start: s, End: e})
	}
	return out
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' || r == '\r'
}

// runeLen is the number of code points in s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
