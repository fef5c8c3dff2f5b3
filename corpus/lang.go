package corpus

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Han character classes, derived from the two national character sets
// rather than from a hand-kept list:
//
//   - common: GB2312 level 1 (the 3,755 most used simplified characters) or
//     Big5 level 1 (the 5,401 most used traditional ones);
//   - simplified-only: in GB2312 but not in Big5 (这, 们, 发, 为, 国 ...);
//   - traditional-only: in Big5 but not in GB2312 (這, 們, 發, 為, 國 ...).
//
// Characters in both sets (的, 人, 年, 月 ...) say nothing about the variant.
const (
	hanCommon = 1 << iota
	hanSimplified
	hanTraditional
)

// hanBase..hanBase+len(table) covers CJK Extension A and the Unified
// Ideographs block, where every GB2312 and Big5 character lives.
const hanBase = 0x3400

var hanTable = sync.OnceValue(func() []uint8 {
	t := make([]uint8, 0xa000-hanBase)
	set := func(r rune, flag uint8) {
		if r >= hanBase && r < 0xa000 {
			t[r-hanBase] |= flag
		}
	}
	const (
		inGB = 1 << 6
		inB5 = 1 << 7
	)
	gb := simplifiedchinese.GBK.NewDecoder()
	for lead := 0xb0; lead <= 0xf7; lead++ {
		for trail := 0xa1; trail <= 0xfe; trail++ {
			r := decodePair(gb.Bytes, lead, trail)
			set(r, inGB)
			if lead <= 0xd7 {
				set(r, hanCommon)
			}
		}
	}
	b5 := traditionalchinese.Big5.NewDecoder()
	for lead := 0xa4; lead <= 0xf9; lead++ {
		for _, trails := range [][2]int{{0x40, 0x7e}, {0xa1, 0xfe}} {
			for trail := trails[0]; trail <= trails[1]; trail++ {
				r := decodePair(b5.Bytes, lead, trail)
				set(r, inB5)
				if lead < 0xc6 || lead == 0xc6 && trail <= 0x7e {
					set(r, hanCommon)
				}
			}
		}
	}
	for i, f := range t {
		switch {
		case f&inGB != 0 && f&inB5 == 0:
			t[i] |= hanSimplified
		case f&inB5 != 0 && f&inGB == 0:
			t[i] |= hanTraditional
		}
		t[i] &^= inGB | inB5
	}
	return t
})

func decodePair(decode func([]byte) ([]byte, error), lead, trail int) rune {
	out, err := decode([]byte{byte(lead), byte(trail)})
	if err != nil {
		return utf8.RuneError
	}
	r, _ := utf8.DecodeRune(out)
	return r
}

// hanClass returns the class flags of a Han character (0 for others and for
// characters outside both character sets).
func hanClass(r rune) uint8 {
	if r < hanBase || r >= 0xa000 {
		return 0
	}
	return hanTable()[r-hanBase]
}

func isHan(r rune) bool {
	if r >= 0x4e00 && r <= 0x9fff {
		return true
	}
	return r >= 0x3400 && unicode.Is(unicode.Han, r)
}

// scriptCounts are the script statistics language detection works from.
type scriptCounts struct {
	han, latin  int // Han characters, ASCII letters
	simp, trad  int // Han characters unique to one variant
	englishWord int // runs of two or more ASCII letters
}

func countScripts(s string) scriptCounts {
	var sc scriptCounter
	for _, r := range s {
		sc.add(r)
	}
	return sc.counts()
}

// scriptCounter counts scripts rune by rune.
type scriptCounter struct {
	c   scriptCounts
	run int // ASCII letters in a row
}

func (sc *scriptCounter) add(r rune) {
	if r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
		sc.c.latin++
		sc.run++
		return
	}
	if sc.run > 0 {
		if sc.run >= 2 {
			sc.c.englishWord++
		}
		sc.run = 0
	}
	if r >= hanBase {
		sc.addHan(r)
	}
}

// addHan counts r if it is a Han character.
func (sc *scriptCounter) addHan(r rune) {
	if isHan(r) {
		sc.c.han++
		switch f := hanClass(r); {
		case f&hanSimplified != 0:
			sc.c.simp++
		case f&hanTraditional != 0:
			sc.c.trad++
		}
	}
}

// counts returns the counts of the runes added.
func (sc *scriptCounter) counts() scriptCounts {
	c := sc.c
	if sc.run >= 2 {
		c.englishWord++
	}
	return c
}

func (c *scriptCounts) add(o scriptCounts) {
	c.han += o.han
	c.latin += o.latin
	c.simp += o.simp
	c.trad += o.trad
	c.englishWord += o.englishWord
}

// lang reads the counts of one paragraph: Chinese when Han characters carry
// a fair share of it (one Han character carries about as much as three
// Latin letters), traditional when it has more traditional-only than
// simplified-only characters. A Chinese paragraph with no character unique
// to either variant is given variant def.
func (c scriptCounts) lang(def Lang) Lang {
	switch {
	case c.han == 0 && c.latin == 0:
		return Unknown
	case c.han*3 < c.latin:
		return English
	case c.trad > c.simp:
		return ZhHant
	case c.simp > c.trad:
		return ZhHans
	}
	return def
}

// TextLang guesses the language of a paragraph from its script statistics:
// zh-Hans, zh-Hant, en, or "" when it has no letters at all. A Chinese
// paragraph with no character unique to either variant is zh-Hans.
func TextLang(s string) Lang {
	return countScripts(s).lang(ZhHans)
}

// DocumentLang summarises the paragraph languages of a document: mixed when
// it has substantial Chinese and English parts (each at least a sixth of
// it), otherwise the language of the larger part. A Han character counts
// three times, as a Chinese text is about a third as long as its English
// translation.
func DocumentLang(text string, paras []Paragraph) Lang {
	counts := map[Lang]int{}
	for _, p := range paras {
		n := p.End - p.Start
		if p.Lang.IsChinese() {
			n *= 3
		}
		counts[p.Lang] += n
	}
	zh := counts[ZhHans] + counts[ZhHant]
	en := counts[English]
	switch {
	case zh == 0 && en == 0:
		return Unknown
	case zh > 0 && en > 0 && min(zh, en)*5 > max(zh, en):
		return Mixed
	case zh >= en:
		if counts[ZhHant] > counts[ZhHans] {
			return ZhHant
		}
		return ZhHans
	default:
		return English
	}
}

// cjkAt decodes the three-byte character at s[i:] if its lead byte is E1
// to EC, the block of most Chinese text, where any two continuation bytes
// make a valid character (no overlong form, no surrogate). It is small
// enough to be inlined: the HTML reader's loops decode most of their text
// with it, half again as fast as ranging over the string.
func cjkAt(s string, i int) (rune, bool) {
	if i+2 < len(s) && s[i]-0xe1 <= 0xec-0xe1 && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
		return rune(s[i]&0x0f)<<12 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f), true
	}
	return 0, false
}

// decodeAt decodes the character at byte i of s and returns it with its
// size, taking the three-byte Chinese characters (cjkAt) and ASCII without
// a call to utf8.DecodeRuneInString.
func decodeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	if r, ok := cjkAt(s, i); ok {
		return r, 3
	}
	return utf8.DecodeRuneInString(s[i:])
}
