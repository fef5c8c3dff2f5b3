package extract

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

func (s *scanner) scanEn() {
	t := s.t
	p := 0
	for p < len(t) {
		c := t[p]
		switch {
		case isDigit(c):
			p = s.claimEn(p)
		case c == '.' && p+1 < len(t) && isDigit(t[p+1]) && (p == 0 || !isAlnum(t[p-1]) && t[p-1] != '.'):
			p = s.claimEn(p)
		case isLetter(c):
			if !wordStart(t, p) {
				p++
				continue
			}
			w, we := wordAt(t, p)
			if we < len(t) && isDigit(t[we]) {
				p = s.skipCode(p)
				continue
			}
			if q := skipURL(t, p); q > p {
				p = q
				continue
			}
			if s.enWordTrigger(w, p, we) {
				p = s.claimEn(p)
				continue
			}
			p = we
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(t[p:])
			if s.lang == "en" && isZhStart(r) {
				// a Chinese numeral inside English text is read the Chinese way
				p = s.claimZh(p)
				continue
			}
			p += size
		default:
			p++
		}
	}
}

// enWordTrigger reports whether an English number may start at the word w.
func (s *scanner) enWordTrigger(w string, p, we int) bool {
	if len(w) > 12 {
		return false
	}
	if len(w) <= 2 && !(len(w) == 1 && (w[0]|0x20) == 'a' || len(w) == 2 && (w[0]|0x20) == 'a' && (w[1]|0x20) == 'n') {
		return false
	}
	lw := w
	if len(w) <= 2 {
		lw = lower(w)
	}
	if lw == "a" || lw == "an" {
		r, _ := nextToken(s.t, we)
		w2, _ := wordAt(s.t, r)
		e := enWordOf(w2)
		return e.role == enHundred || e.role == enScale || e.role == enDozen || e.role == enDenom || e.role == enHalf
	}
	e := enWordOf(w)
	switch e.role {
	case enUnit, enTens, enHalf, enApprox, enMult:
		return true
	case enDenom:
		// quarter million
		r, _ := nextToken(s.t, we)
		w2, _ := wordAt(s.t, r)
		return enWordOf(w2).role == enScale
	case enHundred, enScale, enDozen:
		return true // hundreds of, thousands of, dozens of
	}
	switch len(w) {
	case 5, 8, 9:
		lw = lower(w)
		return lw == "minus" || lw == "millions" || lw == "billions" || lw == "thousands" || lw == "negative"
	}
	return false
}

// prevWords returns up to k (at most 6) lower-case words before p, nearest
// first, stopping at punctuation other than a hyphen or apostrophe. The
// words are stored in dst, so that callers keep them on the stack.
func prevWords(dst *[6]string, t string, p, k int) []string {
	out := dst[:0]
	q := p
	for len(out) < k && len(out) < len(dst) {
		for q > 0 && t[q-1] == ' ' {
			q--
		}
		if q == 0 {
			break
		}
		e := q
		for q > 0 && (isLetter(t[q-1]) || t[q-1] == '.' && q-1 > 0 && isLetter(t[q-2]) && e-q < 4) {
			q--
		}
		if q == e {
			// a symbol word: $, %, €
			break
		}
		out = append(out, lower(t[q:e]))
	}
	return out
}

// phraseLookup looks up the k words of ws (nearest first) as one phrase in
// reading order ("more than") without building a string.
func phraseLookup[T any](m map[string]T, ws []string, k int) (T, bool) {
	var zero T
	if k > len(ws) || k == 0 {
		return zero, false
	}
	var buf [96]byte
	n := 0
	for i := k - 1; i >= 0; i-- {
		w := ws[i]
		if n+len(w)+1 > len(buf) {
			return zero, false
		}
		if i < k-1 {
			buf[n] = ' '
			n++
		}
		n += copy(buf[n:], w)
	}
	v, ok := m[string(buf[:n])]
	return v, ok
}

// wordsStart returns the byte where the k words before p begin.
func wordsStart(t string, p, k int) int {
	q := p
	for i := 0; i < k; i++ {
		for q > 0 && t[q-1] == ' ' {
			q--
		}
		for q > 0 && (isLetter(t[q-1]) || t[q-1] == '.' && q-1 > 0 && isLetter(t[q-2])) {
			q--
		}
	}
	return q
}

// enQualBefore finds a qualifier phrase ending at p (more than, about).
func enQualBefore(t string, p int) (Qualifier, int) {
	var wb [6]string
	ws := prevWords(&wb, t, p, 6)
	m := tbl.qual["en/before"]
	for k := min(len(ws), tbl.qualMax["en/before"]); k > 0; k-- {
		if q, ok := phraseLookup(m, ws, k); ok {
			return q, wordsStart(t, p, k)
		}
	}
	return "", p
}

// symQualBefore reads a comparison sign before p: > 10, >= 30, ≤ 100, < = 100.
func symQualBefore(t string, p int) (Qualifier, int) {
	q := p
	for q > 0 && t[q-1] == ' ' {
		q--
	}
	switch {
	case endsWith(t, q, "≥"):
		return AtLeast, q - len("≥")
	case endsWith(t, q, "≤"):
		return AtMost, q - len("≤")
	case endsWith(t, q, "="):
		r := q - 1
		for r > 0 && t[r-1] == ' ' {
			r--
		}
		switch {
		case r > 0 && t[r-1] == '>':
			return AtLeast, r - 1
		case r > 0 && t[r-1] == '<':
			return AtMost, r - 1
		}
	case endsWith(t, q, ">") && !endsWith(t, q, "<>") && !endsWith(t, q, "=>"):
		return MoreThan, q - 1
	case endsWith(t, q, "<"):
		return LessThan, q - 1
	}
	return "", p
}

// enChangeBefore finds a change verb before p (fell 2.1%, rose by 3%, down
// 5%, a decrease of 3,000) and returns its direction. A figure after "to" is
// the new level and after "from" the old one: both keep their sign.
func enChangeBefore(t string, p int) int {
	var wb [6]string
	ws := prevWords(&wb, t, p, 6)
	i := 0
	// fillers between the verb and the figure
	for i < len(ws) {
		switch ws[i] {
		case "by", "of", "average", "an", "a", "about", "around", "nearly", "almost", "some", "approximately", "roughly", "more", "than", "over", "respectively", "further", "sharply", "slightly", "year-on-year", "total":
			i++
			continue
		}
		break
	}
	if i < len(ws) && (ws[i] == "to" || ws[i] == "from") {
		return 0
	}
	m := tbl.change["en"]
	for k := tbl.changeMax["en"]; k > 0; k-- {
		if i+k > len(ws) {
			continue
		}
		if d, ok := phraseLookup(m, ws[i:], k); ok {
			return d
		}
	}
	return 0
}

