package extract

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// scanner reads one sentence (already folded) and collects its claims.
type scanner struct {
	t           string
	lang        string
	quotes      [][2]int // byte ranges of short quotations: names, slogans
	first, last int      // first and past-last non-space bytes
	out         []found
	lastEnd     int // where the last claim ends: prefixes never reach before it
	quotesDone  bool
	num         number // storage for the number being read (see claimZh)
	phone       int8   // whether the sentence speaks of telephones: 0 unknown, 1 yes, -1 no
}

func (s *scanner) prepare() {
	t := s.t
	s.first = 0
	for s.first < len(t) && isSpaceByte(t[s.first]) {
		s.first++
	}
	s.last = len(t)
	for s.last > s.first && isSpaceByte(t[s.last-1]) {
		s.last--
	}
	// trailing sentence punctuation does not count against a whole-text figure
	for s.last > s.first {
		r, size := decodeLastFast(t, s.last)
		switch r {
		case '。', '.', '！', '!', '？', '?', '；', ';', '，', ',', '、', ' ':
		default:
			return
		}
		s.last -= size
	}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Quotations of at most this many code points (or English words) are read
// as names or slogans: “十四五”, “一门受理、协同办理”, "two subsidies".
const (
	maxQuoteRunes = 12
	maxQuoteWords = 5
)

func (s *scanner) findQuotes() {
	t := s.t
	open := -1
	var closeR rune
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		if open < 0 {
			switch r {
			case '“':
				open, closeR = i+size, '”'
			case '「':
				open, closeR = i+size, '」'
			case '『':
				open, closeR = i+size, '』'
			case '《':
				open, closeR = i+size, '》'
			case '‘':
				open, closeR = i+size, '’'
			case '"':
				open, closeR = i+size, '"'
			}
		} else if r == closeR {
			inner := t[open:i]
			n := utf8.RuneCountInString(inner)
			if n > 0 && (n <= maxQuoteRunes || s.lang == "en" && strings.Count(strings.TrimSpace(inner), " ")+1 <= maxQuoteWords) {
				s.quotes = append(s.quotes, [2]int{open, i})
			}
			open = -1
		}
		i += size
	}
}

func (s *scanner) inQuote(p, e int) bool {
	if !s.quotesDone {
		s.quotesDone = true
		t := s.t
		if strings.IndexByte(t, '"') >= 0 || strings.Contains(t, "“") || strings.Contains(t, "「") ||
			strings.Contains(t, "『") || strings.Contains(t, "《") || strings.Contains(t, "‘") {
			s.findQuotes()
		}
	}
	for _, q := range s.quotes {
		if p >= q[0] && e <= q[1] {
			// a quotation that holds nothing but the figure quotes a figure
			if strings.TrimSpace(s.t[q[0]:p]) == "" && !hasLetterOrHan(s.t[e:q[1]]) {
				return false
			}
			return true
		}
	}
	return false
}

func hasLetterOrHan(x string) bool {
	for _, r := range x {
		if r < utf8.RuneSelf && isLetter(byte(r)) || isHan(r) {
			return true
		}
	}
	return false
}

// whole reports whether [p, e) is all the sentence's text: a figure on its
// own (a table cell, a heading) is read even where running text would not
// count it (一只, 十).
func (s *scanner) whole(p, e int) bool { return p <= s.first && e >= s.last }

// endsWith reports whether t[:p] ends with w.
func endsWith(t string, p int, w string) bool {
	return p >= len(w) && t[p-len(w):p] == w
}

// lastRune returns the rune before p and its size.
func lastRune(t string, p int) (rune, int) {
	return decodeLastFast(t, p)
}

func runeAt(t string, p int) (rune, int) {
	if p >= len(t) {
		return 0, 0
	}
	return decodeFast(t, p)
}

func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r == '〇'
}

// add records a claim.
func (s *scanner) add(f found) {
	if f.qual == "" {
		f.qual = Exact
	}
	if f.outS == 0 && f.outE == 0 {
		f.outS, f.outE = f.start, f.end
	}
	f.outS = min(f.outS, f.start)
	f.outE = max(f.outE, f.end)
	if s.out == nil {
		s.out = make([]found, 0, 4)
	}
	s.out = append(s.out, f)
	s.lastEnd = max(s.lastEnd, f.end)
}

// codeRunEnd returns the end of the run of digits and code punctuation
// (192.168.1.2, 5/17/2018, 023-6789-1234) that contains p.
func codeRunEnd(t string, p int) int {
	q := p
	for {
		for q < len(t) && (isAlnum(t[q]) || (t[q] == '.' || t[q] == '/' || t[q] == '-' || t[q] == ':') && q+1 < len(t) && isDigit(t[q+1])) {
			q++
		}
		// a phone number goes on in groups after a space: 023-6389 1234
		if q+4 <= len(t) && t[q] == ' ' && isDigit(t[q+1]) && isDigit(t[q+2]) && isDigit(t[q+3]) &&
			(strings.ContainsAny(t[p:q], "-") || t[p] == '0' && q-p >= 3) {
			q++
			continue
		}
		return q
	}
}

