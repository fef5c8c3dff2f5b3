package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"figures/segment"
)

// Context is the noun phrase a figure counts. A count is usually followed
// by its noun (50.25万残疾人, 502,500 disabled people); an amount, a rate or
// a figure at the end of a clause follows its noun (发放补贴4.39亿元,
// 志愿者646万人, subsidies of 439 million yuan).

const (
	maxCtxRunes = 14
	maxCtxWords = 6
)

// zhNounEnding returns the longest dictionary noun that t[b:e] ends with.
func zhNounEnding(t string, b, e int) (string, bool) {
	if w, ok := tbl.zhNounIx.suffixAt(t, e); ok && len(w) <= e-b {
		return w, true
	}
	return "", false
}

// zhSkipEnding returns the length of a skip word (达, 分别, 发放) that t[:e]
// ends with, or 0.
func zhSkipEnding(t string, e int) int {
	if w, ok := tbl.zhSkipIx.suffixAt(t, e); ok {
		return len(w)
	}
	return 0
}

// zhContext finds the context with the dictionaries alone (no gse words).
// The context before the figure never reaches before lo, where the claim
// before it ends.
func (s *scanner) zhContext(f *found, lo int) string {
	t := s.t
	if f.kind == Count {
		// a noun after the figure: 50.25万残疾人, 3800余名事实无人抚养儿童
		q := f.end
		best := -1
		for runes := 0; q < len(t) && runes < 8; runes++ {
			r, size := decodeFast(t, q)
			if !isHan(r) || r == '的' || r == '和' || r == '与' || r == '及' {
				break
			}
			if runes > 0 && zhSkipEnding(t, q) > 0 && best < 0 {
				break
			}
			q += size
			if _, ok := zhNounEnding(t, f.end, q); ok {
				best = q
			}
		}
		if best > 0 {
			f.ctxAfter = true
			return t[f.end:best]
		}
	}
	// the noun before the figure: 发放补贴4.39亿元, 注册志愿者646万人
	e := f.outS
	for i := 0; i < 4; i++ {
		k := zhSkipEnding(t, e)
		if k == 0 {
			break
		}
		e -= k
	}
	b := e
	if endsWith(t, e, "每") {
		return "" // 每户3-5万: per household, not what it counts
	}
	for runes := 0; b > lo && runes < maxCtxRunes-4; runes++ {
		r, size := decodeLastFast(t, b)
		if !isHan(r) || r == '的' || r == '为' || r == '和' || r == '与' || r == '及' || r == '或' {
			break
		}
		if b < e && zhSkipEnding(t, b) > 0 {
			break
		}
		b -= size
	}
	if strings.HasPrefix(t[b:e], "每") {
		return ""
	}
	return t[b:e]
}

// nounish reports whether a gse part-of-speech tag can be part of a noun
// phrase.
func nounish(pos string) bool {
	if pos == "" {
		return false
	}
	switch pos[0] {
	case 'n', 'j':
		return true
	}
	return pos == "vn" || pos == "an" || pos == "l" || pos == "i"
}

// stopWord reports whether a gse token ends a noun phrase.
func stopWord(w segment.Word) bool {
	if w.Pos == "" || w.Pos == "x" || w.Pos == "w" {
		r, _ := utf8.DecodeRuneInString(w.Text)
		return !isHan(r)
	}
	switch w.Pos[0] {
	case 'u', 'p', 'c', 'd', 'r', 'm', 'q', 'y', 'e', 'o', 'f', 't':
		return true
	}
	return tbl.zhSkip[w.Text]
}

