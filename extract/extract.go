package extract

import (
	"math/big"
	"sort"
	"strings"
	"unicode/utf8"

	"figures/corpus"
	"figures/segment"
)

// Sentence extracts the claims of one sentence. Offsets are code points in
// the document (s.Start plus the offset in s.Text) and every claim's Text is
// the matching slice of the document. A Chinese sentence with gse words
// (segment.Words) gets its context from them; without words the extractor
// falls back to its noun dictionary.
func Sentence(s *segment.Sentence) []Claim {
	return extractText(s.Text, s.Lang, s.Index, s.Start, s.Words)
}

// String extracts the claims of text read as the only sentence of a
// document (sentence 0 at offset 0), with the grammar of lang ("zh" or
// "en"). It is the convenient entry point for tests, tools and examples.
func String(lang, text string) []Claim {
	return extractText(text, lang, 0, 0, nil)
}

// found is a claim in the folded text, before offsets are mapped back.
type found struct {
	start, end   int // the claim's text (bytes in the folded text)
	coreS, coreE int // the number itself
	outS, outE   int // the claim with the qualifier words around it
	kind         Kind
	val, max     *big.Rat
	unit         string
	qual         Qualifier
	ctx          string
	ctxAfter     bool // the number modifies the noun after it
}

func extractText(text, lang string, index, base int, words []segment.Word) []Claim {
	if lang != "zh" {
		lang = "en"
	}
	if !mayHaveNumber(text, lang) {
		return nil
	}
	t := text
	var fold *corpus.Folded
	if needsFold(text) {
		f := corpus.Fold(text)
		fold = &f
		t = f.Text
		if lang == "zh" {
			t = clauseCommas(text, t, fold)
		}
	}
	var sq []int
	if lang == "zh" {
		t, sq = squeezeSpaces(t)
	}
	sc := scanner{t: t, lang: lang}
	sc.prepare()
	if lang == "zh" {
		sc.scanZh()
	} else {
		sc.scanEn()
	}
	if len(sc.out) == 0 {
		return nil
	}
	// claims come out nearly in order: an insertion sort is cheapest
	for i := 1; i < len(sc.out); i++ {
		for j := i; j > 0 && sc.out[j].start < sc.out[j-1].start; j-- {
			sc.out[j], sc.out[j-1] = sc.out[j-1], sc.out[j]
		}
	}
	sc.out = mergeBounds(sc.t, sc.out)
	m := newMapper(text, fold)
	m.sq = sq
	claims := make([]Claim, 0, len(sc.out))
	lastEnd := -1
	prevByte := 0 // where the last claim kept ends, in the scanned text
	for i := range sc.out {
		f := &sc.out[i]
		if f.start < lastEnd || f.end <= f.start {
			continue // overlaps an earlier claim
		}
		lastEnd = f.end
		// map the offsets in increasing order, so that the mapper walks
		// the sentence once
		offs := [6]int{f.outS, f.start, f.coreS, f.coreE, f.end, f.outE}
		ends := [6]bool{false, false, false, true, true, true}
		var cps, obs [6]int
		m.points(offs[:], ends[:], cps[:], obs[:])
		os, s, cs, ce, e, oe := cps[0], cps[1], cps[2], cps[3], cps[4], cps[5]
		if len(claims) > 0 && base+s < claims[len(claims)-1].End || e <= s {
			continue // two figures folded from one character (½ is 1⁄2)
		}
		txt := m.orig[obs[1]:obs[4]]
		if circledNumber(txt) {
			continue // ①, ⑵, ⒊: list markers
		}
		c := Claim{
			Lang: lang, Sentence: index, Text: txt,
			Start: base + s, End: base + e,
			Kind: f.kind, Value: FormatDecimal(f.val), Unit: rateOrder(f.kind, f.unit), Qualifier: f.qual,
		}
		if f.max != nil {
			c.ValueMax = FormatDecimal(f.max)
		}
		c.Core = corpus.Span{Start: base + cs, End: base + ce}
		c.Outer = corpus.Span{Start: base + os, End: base + oe}
		prevCP := base
		if len(claims) > 0 {
			prevCP = claims[len(claims)-1].End
		}
		switch {
		case lang == "zh" && words != nil:
			sc.zhContextWords(f, &c, words, prevCP, prevByte)
		case lang == "zh":
			c.Context = sc.zhContext(f, prevByte)
		default:
			c.Context = f.ctx
		}
		prevByte = f.end
		if c.Unit == "" && c.Kind == Count {
			c.Unit = unitOfContext(lang, c.Context)
		}
		claims = append(claims, c)
	}
	return claims
}

// mayHaveNumber is a quick filter: a Chinese sentence needs a digit or a
// numeral character, an English one a digit or a letter.
func mayHaveNumber(text, lang string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if isDigit(c) || c >= utf8.RuneSelf || lang == "en" && isLetter(c) {
			return true
		}
	}
	return false
}