// skipURL skips a URL, e-mail address or file name starting at p and
// returns the position after it, or p when there is none.
func skipURL(t string, p int) int {
	rest := t[p:]
	if !(strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://") || strings.HasPrefix(rest, "www.") ||
		strings.HasPrefix(rest, "ftp://")) {
		return p
	}
	q := p
	for q < len(t) && t[q] > ' ' && t[q] < utf8.RuneSelf {
		q++
	}
	return q
}

// skipCode skips a run of letters, digits and code punctuation that starts
// with a letter (ICP12345, LGA1156, A2021-07, v2.0.1, i7-860BOX) and
// returns its end. Currency codes before digits (USD115, RMB300) are left
// to the number reader: the returned position is then at the digits.
func (s *scanner) skipCode(p int) int {
	t := s.t
	if q := skipURL(t, p); q > p {
		return q
	}
	q := p
	for q < len(t) && isLetter(t[q]) {
		q++
	}
	if q < len(t) && isDigit(t[q]) {
		w := strings.ToLower(t[p:q])
		if _, ok := tbl.enCurPrefix[w]; ok {
			return q
		}
		for q < len(t) && (isAlnum(t[q]) || (t[q] == '-' || t[q] == '.' || t[q] == '_' || t[q] == '/') && q+1 < len(t) && isAlnum(t[q+1])) {
			q++
		}
		return q
	}
	// e-mail addresses
	if q < len(t) && t[q] == '@' {
		for q < len(t) && t[q] > ' ' && t[q] < utf8.RuneSelf {
			q++
		}
	}
	return q
}

// codeAfter reports whether the digits ending at e continue as a code:
// letters that are not a unit or multiplier (11a, 24703L202, 860BOX), or
// further digit groups joined by - / . (2022-01-24, +1-222-2222, 1.2.3).
func codeAfter(t string, e int, lang string) bool {
	if e >= len(t) {
		return false
	}
	if isLetter(t[e]) {
		q := e
		for q < len(t) && isLetter(t[q]) {
			q++
		}
		if q < len(t) && isDigit(t[q]) {
			// m2, km3 end a unit; 24703m212 is a code
			if (t[q] == '2' || t[q] == '3') && (q+1 == len(t) || !isAlnum(t[q+1])) {
				if _, ok := tbl.enUnits[strings.ToLower(t[e:q+1])]; ok {
					return false
				}
			}
			return true
		}
		w := t[e:q]
		if q < len(t) && t[q] == '$' {
			if _, ok := tbl.enUnits[strings.ToLower(t[e:q+1])]; ok {
				return false // 3.14US$
			}
		}
		if _, ok := lookupMult(lang, w, true); ok {
			return false
		}
		if u, ok := tbl.enUnits[strings.ToLower(w)]; ok && u.kind != "" {
			return false
		}
		if _, ok := tbl.zhUnits[w]; ok {
			return false
		}
		if _, ok := tbl.enCurPrefix[strings.ToLower(w)]; ok {
			return false // 115USD
		}
		return true
	}
	return false
}

// joinedGroups counts the digit groups joined by sep around the number
// [p, e) (2022-01-24 has three groups joined by '-').
func joinedGroups(t string, p, e int, sep byte) (before, after int) {
	q := e
	for q+1 < len(t) && t[q] == sep && isDigit(t[q+1]) {
		q++
		for q < len(t) && isDigit(t[q]) {
			q++
		}
		after++
	}
	q = p
	for q-2 >= 0 && t[q-1] == sep && isDigit(t[q-2]) {
		q--
		for q > 0 && isDigit(t[q-1]) {
			q--
		}
		before++
	}
	return
}

// signBefore returns the start of a minus sign written right before p (负,
// -, −), or p when there is none. A hyphen after a letter or digit is not a
// sign (SCP-173, 3-5).
func signBefore(t string, p int) int {
	if endsWith(t, p, "负") || endsWith(t, p, "負") {
		return p - len("负")
	}
	if endsWith(t, p, "零下") {
		return p - len("零下") // 零下四摄氏度: below zero
	}
	q := p
	for q > 0 && t[q-1] == ' ' && q > p-2 {
		q--
	}
	if q < p {
		// "- 1,200,000": a sign apart from its digits only at the start
		r := q - 1
		if r < 0 || t[r] != '-' || strings.TrimSpace(t[:r]) != "" && t[r-1] != '(' {
			q = p
		}
	}
	if q > 0 && (t[q-1] == '-' || endsWith(t, q, "−")) {
		sz := 1
		if t[q-1] != '-' {
			sz = len("−")
		}
		b := q - sz
		if b == 0 {
			return b
		}
		r, _ := lastRune(t, b)
		if r == ' ' || r == '(' || r == '（' || r == '：' || r == ':' || r == '$' || r == '，' || r == ',' || r == '<' || r == '>' || r == '=' || isHan(r) && r != '至' && r != '到' {
			if r == '$' {
				return p
			}
			return b
		}
	}
	return p
}

