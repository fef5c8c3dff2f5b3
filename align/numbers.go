package align

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"figures/corpus"
)

// Numbers are the strongest evidence that two sentences are translations,
// and the most dangerous (a shared "1" or "2021" proves little). The aligner
// reads its own anchors from the sentence text rather than relying only on
// the extractor's claims: years, months and days are not claims but are good
// anchors, and the anchors must not depend on every claim being read right.

// anchorNum is one normalised number in a sentence.
type anchorNum struct {
	key string  // "v:439000000", "m:12" (month), "d:24" (day of month)
	w   float64 // evidence weight before document-frequency damping
	val decimal // the absolute value of a "v:" anchor (val.ok), exact
}

var (
	zhScales = []struct {
		s   string
		exp int
	}{{"万亿", 12}, {"千亿", 11}, {"百亿", 10}, {"千万", 7}, {"百万", 6}, {"亿", 8}, {"万", 4}, {"千", 3}}
	enScales = map[string]int{"thousand": 3, "million": 6, "mln": 6, "mn": 6, "billion": 9, "bn": 9, "trillion": 12}
	months   = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
		"apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
)

// nextNumber finds the next number at or after byte i of t: digits,
// groups of a comma and three digits, and a decimal part (the regular
// expression \d+(?:,\d{3})*(?:\.\d+)?, leftmost and greedy). It returns
// -1, -1 when there is none.
func nextNumber(t string, i int) (int, int) {
	for i < len(t) && !isDigit(t[i]) {
		i++
	}
	if i == len(t) {
		return -1, -1
	}
	start := i
	for i < len(t) && isDigit(t[i]) {
		i++
	}
	for i+3 < len(t) && t[i] == ',' && isDigit(t[i+1]) && isDigit(t[i+2]) && isDigit(t[i+3]) {
		i += 4
	}
	if i+1 < len(t) && t[i] == '.' && isDigit(t[i+1]) {
		i += 2
		for i < len(t) && isDigit(t[i]) {
			i++
		}
	}
	return start, i
}

// scanNumbers reads the anchor numbers of a sentence read with grammar lang.
// Values are kept as decimals (digits and a power of ten): every scale word
// is a power of ten, so no arithmetic is needed.
func scanNumbers(text, lang string) []anchorNum {
	t := foldText(text)
	var out []anchorNum
	for pos := 0; ; {
		m0, m1 := nextNumber(t, pos)
		if m0 < 0 {
			break
		}
		pos = m1
		if m0 > 0 && (isASCIILetter(t[m0-1]) || t[m0-1] == '.') {
			continue // "COVID-19" is a name, "v2.1" a version
		}
		raw := t[m0:m1]
		if strings.IndexByte(raw, ',') >= 0 {
			raw = strings.ReplaceAll(raw, ",", "")
		}
		v := decimalOf(raw)
		if !v.ok {
			continue
		}
		rest := t[m1:]
		if lang == "zh" {
			switch {
			case strings.HasPrefix(rest, "月") && v.isInt() && v.int64() >= 1 && v.int64() <= 12:
				out = append(out, anchorNum{key: "m:" + raw, w: 0.5})
				continue
			case (strings.HasPrefix(rest, "日") || strings.HasPrefix(rest, "号")) && v.isInt() && v.int64() <= 31:
				if v.int64() >= 10 {
					out = append(out, anchorNum{key: "d:" + raw, w: 0.5})
				}
				continue
			}
			for _, sc := range zhScales {
				if strings.HasPrefix(rest, sc.s) {
					v = v.shift(sc.exp)
					break
				}
			}
		} else {
			word := strings.ToLower(firstWord(strings.TrimLeft(rest, " ")))
			if sc, ok := enScales[word]; ok {
				v = v.shift(sc)
			} else if mo := monthBefore(t[:m0]); mo > 0 && v.isInt() && v.int64() <= 31 {
				if v.int64() >= 10 {
					out = append(out, anchorNum{key: "d:" + raw, w: 0.5})
				}
				continue
			}
		}
		out = append(out, numAnchor(v))
	}
	if lang != "zh" {
		out = append(out, monthAnchors(t)...)
	}
	return out
}

