package extract

import (
	"sync"

	"golang.org/x/text/unicode/norm"
)

// stableBMP has a bit set for every BMP rune that NFKC leaves unchanged,
// computed once on first use (a few milliseconds).
var (
	stableOnce sync.Once
	stableBMP  [0x10000 / 64]uint64
)

func nfkcStable(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return true // CJK unified ideographs are stable
	}
	if r >= 0x10000 {
		return norm.NFKC.IsNormalString(string(r))
	}
	stableOnce.Do(func() {
		var buf [4]byte
		for c := rune(0); c < 0x10000; c++ {
			if c >= 0xD800 && c <= 0xDFFF {
				continue
			}
			n := encodeRune(buf[:], c)
			if norm.NFKC.IsNormal(buf[:n]) && c != 0x3000 {
				stableBMP[c/64] |= 1 << (c % 64)
			}
		}
	})
	return stableBMP[r/64]&(1<<(r%64)) != 0
}

func encodeRune(b []byte, r rune) int {
	switch {
	case r < 0x80:
		b[0] = byte(r)
		return 1
	case r < 0x800:
		b[0] = 0xC0 | byte(r>>6)
		b[1] = 0x80 | byte(r)&0x3F
		return 2
	default:
		b[0] = 0xE0 | byte(r>>12)
		b[1] = 0x80 | byte(r>>6)&0x3F
		b[2] = 0x80 | byte(r)&0x3F
		return 3
	}
}