// zhContextWords finds the context of claim c with gse's words.
//
// lo (a code point of the document) and loByte (a byte of the scanned text)
// are where the claim before this one ends: the context never reaches
// before them (100%、83.5%: the second has no context of the first's).
func (s *scanner) zhContextWords(f *found, c *Claim, words []segment.Word, lo, loByte int) {
	// first word at or after the claim's end, last word before its start
	// (words are in order: a binary search keeps a long sentence with many
	// figures linear rather than quadratic)
	i := sort.Search(len(words), func(k int) bool { return words[k].Start >= c.End })
	if f.kind == Count && i < len(words) {
		var b strings.Builder
		k := i
		for ; k < len(words) && k-i < maxCtxWords; k++ {
			w := words[k]
			if stopWord(w) {
				break
			}
			if !nounish(w.Pos) {
				// a verb inside the phrase only before a noun (事实无人抚养儿童)
				if k+1 >= len(words) || !nounish(words[k+1].Pos) || b.Len() == 0 {
					break
				}
			}
			b.WriteString(w.Text)
		}
		if b.Len() > 0 {
			c.Context = b.String()
			return
		}
	}
	j := sort.Search(len(words), func(k int) bool { return words[k].End > c.Outer.Start })
	j-- // the last word before the claim
	for j >= 0 && (tbl.zhSkip[words[j].Text] || words[j].Pos == "d" || words[j].Pos == "p" && words[j].Text != "的") {
		j--
	}
	var buf [maxCtxWords]segment.Word
	parts := buf[:0] // nearest first
	runes := 0
	for ; j >= 0 && len(parts) < maxCtxWords; j-- {
		w := words[j]
		if stopWord(w) || w.Start < lo {
			break // a stop word, or the claim before this one
		}
		n := utf8.RuneCountInString(w.Text)
		if runes+n > maxCtxRunes {
			break
		}
		runes += n
		parts = append(parts, w)
	}
	var b strings.Builder
	n := 0
	for _, w := range parts {
		n += len(w.Text)
	}
	b.Grow(n)
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i].Text)
	}
	c.Context = b.String()
	if c.Context == "" {
		c.Context = s.zhContext(f, loByte)
	}
}

// enContext finds the noun phrase of an English figure: the words after a
// count (502,500 disabled people), or the noun before "of" (subsidies of
// 439 million yuan).
func (s *scanner) enContext(f *found) string {
	t := s.t
	if f.kind == Count {
		q := f.end
		switch {
		case hasPrefixAt(t, q, "-plus"):
			q += len("-plus") // 2,000-plus volunteers
		case q < len(t) && t[q] == '+':
			q++
		}
		q0 := q
		var last int
		nw := 0
		for nw < maxCtxWords {
			r := q
			for r < len(t) && t[r] == ' ' {
				r++
			}
			if r < len(t) && t[r] == '-' {
				break
			}
			w, we := wordAt(t, r)
			for we+1 < len(t) && t[we] == '-' && isLetter(t[we+1]) {
				_, we = wordAt(t, we+1) // left-behind, long-term
				w = t[r:we]
			}
			if w == "" {
				break
			}
			lw := lower(w)
			if (lw == "and" || lw == "or") && nw == 1 && enJoinedNoun(t, q, we) {
				// urban and rural residents, district and county centres
				q = we
				continue
			}
			if tbl.enStop[lw] || tbl.enVerb[lw] {
				break
			}
			if len(lw) > 5 && strings.HasSuffix(lw, "ing") && !tbl.enIngNoun[lw] {
				// people living alone, couples taking part; but nursing beds
				break
			}
			if nw > 0 && len(lw) > 4 && strings.HasSuffix(lw, "ed") && !enNounFollows(t, we) {
				// a verb after the noun: households received the subsidy;
				// -ed words before a noun stay (registered volunteers)
				break
			}
			nw++
			last = we
			q = we
			if we < len(t) && t[we] == '\'' {
				break
			}
		}
		if nw > 0 {
			f.ctxAfter = true
			start := q0
			for start < len(t) && t[start] == ' ' {
				start++
			}
			return t[start:last]
		}
	}
	var wb [6]string
	if c := enSubjectContext(prevWords(&wb, t, f.outS, 6)); c != "" {
		return c
	}
	ws := prevWords(&wb, t, f.outS, 4)
	if len(ws) >= 2 && ws[0] == "of" {
		// the noun phrase before "of": subsidies of, donations of
		var parts []string
		for i, w := range ws[1:] {
			if tbl.enStop[w] || w == "total" || w == "sum" || w == "number" || i > 0 && tbl.enVerb[w] {
				break // received donations of: donations
			}
			parts = append([]string{w}, parts...)
		}
		return strings.Join(parts, " ")
	}
	return ""
}