// foldText is corpus.Fold(s).Text. Fold works rune by rune, so a text
// whose every rune folds to itself (ASCII, Chinese characters and the
// common Chinese punctuation, that is most bulletins) is its own fold, and
// is returned without building the offset map Fold makes.
func foldText(s string) string {
	for _, r := range s {
		if r < utf8.RuneSelf || r >= 0x4E00 && r <= 0x9FFF {
			continue
		}
		if r == utf8.RuneError || !foldStable(r) {
			return corpus.Fold(s).Text
		}
	}
	return s
}

// foldStable reports whether corpus.Fold leaves r as it is, for the runes
// of the blocks of general and CJK punctuation and full-width forms (a
// table made on first use); any other rune is taken as unstable, which only
// costs a call to Fold.
func foldStable(r rune) bool {
	t := foldTable()
	switch {
	case r >= 0x2000 && r < 0x3100:
		return t[r-0x2000]
	case r >= 0xFE00 && r <= 0xFFFF:
		return t[0x1100+r-0xFE00]
	}
	return false
}

var foldTable = sync.OnceValue(func() []bool {
	t := make([]bool, 0x1100+0x200)
	for r := rune(0x2000); r < 0x3100; r++ {
		t[r-0x2000] = corpus.Fold(string(r)).Text == string(r)
	}
	for r := rune(0xFE00); r <= 0xFFFF; r++ {
		t[0x1100+r-0xFE00] = corpus.Fold(string(r)).Text == string(r)
	}
	return t
})

// numAnchor weighs a value: numbers under 10 say almost nothing (list
// markers, "2 districts"), two-digit numbers a little, the rest a lot.
func numAnchor(v decimal) anchorNum {
	a := anchorNum{key: v.key(), val: v}
	switch {
	case v.isInt() && v.intDigits() < 2:
		a.w = 0
	case v.isInt() && v.intDigits() < 3:
		a.w = 0.5
	default:
		a.w = 1
	}
	return a
}

// variantKeys returns the keys of the values a translator's typical slip
// turns v into: a factor of 10, 100 or 10,000 either way (万 read as
// thousand, 亿 as billion, 万 forgotten) and two adjacent digits swapped.
func variantKeys(v decimal) []string {
	if !v.ok || v.intDigits() < 3 {
		return nil // under 100
	}
	var out []string
	for _, k := range []int{1, 2, 4} {
		out = append(out, v.shift(k).key(), v.shift(-k).key())
	}
	s := v.String()
	b := []byte(s)
	for i := 0; i+1 < len(b); i++ {
		if b[i] != b[i+1] && isDigit(b[i]) && isDigit(b[i+1]) {
			b[i], b[i+1] = b[i+1], b[i]
			if b[0] != '0' {
				out = append(out, "v:"+string(b))
			}
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
	return out
}

func isDigit(b byte) bool       { return '0' <= b && b <= '9' }
func isASCIILetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

func firstWord(s string) string {
	for i := 0; i < len(s); i++ {
		if !isASCIILetter(s[i]) {
			return s[:i]
		}
	}
	return s
}

// monthBefore returns the month named just before a number ("December 10",
// "Jan. 24"), or 0.
func monthBefore(s string) int {
	s = strings.TrimRight(s, " .")
	i := len(s)
	for i > 0 && isASCIILetter(s[i-1]) {
		i--
	}
	return months[strings.ToLower(s[i:])]
}

// monthAnchors finds month names ("December", "Dec."): a Chinese "12月"
// becomes the same anchor. "May" and "March" count only when capitalised and
// followed by a day number, since they are also common words.
func monthAnchors(t string) []anchorNum {
	var out []anchorNum
	for i := 0; i < len(t); {
		if !isASCIILetter(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && isASCIILetter(t[j]) {
			j++
		}
		w := t[i:j]
		lw := strings.ToLower(w)
		if mo, ok := months[lw]; ok && w[0] >= 'A' && w[0] <= 'Z' {
			rest := strings.TrimLeft(t[j:], ". ")
			dayNext := len(rest) > 0 && isDigit(rest[0])
			ambiguous := lw == "may" || lw == "mar" || lw == "march" || lw == "jan"
			if !ambiguous || dayNext {
				out = append(out, anchorNum{key: "m:" + itoa(mo), w: 0.5})
			}
		}
		i = j
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// parseKey reads the value of a "v:" anchor key.
func parseKey(k string) (decimal, bool) {
	if !strings.HasPrefix(k, "v:") {
		return decimal{}, false
	}
	v := decimalOf(k[2:])
	return v, v.ok
}
