// Package segment splits a Document into sentences and Chinese sentences into
// words. Sentences keep code-point offsets into Document.Text; words come from
// gse with its embedded dictionary, loaded once per process and shared.
//
// Sentence splitting is rule-based and works paragraph by paragraph, so a
// sentence never crosses a paragraph boundary. Chinese is split after 。！？；
// (and their half-width forms) and after an ellipsis (……), with closing quotes
// and brackets kept on the sentence they close; the full stop of a decimal
// (4.39, 1.2万) and list markers (一、 1. （一）) never end a sentence. English
// is split after . ! ? and ellipses followed by a space and something that
// can start a sentence, with abbreviations (No., Mr., Jan., U.S., e.g.),
// initials, decimals and list markers ("1. ") recognised, and in-line bullets
// (•, ●, ▪) starting a new sentence. The rules favour not splitting when in
// doubt: the aligner copes with a long sentence better than with a sentence
// cut in the middle of a figure. Only a run longer than MaxSentence code
// points with no sentence end (a table dump, a page without punctuation) is
// cut at soft breaks, so that later stages stay fast on any input.
package segment

import (
	"strings"
	"unicode"
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

// Split returns the sentences of doc, paragraph by paragraph. Each paragraph
// is read with the grammar of its own language (a Chinese paragraph in an
// English document is split the Chinese way), falling back on the document's.
func Split(doc *corpus.Document) []Sentence {
	ix := corpus.NewIndex(doc.Text)
	var out []Sentence
	for pi, p := range doc.Paragraphs {
		text := ix.Slice(p.Span)
		lang := p.Lang.Grammar()
		if p.Lang == corpus.Unknown {
			lang = doc.Lang.Grammar()
		}
		for _, sp := range SplitText(text, lang) {
			s := Sentence{Index: len(out), Para: pi, Lang: lang,
				Span: corpus.Span{Start: p.Start + sp.Start, End: p.Start + sp.End}}
			s.Text = ix.Slice(s.Span)
			out = append(out, s)
		}
	}
	return out
}

// SplitText splits one paragraph of text read with grammar lang ("zh" or
// "en") and returns the sentence spans in code points relative to text,
// trimmed of surrounding white space, in order and non-overlapping.
func SplitText(text, lang string) []corpus.Span {
	runes := []rune(text)
	var cuts []int
	if lang == "zh" {
		cuts = zhCuts(runes)
	} else {
		cuts = enCuts(runes)
	}
	var out []corpus.Span
	start := 0
	for _, c := range append(cuts, len(runes)) {
		for c-start > MaxSentence {
			// A "sentence" this long is a table dump, a page without
			// punctuation or a hostile input, not prose: cut it at a soft
			// break so that the cost of every later stage stays bounded.
			k := softCut(runes, start, start+MaxSentence)
			out = appendTrimmed(out, runes, start, k)
			start = k
		}
		out = appendTrimmed(out, runes, start, c)
		start = c
	}
	return out
}

// MaxSentence is the longest sentence Split returns, in code points. Real
// sentences, even the run-on ones of machine-translated bulletins, stay well
// under a thousand; a longer run without a sentence end is cut at the last
// comma, enumeration mark or space before the limit.
const MaxSentence = 2000

// softCut returns where to cut r[s:e], which is too long to be one sentence:
// after the last comma or enumeration mark in its second half, else at the
// last white space not next to a digit, else after the last character that
// cannot be part of a figure or word and is not followed by a digit or
// numeral (so that no figure is cut in two), else at e.
func softCut(r []rune, s, e int) int {
	lo := s + (e-s)/2
	for i := e - 1; i > lo; i-- {
		switch r[i] {
		case '，', '、', '：', '；':
			return i + 1
		case ',', ':', ';':
			if !unicode.IsDigit(r[i+1]) { // not 3,132 or 10:30
				return i + 1
			}
		}
	}
	for i := e - 1; i > lo; i-- {
		if isSpace(r[i]) && !unicode.IsDigit(r[i-1]) && !unicode.IsDigit(r[i+1]) {
			return i + 1
		}
	}
	for i := e - 1; i > lo; i-- {
		if !numberish(r[i-1]) && !startsFigure(r[i]) {
			return i
		}
	}
	return e
}

// startsFigure reports the characters a figure's text may begin with.
func startsFigure(c rune) bool {
	return unicode.IsDigit(c) || strings.ContainsRune("零〇一二两兩三四五六七八九十百千万萬亿億", c)
}

// numberish reports characters that may belong to a figure or a word.
func numberish(c rune) bool {
	if c < 0x80 {
		return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == ',' || c == '%'
	}
	switch c {
	case '零', '〇', '一', '二', '两', '兩', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千',
		'万', '萬', '亿', '億', '余', '多', '％', '．':
		return true
	}
	return unicode.IsLetter(c) && !unicode.Is(unicode.Han, c) || unicode.IsDigit(c)
}

// zhCuts returns the positions after which a Chinese paragraph is cut.
func zhCuts(r []rune) []int {
	var cuts []int
	for i := 0; i < len(r); {
		n := zhTerminator(r, i)
		if n == 0 {
			i++
			continue
		}
		j := i + n
		// A run of terminators and closers belongs to the sentence it ends:
		// 。” ？！ ……）
		for j < len(r) {
			if m := zhTerminator(r, j); m > 0 {
				j += m
			} else if isCloser(r[j]) {
				j++
			} else {
				break
			}
		}
		if j < len(r) && !onlySpaceOrCloserLeft(r[j:]) && !trailingAside(r[j:]) {
			cuts = append(cuts, j)
		}
		i = j
	}
	return cuts
}

// zhTerminator reports how many runes at r[i:] make a Chinese sentence end:
// one for 。！？；!? and a whole ellipsis run (……, ......), else 0. A single
// "…" or ".." is a pause, not an end.
func zhTerminator(r []rune, i int) int {
	switch r[i] {
	case '。', '！', '？', '；', '!', '?', '｡':
		return 1
	case '…', '.':
		j := i
		for j < len(r) && r[j] == r[i] {
			j++
		}
		if (r[i] == '…' && j-i >= 2) || (r[i] == '.' && j-i >= 3) {
			return j - i
		}
	}
	return 0
}

// isCloser reports closing quotes and brackets, which stay with the
// sentence they follow.
func isCloser(c rune) bool {
	switch c {
	case '”', '’', '"', '\'', ')', '）', '」', '』', '】', '》', '〉', ']', '］', '}', '»', '〕':
		return true
	}
	return false
}

// trailingAside reports whether r is only a short bracketed aside that
// ends the paragraph, such as a wire service's "(完)" or "（来源：市民政局）",
// which stays with the sentence before it.
func trailingAside(r []rune) bool {
	s, e := 0, len(r)
	for s < e && isSpace(r[s]) {
		s++
	}
	for e > s && isSpace(r[e-1]) {
		e--
	}
	if e-s < 3 || e-s > 24 {
		return false
	}
	open, close := r[s], r[e-1]
	if !(open == '(' && close == ')' || open == '（' && close == '）' || open == '(' && close == '）' || open == '（' && close == ')' ||
		open == '[' && close == ']' || open == '【' && close == '】') {
		return false
	}
	for _, c := range r[s+1 : e-1] {
		if c == '(' || c == ')' || c == '（' || c == '）' || c == '。' {
			return false
		}
	}
	return true
}

func onlySpaceOrCloserLeft(r []rune) bool {
	for _, c := range r {
		if !isSpace(c) && !isCloser(c) {
			return false
		}
	}
	return true
}

// enCuts returns the positions after which an English paragraph is cut.
func enCuts(r []rune) []int {
	var cuts []int
	sentStart := 0
	for i := 0; i < len(r); i++ {
		c := r[i]
		// An in-line bullet starts a new item: "tasks: • pensions • care".
		if isBullet(c) && i > 0 && isSpace(r[i-1]) && i+1 < len(r) && isSpace(r[i+1]) {
			if hasLetterOrDigit(r[sentStart:i]) {
				cuts = append(cuts, i)
				sentStart = i
			}
			continue
		}
		if c != '.' && c != '!' && c != '?' && c != '…' {
			continue
		}
		// Take the whole run of terminal punctuation (?!, ..., ?")
		j := i
		for j < len(r) && (r[j] == '.' || r[j] == '!' || r[j] == '?' || r[j] == '…') {
			j++
		}
		for j < len(r) && isCloser(r[j]) {
			j++
		}
		if j >= len(r) {
			break
		}
		if !isSpace(r[j]) {
			// 4.39, U.S.-China, e.g., www.gov.cn, "Yahoo!'s"
			i = j - 1
			continue
		}
		k := j
		for k < len(r) && isSpace(r[k]) {
			k++
		}
		if k >= len(r) {
			break
		}
		if enBoundary(r, sentStart, i, j, k) && !trailingAside(r[j:]) {
			cuts = append(cuts, j)
			sentStart = j
		}
		i = j - 1
	}
	return cuts
}

// enBoundary decides whether the terminal punctuation r[i:j], followed by
// white space and then r[k], ends a sentence that started at sentStart.
func enBoundary(r []rune, sentStart, i, j, k int) bool {
	next := r[k]
	if unicode.IsLower(next) {
		// "e.g. the", "... and then": a lower-case word continues.
		return false
	}
	if !(unicode.IsUpper(next) || unicode.IsDigit(next) || isOpener(next) || isBullet(next) ||
		next == '*' || next == '#' || unicode.Is(unicode.Han, next)) {
		// Machine-translated bulletins mark dropped passages with "***".
		return false
	}
	if r[i] != '.' || j-i > 1 && r[i+1] == '.' {
		// ! ? and ellipses end a sentence before a capital or digit.
		return true
	}
	word := wordBefore(r, i)
	lw := lower(word)
	// A list marker alone: "1. Strengthen", "(a). ", "IV. Tasks".
	if isListMarker(r[sentStart:i]) {
		return false
	}
	if unicode.IsDigit(next) {
		// "No. 5", "Art. 3", "Jan. 24" keep their number; "in 2021. 3,132"
		// ends.
		return !numberAbbrev[lw] && !monthAbbrev[lw]
	}
	if neverFinal[lw] || monthAbbrev[lw] {
		return false
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
		// An initial: "J. Smith", "Zhong Y. said".
		return false
	}
	if maybeFinal[lw] || isDotted(word) {
		// "the U.S. Department" versus "in the U.S. The": split only before
		// a word that usually starts a sentence.
		return sentenceStarters[lower(wordAt(r, k))]
	}
	return true
}

func isOpener(c rune) bool {
	switch c {
	case '"', '“', '\'', '‘', '(', '（', '[', '「', '『':
		return true
	}
	return false
}

func isBullet(c rune) bool {
	switch c {
	case '•', '●', '▪', '■', '◆', '►', '○', '·':
		return c != '·'
	}
	return false
}

func hasLetterOrDigit(r []rune) bool {
	for _, c := range r {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return true
		}
	}
	return false
}