// fromLevelUnit returns the unit of the claim that ends right before p
// (where "to" starts) when it was the old level of "from X to Y": the new
// level (cut from 20 working days to 12) states the same unit.
func (s *scanner) fromLevelUnit(p int) (unitEntry, bool) {
	if len(s.out) == 0 {
		return unitEntry{}, false
	}
	prev := s.out[len(s.out)-1]
	if prev.max != nil || strings.TrimSpace(s.t[min(prev.end, p):p]) != "" {
		return unitEntry{}, false
	}
	var wb [6]string
	if ws := prevWords(&wb, s.t, prev.start, 1); len(ws) == 0 || ws[0] != "from" {
		return unitEntry{}, false
	}
	var kind string
	switch prev.kind {
	case Money, Measure:
		if prev.unit == "" {
			return unitEntry{}, false
		}
		kind = string(prev.kind)
	case Percent:
		kind = "percent"
	case PercentPoints:
		kind = "percent_points"
	default:
		return unitEntry{}, false
	}
	return unitEntry{kind: kind, unit: prev.unit}, true
}

// enLevelChange reports whether a change verb stands among the words of the
// clause before p (rose, was raised, were cut by an average): "from X to Y"
// after it states two levels, the old and the new, not a range.
func enLevelChange(t string, p int) bool {
	var wb [6]string
	ws := prevWords(&wb, t, p, 6)
	m := tbl.change["en"]
	for i := range ws {
		for k := min(tbl.changeMax["en"], len(ws)-i); k > 0; k-- {
			if _, ok := phraseLookup(m, ws[i:], k); ok {
				return true
			}
		}
	}
	return false
}

