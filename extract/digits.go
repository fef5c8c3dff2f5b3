package extract

import (
	"math/big"
	"strings"
	"sync"
)

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isAlnum(c byte) bool { return isDigit(c) || isLetter(c) }

// arabic is a number written in digits, as read by readArabic.
type arabic struct {
	end       int
	dec       string // the digits without separators: "3132", "0.21"
	intDigits int
	sep       bool // thousands separators (3,132 or 1 234 567)
	point     bool // a decimal point
	lead0     bool // a leading zero before more digits (023, 0033)
	dotted    bool // more dot groups follow (192.168.1.2, 1.2.3): a code
	long      bool // more than maxDigits digits: a code, never a figure
}

// maxDigits bounds the digits of a figure: longer runs are codes (IDs,
// serial numbers), and reading them as exact values would cost more than
// linear time.
const maxDigits = 40

// readArabic reads the digits at t[p:]: 3132, 3,132, 0.21, .5, 12,34,567.89
// and, when spaced is set (English), 1 234 567. p is at a digit or at a '.'
// followed by a digit.
func readArabic(t string, p int, spaced bool) arabic {
	a := arabic{}
	q := p
	for q < len(t) && isDigit(t[q]) {
		q++
	}
	first := q - p
	a.intDigits = first
	a.lead0 = first > 1 && t[p] == '0'
	var b []byte // digits without separators, built only when needed
	flush := func(upTo int) {
		if b == nil {
			b = make([]byte, 0, 24)
			b = append(b, t[p:upTo]...)
		}
	}
	// Thousands groups: ",ddd" repeated, each group followed by a non-digit.
	if first >= 1 && first <= 3 {
		r := q
		groups := 0
		for r+3 < len(t)+0 && r < len(t) && t[r] == ',' && r+4 <= len(t) && isDigit(t[r+1]) && isDigit(t[r+2]) && isDigit(t[r+3]) && (r+4 == len(t) || !isDigit(t[r+4])) {
			r += 4
			groups++
		}
		if groups > 0 {
			flush(q)
			b = appendDigits(b, t[q:r])
			a.intDigits += 3 * groups
			a.sep = true
			q = r
		} else if first <= 2 {
			// Indian grouping: 12,34,567 (pairs, then a final group of three).
			r := q
			pairs := 0
			for r+3 <= len(t) && t[r] == ',' && isDigit(t[r+1]) && isDigit(t[r+2]) && (r+3 == len(t) || t[r+3] == ',') {
				r += 3
				pairs++
			}
			if pairs > 0 && r+4 <= len(t) && t[r] == ',' && isDigit(t[r+1]) && isDigit(t[r+2]) && isDigit(t[r+3]) && (r+4 == len(t) || !isDigit(t[r+4])) {
				r += 4
				flush(q)
				b = appendDigits(b, t[q:r])
				a.intDigits += 2*pairs + 3
				a.sep = true
				q = r
			}
		}
		if !a.sep && spaced {
			// 1 234 567: groups of exactly three digits after one space.
			r := q
			groups := 0
			for r+4 <= len(t) && t[r] == ' ' && isDigit(t[r+1]) && isDigit(t[r+2]) && isDigit(t[r+3]) && (r+4 == len(t) || !isAlnum(t[r+4])) {
				// a decimal or a further group may follow, but not a fraction
				if r+4 < len(t) && t[r+4] == '/' {
					break
				}
				r += 4
				groups++
			}
			if groups > 0 {
				flush(q)
				b = appendDigits(b, t[q:r])
				a.intDigits += 3 * groups
				a.sep = true
				q = r
			}
		}
	}
	if q+1 < len(t) && t[q] == '.' && isDigit(t[q+1]) {
		r := q + 1
		for r < len(t) && isDigit(t[r]) {
			r++
		}
		if r+1 < len(t) && t[r] == '.' && isDigit(t[r+1]) {
			a.dotted = true
		}
		if b != nil {
			b = append(b, t[q:r]...)
		}
		a.point = true
		q = r
	}
	a.end = q
	if q-p > maxDigits {
		a.long = true
		a.dec = "0"
		return a
	}
	if b != nil {
		a.dec = string(b)
	} else {
		a.dec = t[p:q]
	}
	if strings.HasPrefix(a.dec, ".") {
		a.dec = "0" + a.dec
	}
	return a
}