// needsFold reports whether folding s (NFKC) could change what the readers
// see. Most bulletin text is ASCII, CJK ideographs and CJK punctuation; the
// full-width clause punctuation (，；：！？（）) and the ideographic space
// change nothing for the readers unless they stand next to a digit, so a
// sentence that has no other compatibility character skips corpus.Fold, the
// extractor's largest cost.
func needsFold(s string) bool {
	prevDigit := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			prevDigit = isDigit(c)
			i++
			continue
		}
		if c >= 0xE4 && c <= 0xE9 {
			// CJK unified ideographs (U+4E00-U+9FFF) are stable
			prevDigit = false
			i += 3
			continue
		}
		r, size := decodeFast(s, i)
		i += size
		if nfkcStable(r) {
			prevDigit = false
			continue
		}
		switch r {
		case '；', '！', '？', '（', '）', '\u3000':
			prevDigit = false
			continue
		case '，', '：':
			// only between two digits: 4，565, 1：0.81
			if !prevDigit || i >= len(s) || !isDigit(s[i]) && !strings.HasPrefix(s[i:], "０") {
				prevDigit = false
				continue
			}
		}
		return true
	}
	return false
}

// mapper maps byte offsets in the text the scanner read (folded or not)
// to code points in the original, and slices the original.
type mapper struct {
	orig string
	fold *corpus.Folded
	// cursors for monotone walks over orig: byte and code point
	ob, or int
	// sq maps bytes of the squeezed text to bytes of the folded one
	sq []int
}

func newMapper(orig string, fold *corpus.Folded) *mapper {
	return &mapper{orig: orig, fold: fold}
}

// runeOf returns the code-point offset of byte b of orig.
func (m *mapper) runeOf(b int) int {
	b = min(b, len(m.orig))
	if b < m.ob {
		// walk back from the cursor, not from the start: O(distance)
		m.or -= utf8.RuneCountInString(m.orig[b:m.ob])
		m.ob = b
		return m.or
	}
	m.or += utf8.RuneCountInString(m.orig[m.ob:b])
	m.ob = b
	return m.or
}

// byteOf returns the byte offset of code point r of orig.
func (m *mapper) byteOf(r int) int {
	for r < m.or && m.ob > 0 {
		// walk back rune by rune: O(distance)
		_, size := utf8.DecodeLastRuneInString(m.orig[:m.ob])
		m.ob -= size
		m.or--
	}
	for m.or < r && m.ob < len(m.orig) {
		_, size := utf8.DecodeRuneInString(m.orig[m.ob:])
		m.ob += size
		m.or++
	}
	return m.ob
}

// point maps one boundary of the scanned text (a start, or an exclusive
// end) to a code point and a byte offset of the original. Boundaries must be
// visited in increasing order for the cursors to walk the text once.
func (m *mapper) point(b int, end bool) (cp, ob int) {
	if m.sq != nil {
		switch {
		case end && b > 0:
			b = m.sq[b-1] + 1
		default:
			b = m.sq[b]
		}
	}
	if m.fold == nil {
		return m.runeOf(b), b
	}
	cp = m.fold.Orig(b)
	if end && b > 0 {
		cp = m.fold.Orig(b-1) + 1
	}
	return cp, m.byteOf(cp)
}

