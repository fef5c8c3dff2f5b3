package corpus

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folded is a normalized copy of a text that remembers, for every byte of the
// copy, which code point of the original it came from. Matchers run on the
// copy (ASCII digits, "%", ":" instead of their full-width forms, NFKC
// compatibility forms folded) and report spans in the original.
type Folded struct {
	// Text is the NFKC-folded copy.
	Text string
	// orig[i] is the code-point offset, in the original, of the rune that
	// produced byte i of Text; orig[len(Text)] is the original's length.
	// (int32: a document is read whole into memory and capped far below
	// 2^31 code points; the map is the largest allocation of a fold.)
	orig []int32
}

// Fold normalizes s rune by rune with NFKC so that every output byte maps
// back to exactly one input code point. Folding rune by rune (rather than the
// whole string) gives up NFKC's composition across runes, which bulletins do
// not need, in exchange for an exact offset map.
func Fold(s string) Folded {
	var b strings.Builder
	b.Grow(len(s))
	orig := make([]int32, 0, len(s)+1)
	var ri int32
	for i, r := range s {
		size := utf8.RuneLen(r)
		if r < utf8.RuneSelf || r == utf8.RuneError {
			// ASCII is already NFKC; an invalid byte stays as U+FFFD.
			if r < utf8.RuneSelf {
				b.WriteByte(byte(r))
				orig = append(orig, ri)
			} else {
				b.WriteRune(r)
				for k := 0; k < utf8.RuneLen(r); k++ {
					orig = append(orig, ri)
				}
			}
			ri++
			continue
		}
		f := foldRune(r, s[i:i+size])
		b.WriteString(f)
		for k := 0; k < len(f); k++ {
			orig = append(orig, ri)
		}
		ri++
	}
	orig = append(orig, ri)
	return Folded{Text: b.String(), orig: orig}
}

// foldText is Fold(s).Text without the offset map: s itself when folding
// changes nothing (ASCII, Chinese characters), else a folded copy.
func foldText(s string) string {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || foldRune(r, s[i:i+size]) != s[i:i+size] {
			var b strings.Builder
			b.Grow(len(s))
			b.WriteString(s[:i])
			rest := s[i:]
			for j, r := range rest {
				if r < utf8.RuneSelf || r == utf8.RuneError {
					b.WriteRune(r)
				} else {
					b.WriteString(foldRune(r, rest[j:j+utf8.RuneLen(r)]))
				}
			}
			return b.String()
		}
		i += size
	}
	return s
}

// foldRune returns the NFKC form of one rune, except for the few compatibility
// characters whose NFKC form would change the reading of a figure.
func foldRune(r rune, raw string) string {
	if isUnifiedIdeograph(r) {
		return raw // most of a Chinese text, and always NFKC
	}
	switch r {
	case '\u3000': // ideographic space stays a space
		return " "
	case '〇':
		return raw
	}
	if r >= 0xff01 && r <= 0xff5e {
		// Full-width ASCII, the usual thing to fold in a bulletin
		// (：，％ and digits): NFKC gives the ASCII character.
		return asciiStrings[r-0xfee0]
	}
	if r < 0x10000 {
		// The table says what IsNormalString would, without its cost.
		if nfkcStable()[r>>6]&(1<<(r&63)) != 0 {
			return raw
		}
		return norm.NFKC.String(raw)
	}
	if !norm.NFKC.IsNormalString(raw) {
		return norm.NFKC.String(raw)
	}
	return raw
}

// asciiStrings[c] is string(rune(c)), for folding without allocating.
var asciiStrings = func() (t [utf8.RuneSelf]string) {
	for c := range t {
		t[c] = string(rune(c))
	}
	return t
}()

// nfkcStable has bit r set for each character r of the Basic Multilingual
// Plane that is its own NFKC form (norm.NFKC.IsNormal), computed once (a
// few milliseconds).
var nfkcStable = sync.OnceValue(func() *[0x10000 / 64]uint64 {
	var t [0x10000 / 64]uint64
	var buf [utf8.UTFMax]byte
	for r := rune(0); r < 0x10000; r++ {
		if norm.NFKC.IsNormal(buf[:utf8.EncodeRune(buf[:], r)]) {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return &t
})

// isUnifiedIdeograph reports whether r is a CJK unified ideograph of the
// basic block or extension A: none of them has a decomposition, so each is
// its own NFKC form (TestUnifiedIdeographsAreNFKC checks every one).
func isUnifiedIdeograph(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF
}

// Orig maps a byte offset in f.Text to a code-point offset in the original.
// An offset inside a multi-byte expansion maps to the rune that produced it;
// len(f.Text) maps to the original's length.
func (f Folded) Orig(byteOff int) int {
	if byteOff < 0 {
		return 0
	}
	if byteOff >= len(f.orig) {
		return int(f.orig[len(f.orig)-1])
	}
	return int(f.orig[byteOff])
}

// OrigSpan maps the half-open byte range [start, end) of f.Text to the
// half-open code-point range of the original that produced it.
func (f Folded) OrigSpan(start, end int) Span {
	s := f.Orig(start)
	if end <= start {
		return Span{s, s}
	}
	// The end is exclusive: take the rune that produced the last byte, plus one.
	return Span{s, f.Orig(end-1) + 1}
}