// pow10 holds the powers of ten that fit an int64.
var pow10 = func() [19]int64 {
	var p [19]int64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

func (a arabic) rat() *big.Rat {
	if a.long {
		return nil
	}
	// fast path: at most 18 digits fit an int64 mantissa
	if len(a.dec) <= 19 {
		var m int64
		scale := -1
		ok := true
		for i := 0; i < len(a.dec); i++ {
			c := a.dec[i]
			switch {
			case c == '.' && scale < 0:
				scale = 0
			case isDigit(c):
				m = m*10 + int64(c-'0')
				if scale >= 0 {
					scale++
				}
			default:
				ok = false
			}
		}
		if ok && len(a.dec) > 0 && a.dec != "." {
			if scale <= 0 {
				return smallRat(m)
			}
			return big.NewRat(m, pow10[scale])
		}
	}
	r, ok := new(big.Rat).SetString(a.dec)
	if !ok {
		return nil
	}
	return r
}

func ratInt(n int64) *big.Rat { return new(big.Rat).SetInt64(n) }

// intIn reports whether v is an integer from lo to hi, without allocating
// (the checks run on every number the scanners read).
func intIn(v *big.Rat, lo, hi int64) bool {
	if !v.IsInt() || !v.Num().IsInt64() {
		return false
	}
	x := v.Num().Int64()
	return x >= lo && x <= hi
}

func ratMul(a *big.Rat, n int64) *big.Rat { return new(big.Rat).Mul(a, ratInt(n)) }

// ratTimes returns the value times mult (10000 for 万), computing in int64
// when it can: 4.39亿 is 439000000 without big arithmetic.
func (a arabic) ratTimes(mult int64) *big.Rat {
	if a.long {
		return nil
	}
	if len(a.dec) <= 15 && mult <= 100000000 {
		var m int64
		scale := -1
		for i := 0; i < len(a.dec); i++ {
			c := a.dec[i]
			switch {
			case c == '.':
				scale = 0
			case isDigit(c):
				m = m*10 + int64(c-'0')
				if scale >= 0 {
					scale++
				}
			default:
				return ratMul(a.rat(), mult)
			}
		}
		scale = max(scale, 0)
		// m * mult / 10^scale, with mult a power of ten
		d := pow10[scale]
		if mult%d == 0 && m <= (1<<62)/(mult/d) {
			return smallRat(m * (mult / d))
		}
	}
	v := a.rat()
	if v == nil {
		return nil
	}
	return ratMul(v, mult)
}

// smallRats holds shared, never modified values for the integers that
// figures most often state; a Rat from smallRat must not be changed in
// place (the readers always compute into new values).
var (
	smallRatsOnce sync.Once
	smallRats     []big.Rat
)

const smallRatMax = 10000

func smallRat(m int64) *big.Rat {
	if m < 0 || m >= smallRatMax {
		return new(big.Rat).SetInt64(m)
	}
	smallRatsOnce.Do(func() {
		smallRats = make([]big.Rat, smallRatMax)
		for i := range smallRats {
			smallRats[i].SetInt64(int64(i))
		}
	})
	return &smallRats[m]
}

// appendDigits appends the digits of a grouped number (1,234,567 or
// 1 234 567) to b, leaving out its separators.
func appendDigits(b []byte, grouped string) []byte {
	for k := 0; k < len(grouped); k++ {
		if isDigit(grouped[k]) {
			b = append(b, grouped[k])
		}
	}
	return b
}
