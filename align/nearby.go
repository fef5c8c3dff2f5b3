package align

import (
	"math"
)

// Linking compares every leftover Chinese figure with every leftover
// English one, and most of those pairs are unrelated values. relate decides
// with math/big, exactly; mayRelate first rules out, with a few float and
// digit-string operations, the pairs that relate would find unrelated. It
// only ever answers "maybe" where relate could find a relation, so the links
// are the same as when every pair goes through relate.

// mayRelate reports whether relate might find a relation other than
// relOther between two values, given as decimals and as floats (absolute
// values, the floats within a few units in the last place): false means it
// certainly finds none.
func mayRelate(dz, de decimal, fz, fe float64) bool {
	if !dz.ok || !de.ok || dz.digits == "" || de.digits == "" ||
		!(fz > 0 && fe > 0) || math.IsInf(fz, 0) || math.IsInf(fe, 0) {
		return true
	}
	// Equal, of opposite signs, or one the other rounded: the two are at
	// most half a step of the coarser precision apart.
	step := math.Pow10(max(dz.exp, de.exp))
	if math.Abs(fz-fe) <= 0.5*step*(1+1e-12)+1e-12*(fz+fe) {
		return true
	}
	// A power of ten apart, within the 2% rounding allows.
	r := fe / fz
	k := math.Round(math.Log10(r))
	if m := r / math.Pow(10, k); !(m < 0.95 || m > 1.05) {
		return true
	}
	// Swapped, changed, dropped or added digits, at the English precision.
	var buf [48]byte
	rz, ok := roundedDigits(buf[:0], dz, de.exp)
	if !ok {
		return true
	}
	_, slip := digitSlipOf(string(rz), de.digits)
	return slip
}

// roundedDigits appends to dst the digits of z rounded half up to a
// multiple of 10^exp, divided by 10^exp: digitString(roundTo(z, step),
// step) for step = 10^exp. It reports false when the result would not fit
// dst's capacity.
func roundedDigits(dst []byte, z decimal, exp int) ([]byte, bool) {
	d := exp - z.exp // digits of z to drop
	switch {
	case z.digits == "":
		return append(dst, '0'), true
	case d <= 0:
		if len(z.digits)-d > cap(dst) {
			return dst, false
		}
		dst = append(dst, z.digits...)
		for range -d {
			dst = append(dst, '0')
		}
		return dst, true
	case d > len(z.digits):
		return append(dst, '0'), true
	case d == len(z.digits):
		if z.digits[0] >= '5' {
			return append(dst, '1'), true
		}
		return append(dst, '0'), true
	}
	keep := len(z.digits) - d
	if keep+1 > cap(dst) {
		return dst, false
	}
	dst = append(dst, z.digits[:keep]...)
	if z.digits[keep] >= '5' {
		i := len(dst) - 1
		for i >= 0 && dst[i] == '9' {
			dst[i] = '0'
			i--
		}
		if i >= 0 {
			dst[i]++
		} else {
			// All nines: 999 rounds up to 1000.
			dst = append(dst, '0')
			dst[0] = '1'
		}
	}
	return dst, true
}

// relateDec is relate on decimals (absolute values, with their signs and
// sizes as floats) for the relations it can decide with digits alone:
// equal, sign, power of ten, digit slip and no relation. ok is false where
// relate must decide: a zero, or one value a rounding of the other, whose
// relative error decides between kinds of rounding.
func relateDec(dz, de decimal, negz, nege bool, fz, fe float64) (valueRelation, bool) {
	if dz.digits == "" || de.digits == "" || !dz.ok || !de.ok ||
		!(fz > 0 && fe > 0) || math.IsInf(fz, 0) || math.IsInf(fe, 0) {
		return relOther, false
	}
	if dz == de {
		if negz == nege {
			return relEqual, true
		}
		return relSign, true
	}
	var buf [48]byte
	rz, ok := roundedDigits(buf[:0], dz, de.exp)
	if !ok {
		return relOther, false
	}
	if string(rz) == de.digits {
		if negz != nege {
			return relSign, true // opposite directions, and the sizes agree
		}
		return relOther, false // rounded: how far decides
	}
	var buf2 [48]byte
	re, ok := roundedDigits(buf2[:0], de, dz.exp)
	if !ok {
		return relOther, false
	}
	if string(re) == dz.digits && len(dz.digits) >= 2 {
		return relOther, false // the Chinese rounded: how far decides
	}
	k0 := int(math.Round(math.Log10(fe / fz)))
	for k := k0 - 1; k <= k0+1; k++ {
		if k == 0 || k < -12 || k > 12 {
			continue
		}
		scaled := dz.shift(k)
		if scaled == de {
			return relPower, true
		}
		var buf3 [48]byte
		rs, ok := roundedDigits(buf3[:0], scaled, de.exp)
		if !ok || string(rs) == de.digits {
			return relOther, false // a power of ten and a rounding: how far decides
		}
	}
	if _, slip := digitSlipOf(string(rz), de.digits); slip {
		return relDigits, true
	}
	return relOther, true
}