// points maps the boundaries offs to code points (cps) and original byte
// offsets (obs), visiting them in increasing order.
func (m *mapper) points(offs []int, ends []bool, cps, obs []int) {
	var idx [8]int
	n := len(offs)
	for i := 0; i < n; i++ {
		idx[i] = i
	}
	for i := 1; i < n; i++ { // insertion sort: a handful of values
		for j := i; j > 0 && offs[idx[j]] < offs[idx[j-1]]; j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	for i := 0; i < n; i++ {
		k := idx[i]
		cps[k], obs[k] = m.point(offs[k], ends[k])
	}
}

// squeezeSpaces removes the spaces that stand next to a Chinese character
// (一 百 五 十, 7 万5 千, 百 分 之 2.4): Chinese has no spaces between words,
// so these are typesetting, and the readers see the figure whole. Spaces
// between two digits or two Latin words stay. It returns t unchanged and a
// nil map when there is nothing to remove.
func squeezeSpaces(t string) (string, []int) {
	drop := func(i int) bool {
		if t[i] != ' ' {
			return false
		}
		j := i
		for j < len(t) && t[j] == ' ' {
			j++
		}
		k := i
		for k > 0 && t[k-1] == ' ' {
			k--
		}
		if k == 0 || j == len(t) {
			return false
		}
		a, _ := utf8.DecodeLastRuneInString(t[:k])
		b, _ := utf8.DecodeRuneInString(t[j:])
		return isHan(a) && (isHan(b) || b < utf8.RuneSelf && (isDigit(byte(b)) || b == '.')) ||
			isHan(b) && a < utf8.RuneSelf && (isDigit(byte(a)) || a == '%')
	}
	any := false
	for i := strings.IndexByte(t, ' '); i >= 0 && i < len(t); {
		if drop(i) {
			any = true
			break
		}
		j := strings.IndexByte(t[i+1:], ' ')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if !any {
		return t, nil
	}
	b := make([]byte, 0, len(t))
	sq := make([]int, 0, len(t)+1)
	for i := 0; i < len(t); i++ {
		if t[i] == ' ' && drop(i) {
			continue
		}
		b = append(b, t[i])
		sq = append(sq, i)
	}
	sq = append(sq, len(t))
	return string(b), sq
}

// clauseCommas turns the full-width commas of the original that separate
// clauses, not thousands, into ';' in the folded text. NFKC folds '，' to
// ',', and "$20，300美圆" names two prices while "82，225.00元" is one: a
// full-width comma between ASCII digits is a thousands separator only
// before a decimal part or among ASCII separators; between full-width
// digits (４，５６５) it always is.
func clauseCommas(orig, t string, fold *corpus.Folded) string {
	var b []byte
	m := newMapper(orig, fold)
	// commaInRun: a comma stands earlier in the run of digits and commas
	// that reaches i (kept as a running flag, so the scan stays linear on
	// long chains such as 1234567，1234567，...)
	commaInRun := false
	for i := 1; i+1 < len(t); i++ {
		if c := t[i-1]; !isDigit(c) && c != ',' {
			commaInRun = false
		} else if c == ',' {
			commaInRun = true
		}
		if t[i] != ',' || !isDigit(t[i-1]) || !isDigit(t[i+1]) {
			continue
		}
		r := m.origRune(i)
		if r != '，' {
			continue
		}
		if d := m.origRune(i - 1); d >= '０' && d <= '９' {
			continue
		}
		j := i + 1
		for j < len(t) && isDigit(t[j]) {
			j++
		}
		sep := j-i-1 == 3 && j+1 < len(t) && t[j] == '.' && isDigit(t[j+1])
		if commaInRun || j < len(t) && t[j] == ',' {
			sep = true
		}
		if sep {
			continue
		}
		if b == nil {
			b = []byte(t)
		}
		b[i] = ';'
	}
	if b == nil {
		return t
	}
	return string(b)
}

// origRune returns the rune of the original that produced byte b of the
// folded text.
func (m *mapper) origRune(b int) rune {
	if m.fold == nil {
		r, _ := utf8.DecodeRuneInString(m.orig[b:])
		return r
	}
	ob := m.byteOf(m.fold.Orig(b))
	r, _ := utf8.DecodeRuneInString(m.orig[ob:])
	return r
}

// mergeBounds joins a lower and an upper bound stated one after the other
// into a range: 大于10小于20, 1000以上，1500以下, more than 10 and less than
// 20, at most 100 and at least 20.
func mergeBounds(t string, out []found) []found {
	lower := func(q Qualifier) bool { return q == MoreThan || q == AtLeast }
	upper := func(q Qualifier) bool { return q == LessThan || q == AtMost }
	bounds := 0
	for i := range out {
		if lower(out[i].qual) || upper(out[i].qual) {
			bounds++
		}
	}
	if bounds < 2 {
		return out
	}
	var res []found
	for i := 0; i < len(out); i++ {
		a := out[i]
		if i+1 < len(out) {
			b := out[i+1]
			if a.max == nil && b.max == nil && a.kind == b.kind && (a.unit == "" || b.unit == "" || a.unit == b.unit) &&
				(lower(a.qual) && upper(b.qual) || upper(a.qual) && lower(b.qual)) &&
				a.outE <= b.outS && boundJoiner(t[a.outE:b.outS]) {
				lo, hi := a, b
				if upper(a.qual) {
					lo, hi = b, a
				}
				if lo.val.Cmp(hi.val) < 0 {
					m := a
					m.end, m.coreE, m.outE = b.end, b.coreE, b.outE
					m.val, m.max, m.qual = lo.val, hi.val, Range
					if m.unit == "" {
						m.unit = b.unit
					}
					res = append(res, m)
					i++
					continue
				}
			}
		}
		res = append(res, a)
	}
	return res
}

// boundJoiner reports whether the text between two bounds only joins them.
func boundJoiner(s string) bool {
	s = strings.TrimSpace(s)
	for _, w := range []string{"", "并", "且", "并且", "而", "又", ",", "，", "、", "的同时", "and", "but", "&"} {
		if s == w {
			return true
		}
	}
	return false
}

// circledNumber reports whether s is one enclosed number (① ⑴ ⒈), which
// bulletins use to number the items of a list.
func circledNumber(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && (r >= 0x2460 && r <= 0x249B || r >= 0x24EB && r <= 0x24FF || r >= 0x2776 && r <= 0x2793 || r >= 0x3251 && r <= 0x325F || r >= 0x32B1 && r <= 0x32BF)
}

// rateOrder puts the bases of a rate's unit in one order, the periods
// (data/rate_periods.tsv) last, so that the same rate written either way
// round has one unit: exports grouped by unit keep it together.
func rateOrder(k Kind, unit string) string {
	if k != Rate || strings.Count(unit, "/") < 2 {
		return unit
	}
	parts := strings.Split(unit, "/")
	bases := parts[1:]
	sort.SliceStable(bases, func(i, j int) bool { return !tbl.ratePeriod[bases[i]] && tbl.ratePeriod[bases[j]] })
	return strings.Join(parts, "/")
}
