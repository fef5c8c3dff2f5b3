package align

import "strings"

// decimal is a non-negative value written as digits × 10^exp, the digits
// without leading or trailing zeros ("" for zero): 4.39 is 439×10⁻², and
// 4.39亿 is 439×10⁶. Anchors, variants and the cheap comparisons work on
// decimals: every scale word and every slip the aligner looks for is a
// power of ten, so they need no arithmetic, only the digits and the
// exponent, and they stay exact without math/big.
type decimal struct {
	digits string
	exp    int
	ok     bool // the value parsed
}

// decimalOf reads the absolute value of s as extract.ParseDecimal does (an
// optional minus sign, digits, an optional decimal part; at most 200
// bytes): ok is false where ParseDecimal refuses s.
func decimalOf(s string) decimal {
	if len(s) > 200 {
		return decimal{}
	}
	return parseDecimal(s)
}

// parseDecimal is decimalOf without the bound on the length.
func parseDecimal(s string) decimal {
	if s == "" {
		return decimal{}
	}
	if s[0] == '-' {
		s = s[1:]
	}
	intPart, frac, point := s, "", false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && !point && i > 0:
			point = true
			intPart, frac = s[:i], s[i+1:]
		case isDigit(c):
		default:
			return decimal{}
		}
	}
	if intPart == "" || point && frac == "" {
		return decimal{}
	}
	d := decimal{ok: true, exp: -len(frac)}
	lo := 0
	for lo < len(intPart) && intPart[lo] == '0' {
		lo++
	}
	var all string
	if frac == "" {
		all = intPart[lo:]
	} else {
		all = intPart[lo:] + frac
	}
	lo = 0
	for lo < len(all) && all[lo] == '0' {
		lo++
	}
	hi := len(all)
	for hi > lo && all[hi-1] == '0' {
		hi--
		d.exp++
	}
	d.digits = all[lo:hi]
	if d.digits == "" {
		d.exp = 0
	}
	return d
}

// shift multiplies d by 10^k.
func (d decimal) shift(k int) decimal {
	if d.digits != "" {
		d.exp += k
	}
	return d
}

func (d decimal) isInt() bool { return d.exp >= 0 || d.digits == "" }

// intDigits is the number of digits before the point (0 below 1).
func (d decimal) intDigits() int { return max(len(d.digits)+d.exp, 0) }

// int64 is big.Int.Int64 of an integer d: its value, or where it does not
// fit, its lowest 64 bits (which is what math/big gives).
func (d decimal) int64() int64 {
	var u uint64
	for i := 0; i < len(d.digits); i++ {
		u = u*10 + uint64(d.digits[i]-'0')
	}
	for k := 0; k < d.exp && u != 0; k++ {
		u *= 10
	}
	return int64(u)
}

// key is the anchor key of d: "v:" and d.String(), made in one allocation.
func (d decimal) key() string {
	n := 2 + len(d.digits)
	switch {
	case d.digits == "":
		return "v:0"
	case d.exp >= 0:
		n += d.exp
	case len(d.digits) > -d.exp:
		n++
	default:
		n += 2 + (-d.exp - len(d.digits))
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString("v:")
	switch {
	case d.exp >= 0:
		b.WriteString(d.digits)
		for range d.exp {
			b.WriteByte('0')
		}
	case len(d.digits) > -d.exp:
		k := len(d.digits) + d.exp
		b.WriteString(d.digits[:k])
		b.WriteByte('.')
		b.WriteString(d.digits[k:])
	default:
		b.WriteString("0.")
		for range -d.exp - len(d.digits) {
			b.WriteByte('0')
		}
		b.WriteString(d.digits)
	}
	return b.String()
}

// String writes d as extract.FormatDecimal does: "439000000", "4.39",
// "0.05", "0".
func (d decimal) String() string {
	switch {
	case d.digits == "":
		return "0"
	case d.exp >= 0:
		if d.exp == 0 {
			return d.digits
		}
		return d.digits + strings.Repeat("0", d.exp)
	case len(d.digits) > -d.exp:
		k := len(d.digits) + d.exp
		return d.digits[:k] + "." + d.digits[k:]
	}
	return "0." + strings.Repeat("0", -d.exp-len(d.digits)) + d.digits
}
