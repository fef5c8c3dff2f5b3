package extract

import (
	"math/big"
	"strconv"
	"strings"
)

// FormatDecimal writes r as an exact decimal without trailing zeros. A value
// with no finite decimal expansion (1/3) is written to 4 decimal places.
func FormatDecimal(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	if s, ok := formatSmall(r); ok {
		return s
	}
	s := r.FloatString(4)
	if n, ok := decimalDigits(r); ok {
		s = r.FloatString(n)
	}
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// ParseDecimal reads a decimal written by FormatDecimal: an optional minus
// sign, digits and an optional decimal part ("439000000", "-2.1"). Other
// forms that big.Rat would accept (1e9, 1/3) are refused, so that a value
// from outside cannot ask for a huge computation.
func ParseDecimal(s string) (*big.Rat, bool) {
	if s == "" || len(s) > 200 {
		return nil, false
	}
	digits, point := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '-' && i == 0:
		case c == '.' && !point && digits > 0:
			point = true
		case c >= '0' && c <= '9':
			digits++
		default:
			return nil, false
		}
	}
	if digits == 0 || s[len(s)-1] == '.' {
		return nil, false
	}
	return new(big.Rat).SetString(s)
}

// decimalDigits returns how many decimal places r needs to be written
// exactly, and false when its expansion does not terminate (its reduced
// denominator has a prime factor other than 2 and 5).
func decimalDigits(r *big.Rat) (int, bool) {
	d := new(big.Int).Set(r.Denom())
	counts := [2]int{}
	m := new(big.Int)
	for i, p := range []*big.Int{big.NewInt(2), big.NewInt(5)} {
		for d.Sign() != 0 {
			q, rem := new(big.Int).QuoRem(d, p, m)
			if rem.Sign() != 0 {
				break
			}
			d = q
			counts[i]++
		}
	}
	return max(counts[0], counts[1]), d.IsInt64() && d.Int64() == 1
}

// formatSmall writes r exactly when its numerator and denominator fit an
// int64 and the denominator divides a power of ten that fits too: the
// figures of bulletins (83.5, 0.81, 4.39), without big arithmetic.
func formatSmall(r *big.Rat) (string, bool) {
	if !r.Num().IsInt64() || !r.Denom().IsInt64() {
		return "", false
	}
	num, den := r.Num().Int64(), r.Denom().Int64()
	for k := 1; k < 18; k++ {
		p := pow10Int(k)
		if p%den != 0 {
			continue
		}
		f := p / den
		if num > (1<<62)/f || num < -(1<<62)/f {
			return "", false
		}
		v := num * f
		neg := v < 0
		if neg {
			v = -v
		}
		digits := strconv.FormatInt(v, 10)
		for len(digits) <= k {
			digits = "0" + digits
		}
		out := digits[:len(digits)-k] + "." + strings.TrimRight(digits[len(digits)-k:], "0")
		out = strings.TrimSuffix(out, ".")
		if neg {
			out = "-" + out
		}
		return out, true
	}
	return "", false
}

func pow10Int(k int) int64 {
	p := int64(1)
	for i := 0; i < k; i++ {
		p *= 10
	}
	return p
}