// enSubjectContext finds the noun phrase of a figure stated as the value of
// its subject (nearest word first in ws): the number of licensed social
// workers reached 1,480; registered volunteers numbered 1.5 million.
func enSubjectContext(ws []string) string {
	i := 0
	if i < len(ws) && (ws[i] == "to" || ws[i] == "at") {
		i++ // rose to, stood at
	}
	if i >= len(ws) {
		return ""
	}
	switch ws[i] {
	case "reached", "was", "were", "stood", "totalled", "totaled", "hit", "exceeded", "rose", "increased", "grew", "fell", "dropped", "amounted", "came":
	case "numbered":
		// registered volunteers numbered 1.526 million
		var parts []string
		for _, w := range ws[i+1:] {
			if tbl.enStop[w] {
				break
			}
			parts = append([]string{w}, parts...)
		}
		return strings.Join(parts, " ")
	default:
		return ""
	}
	// the number of X <verb>
	for k := i + 2; k+1 < len(ws); k++ {
		if ws[k] == "of" && (ws[k+1] == "number" || ws[k+1] == "total") {
			parts := make([]string, 0, k-i-1)
			for j := k - 1; j > i; j-- {
				if tbl.enStop[ws[j]] {
					return ""
				}
				parts = append(parts, ws[j])
			}
			return strings.Join(parts, " ")
		}
	}
	return ""
}

// enJoinedNoun reports whether "and" or "or" at [a, e) (after one word at
// the start of a noun phrase, ending at a) joins two modifiers of one noun
// (urban and rural residents) rather than two figures or two nouns
// (155 collectives and 134 individuals, volunteers and social workers).
func enJoinedNoun(t string, a, e int) bool {
	// the word before: not a plural noun that counts on its own
	b := a
	for b > 0 && (isLetter(t[b-1]) || t[b-1] == '-') {
		b--
	}
	first := lower(t[b:a])
	if u := tbl.nouns["en"][first]; u != "" && strings.HasSuffix(first, "s") {
		return false
	}
	r := skipSpaces(t, e)
	w, _ := wordAt(t, r)
	if w == "" {
		return false
	}
	lw := lower(w)
	if tbl.enStop[lw] || enWordOf(w).role != enNone {
		return false
	}
	switch lw {
	case "more", "less", "fewer", "nearly", "almost", "over", "some", "around", "approximately", "roughly", "at", "up", "another":
		return false
	}
	return true
}

// enNounFollows reports whether the word after p can continue a noun
// phrase: a word that is neither a stop word, a number nor a pronoun.
func enNounFollows(t string, p int) bool {
	r := skipSpaces(t, p)
	w, _ := wordAt(t, r)
	if w == "" || r > p+1 {
		return false
	}
	lw := lower(w)
	if tbl.enStop[lw] || tbl.enVerb[lw] || enWordOf(w).role != enNone {
		return false
	}
	switch lw {
	case "their", "its", "his", "her", "them", "it", "they", "our", "we", "you", "your":
		return false
	}
	return true
}

// unitOfContext gives a count the unit of the noun it counts.
func unitOfContext(lang, ctx string) string {
	if ctx == "" {
		return ""
	}
	if lang == "zh" {
		// 床位总数9800张, 志愿者人数: the noun before a word for "number"
		for _, total := range []string{"", "总数", "總數", "数量", "數量", "总量", "總量", "人数", "人數", "数", "數"} {
			c := strings.TrimSuffix(ctx, total)
			if total != "" && len(c) == len(ctx) {
				continue
			}
			if n, ok := zhNounEnding(c, 0, len(c)); ok {
				return tbl.nouns["zh"][n]
			}
		}
		return ""
	}
	// the head noun is the last word
	i := strings.LastIndexByte(ctx, ' ')
	head := lower(ctx[i+1:])
	if u, ok := tbl.nouns["en"][head]; ok {
		return u
	}
	return ""
}
