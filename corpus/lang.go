package corpus

import "unicode"

// TextLang guesses the language of a paragraph from its script statistics:
// Chinese when Han characters make up a fair share of its letters.
func TextLang(s string) Lang {
	han, latin := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case r < 0x80 && unicode.IsLetter(r):
			latin++
		}
	}
	if han == 0 && latin == 0 {
		return Unknown
	}
	// One Han character carries about as much as three Latin letters.
	if han*3 >= latin {
		return ZhHans
	}
	return English
}

// DocumentLang summarises the paragraph languages of a document.
func DocumentLang(text string, paras []Paragraph) Lang {
	counts := map[Lang]int{}
	for _, p := range paras {
		counts[p.Lang] += p.End - p.Start
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
