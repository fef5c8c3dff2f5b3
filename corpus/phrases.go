package corpus

import "sort"

// phrases finds any of a set of literal phrases in a text. The HTML reader
// asks this of every line of every page (is it a share bar, a dateline, a
// footer?), so it must be much cheaper than a regular expression of
// alternatives: phrases are indexed by their first two bytes, and a text is
// scanned once.
type phrases struct {
	fold  bool // ASCII letters match either case
	idx   [256]*[256][]string
	pairs [1024]uint64 // bit a<<8|b is set when some phrase starts with bytes a, b
}

// newPhrases indexes list; every phrase must be at least two bytes long.
func newPhrases(fold bool, list ...string) *phrases {
	p := &phrases{fold: fold}
	sorted := append([]string(nil), list...)
	// Longest first, so that 您现在的位置 wins over 您的位置 at the same place.
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	for _, w := range sorted {
		if fold {
			w = lowerASCII(w)
		}
		if len(w) < 2 {
			panic("corpus: phrase shorter than two bytes: " + w)
		}
		if p.idx[w[0]] == nil {
			p.idx[w[0]] = new([256][]string)
		}
		p.idx[w[0]][w[1]] = append(p.idx[w[0]][w[1]], w)
		pair := int(w[0])<<8 | int(w[1])
		p.pairs[pair>>6] |= 1 << (pair & 63)
	}
	return p
}

// find returns the byte offset and length in s of the leftmost phrase
// (the longest at that offset), or -1, 0. Folding is done byte by byte
// as it compares, not on a lower-cased copy of s: most lines it is asked
// about have capitals or none of the phrases.
func (p *phrases) find(s string) (int, int) {
	for i := 0; i+1 < len(s); i++ {
		a, b := s[i], s[i+1]
		if p.fold {
			a, b = lowerByte(a), lowerByte(b)
		}
		if pair := int(a)<<8 | int(b); p.pairs[pair>>6]&(1<<(pair&63)) == 0 {
			continue
		}
		for _, w := range p.idx[a][b] {
			if len(s)-i >= len(w) && p.equal(s[i:i+len(w)], w) {
				return i, len(w)
			}
		}
	}
	return -1, 0
}

// equal reports whether t is the phrase w (ASCII letters of t folded when
// p folds).
func (p *phrases) equal(t, w string) bool {
	if !p.fold {
		return t == w
	}
	for k := 0; k < len(w); k++ {
		if lowerByte(t[k]) != w[k] {
			return false
		}
	}
	return true
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// in reports whether s contains any of the phrases.
func (p *phrases) in(s string) bool {
	i, _ := p.find(s)
	return i >= 0
}

// prefix reports whether s starts with one of the phrases.
func (p *phrases) prefix(s string) bool {
	if len(s) < 2 {
		return false
	}
	a, b := s[0], s[1]
	if p.fold {
		a, b = lowerByte(a), lowerByte(b)
	}
	second := p.idx[a]
	if second == nil {
		return false
	}
	for _, w := range second[b] {
		if len(s) >= len(w) && p.equal(s[:len(w)], w) {
			return true
		}
	}
	return false
}

// lowerASCII lower-cases ASCII letters only, keeping byte offsets.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
