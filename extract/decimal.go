package extract

import (
	"math/big"
	"strings"
)

// FormatDecimal writes r as an exact decimal without trailing zeros. A value
// with no finite decimal expansion (1/3) is written to 4 decimal places.
func FormatDecimal(r *big.Rat) string {
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

// ParseDecimal reads a decimal written by FormatDecimal.
func ParseDecimal(s string) (*big.Rat, bool) {
	if s == "" {
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