// wordBefore returns the word ending just before r[i] (letters and inner
// dots: "U.S", "e.g", "No").
func wordBefore(r []rune, i int) string {
	s := i
	for s > 0 && (unicode.IsLetter(r[s-1]) || r[s-1] == '.' && s-1 > 0 && unicode.IsLetter(r[s-2])) {
		s--
	}
	return string(r[s:i])
}

// wordAt returns the letters starting at r[k], skipping an opening quote.
func wordAt(r []rune, k int) string {
	for k < len(r) && isOpener(r[k]) {
		k++
	}
	e := k
	for e < len(r) && unicode.IsLetter(r[e]) {
		e++
	}
	return string(r[k:e])
}

func isDotted(w string) bool {
	for _, c := range w {
		if c == '.' {
			return true
		}
	}
	return false
}

// isListMarker reports whether r (the sentence so far, before a full stop)
// is only a list marker: 1, 12, a, (1), iv.
func isListMarker(r []rune) bool {
	s, e := 0, len(r)
	for s < e && (isSpace(r[s]) || isBullet(r[s])) {
		s++
	}
	for e > s && isSpace(r[e-1]) {
		e--
	}
	m := r[s:e]
	if len(m) == 0 || len(m) > 4 {
		return false
	}
	if m[0] == '(' && m[len(m)-1] == ')' {
		m = m[1 : len(m)-1]
	}
	if len(m) == 0 {
		return false
	}
	allDigit, allRoman := true, true
	for _, c := range m {
		allDigit = allDigit && c >= '0' && c <= '9'
		allRoman = allRoman && (c == 'i' || c == 'v' || c == 'x' || c == 'I' || c == 'V' || c == 'X')
	}
	return allDigit || allRoman || len(m) == 1 && unicode.IsLetter(m[0])
}

func lower(s string) string {
	b := []rune(s)
	for i, c := range b {
		b[i] = unicode.ToLower(c)
	}
	return string(b)
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
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' || r == '\r' || r == '\n'
}