// zhUnitAt returns the longest Chinese unit at p. Latin-letter units match
// in any case (168CM).
func zhUnitAt(t string, p int) (unitEntry, int) {
	if p >= len(t) {
		return unitEntry{}, 0
	}
	if !isLetter(t[p]) {
		if w, ok := tbl.zhUnitIx.prefixAt(t, p); ok {
			return tbl.zhUnits[w], p + len(w)
		}
		return unitEntry{}, 0
	}
	// Latin-letter units match in any case (168CM) and end at a word boundary
	maxEnd := min(len(t), p+tbl.zhUnitMax)
	for e := maxEnd; e > p; e-- {
		if e < len(t) && !utf8.RuneStart(t[e]) {
			continue
		}
		if u, ok := tbl.zhUnits[lower(t[p:e])]; ok {
			if isLetter(t[e-1]) && e < len(t) && isLetter(t[e]) {
				continue
			}
			return u, e
		}
	}
	return unitEntry{}, 0
}

func lookupMult(lang, w string, attached bool) (multEntry, bool) {
	m := tbl.enMult
	if lang == "zh" {
		m = tbl.zhMult
	}
	if e, ok := m[w]; ok && e.caseSens {
		return e, true
	}
	if e, ok := m[strings.ToLower(w)]; ok && !e.caseSens {
		if e.attached && !attached {
			return e, false
		}
		return e, true
	}
	return multEntry{}, false
}

// ratio reads "a:b" at [n.start, ...]: 1:0.81. It returns the claim and
// whether the colon is a clock time instead.
func readRatio(t string, n *number) (*big.Rat, int, bool) {
	e := n.end
	if e+1 >= len(t) || t[e] != ':' || !isDigit(t[e+1]) || !n.digits {
		return nil, 0, false
	}
	a := readArabic(t, e+1, false)
	b := a.rat()
	if b == nil || n.val.Sign() == 0 {
		return nil, 0, false
	}
	// 10:30 is a time: an hour, two digits of minutes.
	if n.plain && n.intDigits <= 2 && !a.point && a.intDigits == 2 && !a.sep {
		h := n.val.Num().Int64()
		mnt := b.Num().Int64()
		if h <= 24 && mnt < 60 {
			return nil, a.end, true
		}
	}
	return new(big.Rat).Quo(b, n.val), a.end, false
}

// decodeFast decodes the rune at t[p], with a fast path for the three-byte
// sequences of CJK text.
func decodeFast(t string, p int) (rune, int) {
	c := t[p]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c&0xF0 == 0xE0 && p+2 < len(t) && t[p+1]&0xC0 == 0x80 && t[p+2]&0xC0 == 0x80 {
		r := rune(c&0x0F)<<12 | rune(t[p+1]&0x3F)<<6 | rune(t[p+2]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(t[p:])
}

// decodeLastFast decodes the rune ending at t[p-1], with a fast path for
// three-byte sequences.
func decodeLastFast(t string, p int) (rune, int) {
	if p <= 0 {
		return 0, 0
	}
	c := t[p-1]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if p >= 3 && t[p-3]&0xF0 == 0xE0 && t[p-2]&0xC0 == 0x80 && c&0xC0 == 0x80 {
		r := rune(t[p-3]&0x0F)<<12 | rune(t[p-2]&0x3F)<<6 | rune(c&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeLastRuneInString(t[:p])
}

// listMarker reports whether the number [p, e) of value v numbers an item
// of a list at the start of a sentence or clause: 1. 2、 3) (4) （十二）
// 十一、, not a figure.
func (s *scanner) listMarker(p, e int, v *big.Rat) bool {
	t := s.t
	if !intIn(v, 1, 99) {
		return false
	}
	b := p
	open := false
	switch {
	case b > 0 && (t[b-1] == '(' || t[b-1] == '['):
		open, b = true, b-1
	case endsWith(t, b, "（"):
		open, b = true, b-len("（")
	case endsWith(t, b, "【"):
		open, b = true, b-len("【")
	}
	for b > 0 && t[b-1] == ' ' {
		b--
	}
	if b > 0 {
		r, _ := lastRune(t, b)
		if !strings.ContainsRune("。；;：:，,！!？?.", r) {
			return false
		}
	}
	r, size := runeAt(t, e)
	if open {
		return r == ')' || r == '）' || r == ']' || r == '】'
	}
	next, _ := runeAt(t, e+size)
	switch r {
	case ')', '）':
		return true
	case '、':
		return isHan(next) || next < utf8.RuneSelf && isLetter(byte(next))
	case '.', '．':
		return isHan(next) || next == ' '
	}
	return false
}
