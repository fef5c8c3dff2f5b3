package align

import (
	"math/big"
	"regexp"
	"strings"

	"figures/corpus"
	"figures/extract"
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
	val *big.Rat
}

var (
	reDigits = regexp.MustCompile(`\d+(?:,\d{3})*(?:\.\d+)?`)
	zhScales = []struct {
		s string
		m int64
	}{{"万亿", 1e12}, {"千亿", 1e11}, {"百亿", 1e10}, {"千万", 1e7}, {"百万", 1e6}, {"亿", 1e8}, {"万", 1e4}, {"千", 1e3}}
	enScales = map[string]int64{"thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
	months   = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
		"apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
)

// scanNumbers reads the anchor numbers of a sentence read with grammar lang.
func scanNumbers(text, lang string) []anchorNum {
	f := corpus.Fold(text)
	t := f.Text
	var out []anchorNum
	for _, m := range reDigits.FindAllStringIndex(t, -1) {
		if m[0] > 0 && (isASCIILetter(t[m[0]-1]) || t[m[0]-1] == '.') {
			continue // "COVID-19" is a name, "v2.1" a version
		}
		raw := strings.ReplaceAll(t[m[0]:m[1]], ",", "")
		v, ok := new(big.Rat).SetString(raw)
		if !ok {
			continue
		}
		rest := t[m[1]:]
		if lang == "zh" {
			switch {
			case strings.HasPrefix(rest, "月") && v.IsInt() && v.Num().Int64() >= 1 && v.Num().Int64() <= 12:
				out = append(out, anchorNum{key: "m:" + raw, w: 0.5})
				continue
			case (strings.HasPrefix(rest, "日") || strings.HasPrefix(rest, "号")) && v.IsInt() && v.Num().Int64() <= 31:
				if v.Num().Int64() >= 10 {
					out = append(out, anchorNum{key: "d:" + raw, w: 0.5})
				}
				continue
			}
			for _, sc := range zhScales {
				if strings.HasPrefix(rest, sc.s) {
					v.Mul(v, new(big.Rat).SetInt64(sc.m))
					break
				}
			}
		} else {
			word := strings.ToLower(firstWord(strings.TrimLeft(rest, " ")))
			if sc, ok := enScales[word]; ok {
				v.Mul(v, new(big.Rat).SetInt64(sc))
			} else if mo := monthBefore(t[:m[0]]); mo > 0 && v.IsInt() && v.Num().Int64() <= 31 {
				if v.Num().Int64() >= 10 {
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

// numAnchor weighs a value: numbers under 10 say almost nothing (list
// markers, "2 districts"), two-digit numbers a little, the rest a lot.
func numAnchor(v *big.Rat) anchorNum {
	a := anchorNum{key: "v:" + extract.FormatDecimal(abs(v)), val: abs(v)}
	switch {
	case v.IsInt() && v.Num().CmpAbs(big.NewInt(10)) < 0:
		a.w = 0
	case v.IsInt() && v.Num().CmpAbs(big.NewInt(100)) < 0:
		a.w = 0.5
	default:
		a.w = 1
	}
	return a
}

// claimAnchors turns claims (values the extractor normalised, including
// Chinese numerals and spelled-out English numbers) into anchors.
func claimAnchors(cs []extract.Claim) []anchorNum {
	var out []anchorNum
	for _, c := range cs {
		v, ok := extract.ParseDecimal(c.Value)
		if !ok {
			continue
		}
		out = append(out, numAnchor(v))
	}
	return out
}

// variantKeys returns the keys of the values a translator's typical slip
// turns v into: a factor of 10, 100 or 10,000 either way (万 read as
// thousand, 亿 as billion, 万 forgotten) and two adjacent digits swapped.
func variantKeys(v *big.Rat) []string {
	if v == nil || v.Cmp(big.NewRat(100, 1)) < 0 {
		return nil
	}
	var out []string
	for _, f := range []int64{10, 100, 10000} {
		r := new(big.Rat).SetInt64(f)
		out = append(out, "v:"+extract.FormatDecimal(new(big.Rat).Mul(v, r)),
			"v:"+extract.FormatDecimal(new(big.Rat).Quo(v, r)))
	}
	s := extract.FormatDecimal(v)
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

func abs(v *big.Rat) *big.Rat { return new(big.Rat).Abs(v) }

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

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// parseKey reads the value of a "v:" anchor key.
func parseKey(k string) (*big.Rat, bool) {
	if !strings.HasPrefix(k, "v:") {
		return nil, false
	}
	return new(big.Rat).SetString(k[2:])
}