// enCurrencyBefore finds a currency written before p ($, US$, HK$ , RMB,
// EUR, ¥). It returns the unit and where it starts.
func enCurrencyBefore(t string, p int) (unitEntry, int) {
	q := p
	for q > 0 && t[q-1] == ' ' && p-q < 2 {
		q--
	}
	if q == 0 {
		return unitEntry{}, p
	}
	if c := t[q-1]; c < utf8.RuneSelf && !isLetter(c) && c != '$' && c != '.' {
		return unitEntry{}, p
	}
	best := unitEntry{}
	bs := p
	var buf [24]byte
	// try suffixes of up to 24 bytes of t[:q] that start a token
	for k := 1; k <= len(buf) && k <= q; k++ {
		b := q - k
		if !utf8.RuneStart(t[b]) || b > 0 && isLetter(t[b-1]) && isLetter(t[b]) {
			continue
		}
		for i := 0; i < k; i++ {
			c := t[b+i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if u, ok := tbl.enCurPrefix[string(buf[:k])]; ok {
			best, bs = u, b
		}
	}
	return best, bs
}

// enUnitAfter returns the longest English unit starting at p (after
// optional spaces or a hyphen): "yuan", "square metres", "per cent", "%".
func enUnitAfter(t string, p int) (unitEntry, int, int) {
	q := p
	attached := true
	for q < len(t) && t[q] == ' ' && q-p < 2 {
		q++
		attached = false
	}
	if q < len(t) && t[q] == '-' && q+1 < len(t) && isLetter(t[q+1]) {
		q++ // 3-inch, six-mile
	}
	if q >= len(t) {
		return unitEntry{}, 0, 0
	}
	// symbols: %, €, ¢, °C
	if !isLetter(t[q]) {
		r, size := utf8.DecodeRuneInString(t[q:])
		switch r {
		case '%', '‰', '€', '¢', '₡', '₾', '₭', '元':
			u := tbl.enUnits[string(r)]
			if r == '%' && !attached && q-p > 1 {
				break
			}
			return u, q, q + size
		case 'μ':
			w, we := wordAt(t, q+size)
			if u, ok := tbl.enUnits["μ"+lower(w)]; ok {
				return u, q, we
			}
		case '°':
			w, we := wordAt(t, q+size)
			if u, ok := tbl.enUnits["°"+lower(w)]; ok {
				return u, q, we
			}
		case '$':
			// 10$ has its currency after the number, unless another
			// amount follows ($ 20,000.00 $ 37,305.97)
			r2 := q + 1
			for r2 < len(t) && t[r2] == ' ' {
				r2++
			}
			if r2 < len(t) && isDigit(t[r2]) {
				break
			}
			return unitEntry{kind: "money", unit: "dollar"}, q, q + 1
		case 'ர':
			if hasPrefixAt(t, q, "ரூ") {
				return tbl.enUnits["ரூ"], q, q + len("ரூ")
			}
		}
		return unitEntry{}, 0, 0
	}
	// multiword units, longest first
	var idx [8]int // word end positions
	n := 0
	r := q
	for n < tbl.enUnitWords && n < len(idx) {
		w, we := wordAt(t, r)
		if w == "" {
			break
		}
		if we+1 < len(t) && t[we] == '-' && isLetter(t[we+1]) {
			// person-times, but 12-cent-a-share
			_, he := wordAt(t, we+1)
			if _, ok := tbl.enUnits[lower(t[q:he])]; ok && n == 0 {
				return tbl.enUnits[lower(t[q:he])], q, he
			}
		}
		// allow a dotted abbreviation (l.e., u.s.) and km/h, km^2
		for we < len(t) && (t[we] == '.' && we+1 < len(t) && isLetter(t[we+1]) || t[we] == '/' && we+1 < len(t) && isLetter(t[we+1]) || t[we] == '^' && we+1 < len(t) && isDigit(t[we+1])) {
			_, we2 := wordAt(t, we+1)
			if t[we] == '^' {
				we2 = we + 2
			}
			we = we2
		}
		if we < len(t) && isDigit(t[we]) && !(we+1 <= len(t) && (t[we] == '2' || t[we] == '3') && (we+1 == len(t) || !isAlnum(t[we+1]))) {
			break
		}
		if we < len(t) && (t[we] == '2' || t[we] == '3') && (we+1 == len(t) || !isAlnum(t[we+1])) {
			we++ // km2, m2
		}
		idx[n] = we
		n++
		if we >= len(t) || t[we] != ' ' {
			break
		}
		r = we + 1
	}
	// a currency code with its dollar sign after the number: 3.14US$
	if n == 1 && idx[0] < len(t) && t[idx[0]] == '$' {
		if u, ok := tbl.enUnits[lower(t[q:idx[0]+1])]; ok {
			return u, q, idx[0] + 1
		}
	}
	for k := n; k > 0; k-- {
		e := idx[k-1]
		key := lower(t[q:e])
		if u, ok := tbl.enUnits[key]; ok {
			// single letters (m, t, g, l) and "in" only right after digits
			if len(key) <= 2 && !attached {
				switch key {
				case "st", "nd", "rd", "th", "mu", "ha", "cr", "l", "b":
					continue
				case "m", "t", "g":
					// 1 m, 278,000 t: a unit only where no word follows
					if e < len(t) && (isLetter(t[e]) || t[e] == '.' && e+1 < len(t) && isLetter(t[e+1])) {
						continue
					}
					if r := skipSpaces(t, e); r < len(t) && isLetter(t[r]) {
						w, _ := wordAt(t, r)
						if !tbl.enStop[lower(w)] {
							continue
						}
					}
				}
			}
			if u.kind == "ordinal" && !attached {
				continue
			}
			return u, q, e
		}
	}
	return unitEntry{}, 0, 0
}

// enMonthNear reports whether a month name stands right before or after the
// number [p, e): January 24, 24 January, Jan. 24.
func enMonthNear(t string, p, e int) bool {
	var wb [6]string
	ws := prevWords(&wb, t, p, 2)
	if len(ws) > 0 && isMonth(t, wordsStart(t, p, 1), ws[0]) {
		return true
	}
	if len(ws) > 1 && ws[0] == "the" && isMonth(t, wordsStart(t, p, 2), ws[1]) {
		return false
	}
	q := e
	for q < len(t) && t[q] == ' ' {
		q++
	}
	if q < len(t) && t[q] == '-' {
		q++
	}
	if q > e || true {
		if w, _ := wordAt(t, q); w != "" && isMonth(t, q, lower(w)) {
			return true
		}
	}
	return false
}

// isMonth reports whether the word w at p names a month. May and March are
// months only when capitalised.
func isMonth(t string, p int, w string) bool {
	w = strings.TrimSuffix(w, ".")
	if !tbl.months[w] && !tbl.months[w+"."] {
		return false
	}
	if w == "may" || w == "march" || w == "mar" {
		return p < len(t) && t[p] >= 'A' && t[p] <= 'Z'
	}
	return true
}

// enNameAt returns the end of a name that starts with a number at p (two
// subsidies, the Five-Year Plan), or p.
func enNameAt(t string, p int) int {
	e := p
	var b strings.Builder
	for i := 0; i < tbl.enNameMax; i++ {
		r := e
		if i > 0 {
			r = skipSpaces(t, e)
			if r < len(t) && t[r] == '-' {
				r++
			}
		}
		q := r
		for q < len(t) && (isAlnum(t[q]) || t[q] == '-' && q+1 < len(t) && isLetter(t[q+1])) {
			q++
		}
		if q == r {
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(lower(t[r:q]))
		e = q
		if tbl.enName[b.String()] {
			return e
		}
	}
	return p
}

// capitalName reports whether the number word at [p, e) is capitalised
// inside a sentence and followed by a capitalised word: part of a name
// (the 14th Five-Year Plan, Six Sigma).
func capitalName(t string, p, e int) bool {
	if p >= len(t) || t[p] < 'A' || t[p] > 'Z' {
		return false
	}
	q := p
	for q > 0 && t[q-1] == ' ' {
		q--
	}
	if q == 0 || strings.ContainsRune(".!?:\"“(", rune(t[q-1])) {
		return false
	}
	r := e
	if r < len(t) && t[r] == '-' {
		r++
	} else {
		r = skipSpaces(t, r)
	}
	return r < len(t) && t[r] >= 'A' && t[r] <= 'Z'
}

func (s *scanner) claimEn(p int) int {
	t := s.t
	if e := enNameAt(t, p); e > p {
		return e
	}
	w, we := wordAt(t, p)
	lw := lower(w)
	// signs written as words
	if lw == "minus" || lw == "negative" {
		r, _ := nextToken(t, we)
		n := readEn(t, r)
		if n == nil || r == we {
			return we
		}
		n.val = new(big.Rat).Neg(n.val)
		return s.buildEn(n, p, true)
	}
	if w != "" {
		e := tbl.enNum[lw]
		if e.role == enMult {
			if s.inQuote(p, we) {
				return we
			}
			if lw == "twice" || lw == "thrice" {
				// twice as many, twice the number; but twice a year
				w2, _ := wordAt(t, skipSpaces(t, we))
				switch lower(w2) {
				case "as", "the", "that", "what", "its", "their":
				default:
					return we
				}
			}
			s.add(found{start: p, end: we, coreS: p, coreE: we, kind: Multiple, val: ratInt(e.val)})
			return we
		}
		if v, end, ok := enVague(t, p); ok {
			if s.inQuote(p, end) {
				return end // "warming thousands of families": a slogan
			}
			f := found{start: p, end: end, coreS: p, coreE: end, kind: Count, val: v, qual: Approx}
			f.ctx = s.enContext(&f)
			s.add(f)
			return end
		}
	}
	n := readEn(t, p)
	if n == nil {
		if we > p {
			return we
		}
		if isDigit(t[p]) {
			return codeRunEnd(t, p) // a run too long to be a figure
		}
		return p + 1
	}
	return s.buildEn(n, p, false)
}

// enVague reads an order of magnitude: tens of thousands, hundreds of,
// thousands of, millions of, dozens of.
func enVague(t string, p int) (*big.Rat, int, bool) {
	w, we := wordAt(t, p)
	lw := lower(w)
	var v int64
	switch lw {
	case "tens":
		v = 10
	case "dozens":
		v = 12
	case "hundreds":
		v = 100
	case "thousands":
		v = 1000
	case "millions":
		v = 1000000
	case "billions":
		v = 1000000000
	default:
		return nil, 0, false
	}
	r, _ := nextToken(t, we)
	w2, e2 := wordAt(t, r)
	if lower(w2) != "of" {
		return nil, 0, false
	}
	end := e2
	// tens of thousands (of)
	r2, _ := nextToken(t, e2)
	w3, e3 := wordAt(t, r2)
	switch lower(w3) {
	case "thousands":
		v *= 1000
		end = e3
	case "millions":
		v *= 1000000
		end = e3
	case "billions":
		v *= 1000000000
		end = e3
	}
	if end == e2 {
		end = we // "hundreds" of people: the figure is the word itself
	}
	return ratInt(v), end, true
}

// buildEn turns the English number n (at p, the claim's start) into a claim.
func (s *scanner) buildEn(n *number, p int, neg bool) int {
	t := s.t
	next := max(n.end, p+1)
	f := found{start: p, end: n.end, coreS: n.start, coreE: n.end, val: n.val, kind: Count}
	if !neg {
		if b := signBefore(t, n.start); b < n.start {
			neg = true
			f.start, f.coreS = b, b
			f.val = new(big.Rat).Neg(f.val)
		}
	}
	// --- codes, dates, ordinals
	if n.dotted || n.lead0 && n.intDigits >= 5 || n.lead0 && n.intDigits >= 3 && areaCode(t, n.start, n.end) {
		return codeRunEnd(t, n.start)
	}
	if n.digits && n.start > 0 && isLetter(t[n.start-1]) {
		q := n.start
		for q > 0 && isLetter(t[q-1]) {
			q--
		}
		if _, ok := tbl.enCurPrefix[lower(t[q:n.start])]; !ok {
			return next
		}
	}
	if n.digits && !n.words {
		// SCP-173, I7-860: a letter and a hyphen before the digits
		if f.start == n.start && n.start >= 2 && t[n.start-1] == '-' && isLetter(t[n.start-2]) {
			return next
		}
		if codeAfter(t, n.end, "en") {
			return next
		}
		b, a := joinedGroups(t, n.start, n.end, '-')
		if b+a >= 2 || (b+a == 1 && (n.lead0 || n.intDigits >= 5)) {
			return codeRunEnd(t, n.start)
		}
		b, a = joinedGroups(t, n.start, n.end, '/')
		if b+a >= 1 && !n.frac {
			return codeRunEnd(t, n.start)
		}
		if v, e, isTime := readRatio(t, n); isTime {
			return e
		} else if v != nil {
			f.end, f.coreE, f.kind, f.val = e, e, Ratio, v
			s.finishEn(&f, n)
			return e
		}
		if n.start > 0 && (t[n.start-1] == '+' || t[n.start-1] == '#') {
			return next // +1 phone codes, #5
		}
	}
	if s.inQuote(n.start, n.end) {
		return next
	}
	if f.start == n.start && s.listMarker(n.start, n.end, n.val) {
		return next // 1. Improve the system; (2) Strengthen
	}
	var wb [6]string
	ws := prevWords(&wb, t, f.start, 3)
	if len(ws) > 0 && (tbl.enBefore[ws[0]] || len(ws) > 1 && tbl.enBefore[ws[1]+" "+ws[0]]) && n.digits {
		return codeRunEnd(t, n.start)
	}
	if b := skipPunctBack(t, f.start); b < f.start && n.digits {
		// The hotline, 12345, ...; Tel: 023 ...
		var cb [6]string
		if cw := prevWords(&cb, t, b, 2); len(cw) > 0 && (tbl.enBefore[cw[0]] || len(cw) > 1 && tbl.enBefore[cw[1]+" "+cw[0]]) {
			return codeRunEnd(t, n.start)
		}
	}
	if n.digits && enCodeChain(t, f.start) {
		return codeRunEnd(t, n.start) // call 110 or 120
	}
	// 24/7, 7×24: round the clock
	if n.digits && (t[n.start:n.end] == "24/7" || timesPair(t, n.end) > 0) {
		return max(next, timesPair(t, n.end))
	}
	// the 12345 hotline, dial 12349: public service telephone numbers
	if n.plain && n.digits && !n.words && enHotline(t, n.end, n.val) {
		return next
	}
	// for every 1,000 elderly people, per 10,000 residents: the base of a rate
	if len(ws) > 0 && (ws[0] == "every" || ws[0] == "per") && powerOfTen(n.val) && !n.frac {
		return next
	}
	if len(ws) > 0 && tbl.enRank[ws[0]] {
		return next
	}
	if n.digits && n.plain && (n.intDigits <= 2 || n.intDigits == 4) && enMonthNear(t, n.start, n.end) {
		return next // January 24, 24 January 2022
	}

	// one in five residents: a share of 20%
	if v, e, ok := oneIn(t, n); ok {
		f.end, f.coreE, f.kind, f.val = e, e, Percent, v
		s.finishEn(&f, n)
		return e
	}
	q := n.end
	// --- the unit
	u, us, ue := enUnitAfter(t, q)
	if ue > 0 {
		switch u.kind {
		case "ordinal", "date", "session":
			return ue
		case "time":
			return ue
		}
		if u.unit == "metre" && strings.HasPrefix(t[us:ue], "m") && n.digits && ue-us == 1 && us == q && !n.scaled {
			// 1.8m: a metre, but "1m" alone is ambiguous with a million
		}
		q = ue
	}
	// the three quarter, 3 quarters: quarters of a year (a fraction of a
	// whole reads "three quarters of" and was read above)
	if ue == 0 && !n.frac {
		if w, _ := wordAt(t, skipSpaces(t, n.end)); w != "" && (lower(w) == "quarter" || lower(w) == "quarters") {
			return next
		}
	}
	// nine consecutive years, three straight months: a duration
	if ue == 0 && !n.frac {
		if w, we := wordAt(t, skipSpaces(t, n.end)); w != "" {
			switch lower(w) {
			case "consecutive", "successive", "straight":
				if w2, _ := wordAt(t, skipSpaces(t, we)); lower(w2) == "quarter" || lower(w2) == "quarters" {
					return next // three consecutive quarters: a period, as 季度
				}
				if u2, _, ue2 := enUnitAfter(t, we); ue2 > 0 && u2.kind == "measure" && isDuration(u2.unit) {
					u, ue = u2, ue2
					q = ue
				}
			}
		}
	}
	// the first two months, the first 10 days: a period (前两个月), not a
	// duration that is claimed
	if ue > 0 && u.kind == "measure" && isDuration(u.unit) && len(ws) > 0 && ws[0] == "first" {
		return ue
	}
	// a three-year action plan (三年行动计划): the name of a plan
	if ue > 0 && u.kind == "measure" && u.unit == "year" {
		if w, _ := wordAt(t, skipSpaces(t, ue)); tbl.enPlan[lower(w)] {
			return ue
		}
	}
	// "times" is a multiple before a comparison (1.5 times as much, three
	// times higher), otherwise a count of occurrences (0.21 times).
	if ue > 0 && u.unit == "time" {
		r, _ := nextToken(t, q)
		w2, _ := wordAt(t, r)
		switch lower(w2) {
		case "as", "more", "higher", "larger", "greater", "bigger", "that", "those", "what", "the", "over", "than", "faster", "lower", "smaller":
			u = unitEntry{kind: "multiple"}
		}
	}
	// an age: aged 60, at the age of 80
	if ue == 0 && len(ws) > 0 && (ws[0] == "aged" || ws[0] == "age" && len(ws) > 1 && ws[1] == "of") && n.digits {
		u, ue = unitEntry{kind: "measure", unit: "year_of_age"}, -1
	}
	// the new level of "from 20 working days to 12" has the unit of the old
	if ue == 0 && len(ws) > 0 && ws[0] == "to" {
		if pu, ok := s.fromLevelUnit(wordsStart(t, f.start, 1)); ok {
			u, ue = pu, -1
		}
	}
	// a currency before the number
	cur, cs := enCurrencyBefore(t, f.start)
	if cs < s.lastEnd {
		cs = f.start
	}
	if cs < f.start && (ue == 0 || u.kind == "money" || u.kind == "count") {
		if ue > 0 && u.kind == "money" && u.unit != cur.unit && u.unit != "dollar" {
			// 10 us dollar after $: keep the more specific
		}
		if ue == 0 || u.kind != "money" {
			u = cur
			if ue == 0 {
				ue = -1
			}
		} else if u.unit == "dollar" && cur.unit != "dollar" {
			u.unit = cur.unit
		}
		f.start = cs
	}
	// a multiplier after a currency word: 75 USD million
	if ue > 0 && u.kind == "money" {
		if m, me, ok := multAfterWord(t, q); ok {
			f.val = ratMul(f.val, m)
			q = me
		}
	}
	if u.mult != nil {
		f.val = new(big.Rat).Mul(f.val, u.mult)
	}
	if ue != 0 {
		if ue > 0 {
			f.end = q
		}
		f.kind = u.claimKind()
		f.unit = u.unit
	}
	// the minor unit of an amount: 20 dollars 43 cents, 3 GBP 1 pence
	if f.kind == Money {
		if v, e := enMinorUnit(t, f.end); e > f.end {
			f.val = new(big.Rat).Add(f.val, v)
			f.end = e
		}
	}
	// a rate: 2637 yuan per person per month, $15.4/hour
	if f.kind == Money || f.kind == Measure {
		if unit, e := enRate(t, f.end, f.unit); e > f.end {
			f.kind, f.unit, f.end = Rate, unit, e
		}
	}
	// (0571) 87651234: seven or more bare digits that count nothing are a
	// telephone number; English writes counts that large with commas
	if n.plain && n.intDigits >= 7 && ue == 0 && cs == f.start && !neg && !s.whole(f.start, f.end) && !enCountNounAfter(t, n.end) {
		return next
	}
	// --- years: a bare four-digit number from 1800 to 2100
	if n.plain && n.intDigits == 4 && !neg && ue == 0 && yearLike(n.val) && cs == f.start && !s.whole(f.start, f.end) {
		if enYear(t, n.start, n.end) {
			return s.skipYearRange(n.end)
		}
	}
	// --- a range: 3 to 5 million, 10-20 dollars, between 20 and 30
	if e, ok := s.enRange(&f, n, ue > 0, u); ok {
		f.qual = Range
		s.finishEn(&f, n)
		return e
	}
	if n.frac && !n.mixed {
		if ue == 0 || u.kind == "count" && u.unit == "" {
			f.kind = Percent
			f.val = ratMul(f.val, 100)
			f.unit = ""
		}
	}
	// --- words that are not figures on their own
	if n.words && !n.digits && capitalName(t, n.start, n.end) {
		return next
	}
	// the first three quarters (of the year), the second half of 2021: a
	// period, not a share
	if n.frac && enPeriodFraction(t, n, ws) {
		return next
	}
	if n.words && !n.digits && !s.whole(f.start, f.end) {
		if n.one && ue == 0 && !neg && !enCountNounAfter(t, n.end) {
			return next // "the one you mentioned", "one of"
		}
		if n.frac && !n.scaled && ue == 0 {
			// half: only "half of", "more than half", "a half", "one half"
			lw := lower(t[n.start:min(n.end, n.start+4)])
			if lw == "half" && n.end-n.start == 4 {
				r, _ := nextToken(t, n.end)
				w2, _ := wordAt(t, r)
				ok := lower(w2) == "of"
				if len(ws) > 0 {
					switch ws[0] {
					case "than", "nearly", "almost", "about", "around", "over", "roughly", "just", "exactly", "some":
						ok = true
					}
				}
				if !ok {
					return next
				}
			}
		}
	}
	if e := restated(t, f.end, f.val, "en"); e > f.end {
		f.end = e
	}
	s.finishEn(&f, n)
	return max(f.end, next)
}

// restated returns the end of a figure repeated in parentheses right after
// the one ending at p, with the same value: forty-five (45), 45 (forty
// five), 五 (5); p when there is none.
func restated(t string, p int, v *big.Rat, lang string) int {
	q := p
	for q < len(t) && t[q] == ' ' {
		q++
	}
	if q >= len(t) || t[q] != '(' {
		return p
	}
	var m *number
	if lang == "zh" {
		m = readZh(t, q+1)
	} else {
		m = readEn(t, q+1)
	}
	if m == nil || m.end >= len(t) || t[m.end] != ')' || m.val.Cmp(v) != 0 {
		return p
	}
	return m.end + 1
}

// skipPunctBack skips spaces and one comma or colon before p.
func skipPunctBack(t string, p int) int {
	q := p
	for q > 0 && t[q-1] == ' ' {
		q--
	}
	if q > 0 && (t[q-1] == ',' || t[q-1] == ':') {
		return q - 1
	}
	return p
}

// yearLike reports whether v could be a year (1800 to 2100).
func yearLike(v *big.Rat) bool {
	return intIn(v, 1800, 2100)
}

// enMinorUnit reads the cents of an amount after its major unit: "43
// cents", "and forty-two cents", "1 pence", "4 kopiykas". It returns the
// value in major units and the end, or p when there is none.
func enMinorUnit(t string, p int) (*big.Rat, int) {
	r, _ := nextToken(t, p)
	if w, we := wordAt(t, r); lower(w) == "and" {
		r, _ = nextToken(t, we)
	}
	if r >= len(t) || r == p {
		return nil, p
	}
	m := readEn(t, r)
	if m == nil || !m.val.IsInt() || m.val.Sign() <= 0 || m.val.Cmp(ratInt(100)) >= 0 || m.scaled || m.frac {
		return nil, p
	}
	u, _, ue := enUnitAfter(t, m.end)
	if ue == 0 || u.kind != "money" {
		return nil, p
	}
	switch u.unit {
	case "cent", "pence", "sen", "uah_kopiyka":
		return new(big.Rat).Quo(m.val, ratInt(100)), ue
	}
	return nil, p
}

// skipYearRange returns where a year (and a year range: 2012-13, 2021-2025)
// ends.
func (s *scanner) skipYearRange(e int) int {
	t := s.t
	if e+1 < len(t) && (t[e] == '-' || hasPrefixAt(t, e, "–")) {
		q := e + 1
		if t[e] != '-' {
			q = e + len("–")
		}
		r := q
		for r < len(t) && isDigit(t[r]) {
			r++
		}
		if r-q == 2 || r-q == 4 {
			return r
		}
	}
	return e
}

// enYear decides whether the bare four-digit number [p, e), from 1800 to
// 2100, is a year or a count. Bulletins, machine-translated ones above all,
// write counts of thousands without a comma (built 1950 beds, more than
// 2000 community centres), so the words around the number decide:
//
//   - a year after in, since, by, from, for, until, during, the year,
//     compared with ... (but "a total of 2050 households" and "meals for
//     2000 residents" count), after another
//     year (from 2019 to 2021, in 2019 and 2021), before a noun a year
//     names (the 2021 plan, 2022 work report), a verb whose subject is a
//     year (2021 was), a capitalised name (the 2022 Guangzhou conference)
//     or a possessive;
//   - a count before any other noun (2050 households, 1913 social
//     organizations, 1750 of them), except after a determiner (the 2021
//     achievements) unless the noun is one that counts (the 2000
//     volunteers);
//   - with no noun after it (a comma, the end of the sentence), a count
//     after a count verb or qualifier (reached 1990, more than 2000), else
//     a year (an increase over 2016).
func enYear(t string, p, e int) bool {
	var wb [6]string
	ws := prevWords(&wb, t, p, 6)
	for k := min(len(ws), tbl.enYearCtxMax); k > 0; k-- {
		if _, ok := phraseLookup(tbl.enYearCtx, ws, k); !ok {
			continue
		}
		if (ws[0] == "of" || ws[0] == "for") && (enCountBeforeAt(ws) || enCountNounAfter(t, e)) {
			break // a total of 2050 households, meals for 2000 residents
		}
		return true
	}
	// a second year: from 2019 to 2021, in 2019 and 2021, 2019 or 2020
	if len(ws) > 0 {
		switch ws[0] {
		case "to", "and", "or", "through", "till", "until":
			b := wordsStart(t, p, 1)
			for b > 0 && t[b-1] == ' ' {
				b--
			}
			a := b
			for a > 0 && isDigit(t[a-1]) {
				a--
			}
			if b-a == 4 && (a == 0 || !isAlnum(t[a-1]) && t[a-1] != ',' && t[a-1] != '.') {
				if v, ok := new(big.Rat).SetString(t[a:b]); ok && yearLike(v) {
					return true
				}
			}
		}
	}
	determiner := false
	if len(ws) > 0 {
		switch ws[0] {
		case "the", "this", "that", "its", "their", "our", "his", "her", "whose", "s":
			determiner = true
		}
	}
	r := e
	for r < len(t) && t[r] == ' ' {
		r++
	}
	if r < len(t) && (t[r] == '\'' || hasPrefixAt(t, r, "’")) && r == e {
		return true // 2021's
	}
	if r < len(t) && isLetter(t[r]) {
		w, we := wordAt(t, r)
		lw := lower(w)
		if tbl.enYearAfter[lw] || tbl.enYearVerb[lw] || enYearNounPhrase(t, r) {
			return true // the 2021 plan, 2024 civil affairs work conference
		}
		if lw == "of" {
			// 1750 of them, 2000 of whom: part of a whole
			r2 := skipSpaces(t, we)
			w2, _ := wordAt(t, r2)
			switch lower(w2) {
			case "them", "whom", "which", "these", "those", "us", "all":
				return false
			}
		}
		counts := enCountNounAfter(t, e)
		if t[r] >= 'A' && t[r] <= 'Z' && !counts {
			return true // the 2022 Guangzhou Civil Affairs conference
		}
		if !tbl.enStop[lw] && !tbl.months[lw] {
			return determiner && !counts
		}
	}
	return !enCountBeforeAt(ws)
}

// enPeriodFraction reports whether the fraction n names a part of a year:
// after first, last, past, second ... (the first three quarters, the latter
// half), before "of" and a year (three quarters of this year, half of
// 2021), or quarters without "of" after a determiner (the three quarter).
func enPeriodFraction(t string, n *number, ws []string) bool {
	if len(ws) > 0 {
		switch ws[0] {
		case "first", "last", "past", "second", "third", "latter", "previous", "next", "coming", "final", "remaining", "recent":
			return true
		}
	}
	tail := lower(t[n.start:n.end])
	quarter := strings.HasSuffix(tail, "quarter") || strings.HasSuffix(tail, "quarters")
	half := strings.HasSuffix(tail, "half")
	if !quarter && !half {
		return false
	}
	r := skipSpaces(t, n.end)
	w, we := wordAt(t, r)
	if lower(w) != "of" {
		// 3 quarters, the three quarters: periods; "accounting for three
		// quarters" is a share of a whole left unsaid
		return quarter && (isDigit(t[n.start]) || len(ws) > 0 && (ws[0] == "the" || ws[0] == "this" || ws[0] == "these"))
	}
	r = skipSpaces(t, we)
	w, we = wordAt(t, r)
	switch lower(w) {
	case "the", "this", "last", "that", "next":
		r = skipSpaces(t, we)
		w, _ = wordAt(t, r)
	}
	switch lower(w) {
	case "year", "fiscal", "calendar":
		return true
	}
	if r+4 <= len(t) && isDigit(t[r]) && isDigit(t[r+1]) && isDigit(t[r+2]) && isDigit(t[r+3]) && (r+4 == len(t) || !isAlnum(t[r+4])) {
		return true // half of 2021
	}
	return false
}

// areaCode reports whether the digits [p, e), which start with a zero, are
// a telephone area code: in parentheses, or before a hyphen or another
// group of digits ((0571) 8765 1234, 023-63891234, 0571 8765).
func areaCode(t string, p, e int) bool {
	if p > 0 && t[p-1] == '(' && e < len(t) && t[e] == ')' {
		return true
	}
	if e+1 < len(t) && t[e] == '-' && isDigit(t[e+1]) {
		return true
	}
	return e+4 < len(t) && t[e] == ' ' && isDigit(t[e+1]) && isDigit(t[e+2]) && isDigit(t[e+3]) && isDigit(t[e+4])
}

// oneIn reads "one in N" (1 in 5, one in ten) after the number n, a share
// of 100/N percent. It returns the share and where N ends.
func oneIn(t string, n *number) (*big.Rat, int, bool) {
	r := skipSpaces(t, n.end)
	if !hasPrefixAt(t, r, "in ") || n.frac || !intIn(n.val, 1, 1) {
		return nil, 0, false
	}
	m := readEn(t, skipSpaces(t, r+3))
	if m == nil || m.frac || !intIn(m.val, 2, 1000) ||
		m.plain && m.intDigits == 4 {
		return nil, 0, false
	}
	if u, _, ue := enUnitAfter(t, m.end); ue > 0 && u.kind != "count" {
		return nil, 0, false // one in 10 days
	}
	return new(big.Rat).Quo(ratInt(100), m.val), m.end, true
}

// enNumberAt reports whether a number (digits or a number word) starts at p.
func enNumberAt(t string, p int) bool {
	if p >= len(t) {
		return false
	}
	if isDigit(t[p]) {
		return true
	}
	w, _ := wordAt(t, p)
	return enWordOf(w).role != enNone
}

// enCodeChain reports whether the number at p follows, after "or", "and"
// or a comma, a number that a code word introduced (call 110 or 120; Tel:
// 6389 1234, 6389 1235).
func enCodeChain(t string, p int) bool {
	q := p
	for i := 0; i < 3; i++ {
		for q > 0 && t[q-1] == ' ' {
			q--
		}
		switch {
		case q > 0 && (t[q-1] == ',' || t[q-1] == '/'):
			q--
		case endsWith(t, q, " or") || endsWith(t, q, " and"):
			q = wordsStart(t, q, 1)
		default:
			return false
		}
		for q > 0 && t[q-1] == ' ' {
			q--
		}
		b := q
		for b > 0 && (isDigit(t[b-1]) || t[b-1] == '-') {
			b--
		}
		if b == q {
			return false
		}
		q = b
		var wb [6]string
		if ws := prevWords(&wb, t, skipPunctBack(t, q), 2); len(ws) > 0 && (tbl.enBefore[ws[0]] || len(ws) > 1 && tbl.enBefore[ws[1]+" "+ws[0]]) {
			return true
		}
	}
	return false
}

// enHotline reports whether the plain number v ending at e names a
// telephone hotline: "hotline" follows within two words (the 12345 hotline,
// 12345 citizen hotline), or it is a five-digit public service number
// 123xx (12345, 12349) with no noun that it counts after it.
func enHotline(t string, e int, v *big.Rat) bool {
	q := e
	for i := 0; i < 3; i++ {
		r := skipSpaces(t, q)
		w, we := wordAt(t, r)
		if w == "" {
			break
		}
		switch lower(w) {
		case "hotline", "hotlines", "helpline":
			return true
		}
		q = we
	}
	return intIn(v, 12300, 12399) && !enCountNounAfter(t, e)
}

// enYearNounPhrase reports whether the noun phrase starting at p (up to
// five words, to a stop word or punctuation) holds a noun a year names:
// (2024) civil affairs work conference, (2023) annual work report.
func enYearNounPhrase(t string, p int) bool {
	q := p
	for i := 0; i < 5; i++ {
		w, we := wordAt(t, q)
		if w == "" {
			return false
		}
		lw := lower(w)
		if tbl.enStop[lw] || tbl.enYearVerb[lw] || tbl.enVerb[lw] {
			return false
		}
		if i > 0 && tbl.enYearAfter[lw] {
			return true
		}
		if we >= len(t) || t[we] != ' ' {
			return false
		}
		q = we + 1
	}
	return false
}

// enCountBeforeAt reports whether the words before a number (nearest
// first) end with a count verb or qualifier (reached, more than, a total of).
func enCountBeforeAt(ws []string) bool {
	for k := min(len(ws), tbl.enCountBeforeMax); k > 0; k-- {
		if _, ok := phraseLookup(tbl.enCountBefore, ws, k); ok {
			return true
		}
	}
	return false
}

// enCountNounAfter reports whether a noun that makes a count (people,
// households, beds) follows the number within three words.
func enCountNounAfter(t string, p int) bool {
	q := p
	for i := 0; i < 3; i++ {
		r, _ := nextToken(t, q)
		w, we := wordAt(t, r)
		if w == "" {
			return false
		}
		lw := lower(w)
		if _, ok := tbl.nouns["en"][lw]; ok {
			return true
		}
		if tbl.enStop[lw] {
			return false
		}
		q = we
	}
	return false
}

// multAfterWord reads a multiplier after a currency word (75 USD million).
func multAfterWord(t string, p int) (int64, int, bool) {
	r, _ := nextToken(t, p)
	w, we := wordAt(t, r)
	if e := enWordOf(w); e.role == enScale {
		return e.val, we, true
	}
	return 0, 0, false
}

// enRate reads "per person per month", "a share", "/hour" after a unit.
func enRate(t string, p int, unit string) (string, int) {
	e := p
	out := unit
	for i := 0; i < 3; i++ {
		q := e
		for q < len(t) && t[q] == ' ' {
			q++
		}
		switch {
		case q < len(t) && t[q] == '/':
			q++
			for q < len(t) && t[q] == ' ' {
				q++ // 1120 yuan / person / month
			}
		case hasPrefixAt(t, q, "per "):
			q += 4
		default:
			return out, e
		}
		w, we := wordAt(t, q)
		if w == "" {
			return out, e
		}
		lw := lower(w)
		name := lw
		if u, ok := tbl.enUnits[lw]; ok && u.unit != "" {
			name = u.unit
		} else if u, ok := tbl.nouns["en"][lw]; ok && u != "" {
			name = u
		}
		out += "/" + name
		e = we
	}
	return out, e
}

// enRange reads the second end of a range after n (and its unit): 3 to 5
// million, 10-20 dollars, 20~100; or the whole of "between 20 and 30".
func (s *scanner) enRange(f *found, n *number, hasUnit bool, u unitEntry) (int, bool) {
	t := s.t
	q := f.end
	var wb [6]string
	ws := prevWords(&wb, t, f.start, 1)
	between := len(ws) > 0 && ws[0] == "between"
	r := q
	for r < len(t) && t[r] == ' ' {
		r++
	}
	conn := 0
	switch {
	case r < len(t) && (t[r] == '-' || t[r] == '~'):
		conn = 1
	case hasPrefixAt(t, r, "–") || hasPrefixAt(t, r, "—") || hasPrefixAt(t, r, "～"):
		_, conn = utf8.DecodeRuneInString(t[r:])
	case hasPrefixAt(t, r, "to ") || hasPrefixAt(t, r, "through "):
		if len(ws) > 0 && ws[0] == "from" && enLevelChange(t, wordsStart(t, f.start, 1)) {
			// from 200 to 300 after a change verb is two levels
			return 0, false
		}
		conn = strings.IndexByte(t[r:], ' ')
	case between && hasPrefixAt(t, r, "and "):
		conn = 3
	}
	if conn == 0 {
		return 0, false
	}
	r2 := r + conn
	for r2 < len(t) && t[r2] == ' ' {
		r2++
	}
	start2 := r2
	// a currency may repeat: $10-$20
	if cu, ce := enCurrencyPrefixAt(t, r2); ce > r2 && (f.kind == Money || !hasUnit) {
		_ = cu
		r2 = ce
	}
	neg2 := false
	if r2 < len(t) && t[r2] == '-' && r2+1 < len(t) && isDigit(t[r2+1]) {
		neg2 = true
		r2++
	}
	m := readEn(t, r2)
	if m == nil || m.dotted || m.frac != n.frac {
		return 0, false
	}
	if neg2 {
		m.val = new(big.Rat).Neg(m.val)
	}
	if n.plain && m.plain && n.intDigits == 4 && (m.intDigits == 4 || m.intDigits == 2) && yearLike(n.val) {
		return 0, false // 2012-13, 2021-2025: years
	}
	_ = start2
	lo := new(big.Rat).Set(f.val)
	hi := new(big.Rat).Set(m.val)
	e := m.end
	u2, _, ue2 := enUnitAfter(t, e)
	if ue2 > 0 {
		switch u2.kind {
		case "ordinal", "date", "time", "session":
			return 0, false
		}
		e = ue2
	}
	if hasUnit && ue2 > 0 && (u2.kind != u.kind || u2.unit != u.unit) {
		return 0, false
	}
	// the multiplier of the second end applies to the first: 3 to 5 million
	if !n.scaled && m.bigMult > 0 {
		if x := ratMul(lo, m.bigMult); x.Cmp(hi) < 0 {
			lo = x
		}
	}
	if lo.Sign() < 0 && hi.Sign() < 0 && lo.Cmp(hi) > 0 {
		lo, hi = hi, lo // from -18 °C to -34 °C
	}
	if lo.Cmp(hi) >= 0 {
		return 0, false
	}
	unit := u
	if !hasUnit {
		unit = u2
		if ue2 == 0 {
			unit = unitEntry{}
		}
	}
	if !hasUnit && ue2 == 0 && f.kind == Money {
		unit = unitEntry{kind: "money", unit: f.unit}
	}
	if between {
		f.start = wordsStart(t, f.start, 1)
	}
	f.val, f.max = lo, hi
	f.end, f.coreE = e, m.end
	f.kind = unit.claimKind()
	f.unit = unit.unit
	return e, true
}

// enCurrencyPrefixAt reads a currency prefix at p ($, US$, RMB ).
func enCurrencyPrefixAt(t string, p int) (unitEntry, int) {
	for k := min(6, len(t)-p); k > 0; k-- {
		if u, ok := tbl.enCurPrefix[lower(t[p:p+k])]; ok {
			e := p + k
			if isLetter(t[e-1]) && e < len(t) && isLetter(t[e]) {
				continue
			}
			for e < len(t) && t[e] == ' ' {
				e++
			}
			return u, e
		}
	}
	return unitEntry{}, p
}

// finishEn attaches qualifiers, the sign of a change and the context.
func (s *scanner) finishEn(f *found, n *number) {
	t := s.t
	if q, qs := enQualBefore(t, f.start); q != "" {
		if f.qual == "" || f.qual == Exact {
			f.qual = q
		}
		f.outS = qs
	} else if q, qs := symQualBefore(t, f.start); q != "" {
		if f.qual == "" || f.qual == Exact {
			f.qual = q
		}
		f.outS = qs
	} else {
		f.outS = f.start
	}
	// after: or more, plus
	r, _ := nextToken(t, f.end)
	ws := make([]string, 0, 2)
	e := r
	for i := 0; i < 2; i++ {
		w, we := wordAt(t, e)
		if w == "" {
			break
		}
		ws = append(ws, lower(w))
		e = we
		for e < len(t) && t[e] == ' ' {
			e++
		}
	}
	f.outE = f.end
	if len(ws) == 2 {
		if q, ok := tbl.qual["en/after"][ws[0]+" "+ws[1]]; ok && !enNumberAt(t, e) {
			// 60 and above; but above 1000 and below 1500 is a range
			if f.qual == "" || f.qual == Exact || f.qual == Approx {
				f.qual = q
			}
			f.outE = strings.LastIndex(t[:e], ws[1]) + len(ws[1])
		}
	}
	if f.end < len(t) && t[f.end] == '+' {
		if f.qual == "" || f.qual == Exact {
			f.qual = MoreThan
		}
		f.outE = f.end + 1
	} else if hasPrefixAt(t, f.end, "-plus") && (f.end+5 == len(t) || !isLetter(t[f.end+5])) {
		if f.qual == "" || f.qual == Exact {
			f.qual = MoreThan // 2,000-plus volunteers
		}
		f.outE = f.end + len("-plus")
	}
	if f.val.Sign() > 0 && enChangeBefore(t, f.outS) < 0 {
		if f.max != nil {
			lo, hi := f.val, f.max
			f.val, f.max = new(big.Rat).Neg(hi), new(big.Rat).Neg(lo)
		} else {
			f.val = new(big.Rat).Neg(f.val)
		}
	}
	f.ctx = s.enContext(f)
	s.add(*f)
}
