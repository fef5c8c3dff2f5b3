package align

import (
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"figures/extract"
)

// slipOf writes v as a translator might get it wrong: rounded, scaled by a
// power of ten, with digits swapped, changed, dropped or added, with the
// sign flipped, or as an unrelated value.
func slipOf(rng *rand.Rand, v string) string {
	neg := strings.HasPrefix(v, "-")
	v = strings.TrimPrefix(v, "-")
	b := []byte(v)
	digitAt := func() int {
		for {
			i := rng.IntN(len(b))
			if b[i] != '.' {
				return i
			}
		}
	}
	switch rng.IntN(9) {
	case 0: // rounded
		r, _ := new(big.Rat).SetString(v)
		f, _ := r.Float64()
		prec := rng.IntN(4)
		v = strconv.FormatFloat(f, 'f', prec, 64)
		if rng.IntN(2) == 0 && len(v) > 2 {
			// round an integer part to tens or hundreds
			n, _ := strconv.ParseFloat(v, 64)
			p := []float64{10, 100, 1000}[rng.IntN(3)]
			v = strconv.FormatFloat(float64(int64(n/p+0.5))*p, 'f', 0, 64)
		}
		b = []byte(v)
	case 1: // scaled
		r, _ := new(big.Rat).SetString(v)
		k := rng.IntN(9) - 4
		if k >= 0 {
			r.Mul(r, pow10(k))
		} else {
			r.Quo(r, pow10(-k))
		}
		b = []byte(extract.FormatDecimal(r))
	case 2: // swapped
		if len(b) > 1 {
			i := rng.IntN(len(b) - 1)
			if b[i] != '.' && b[i+1] != '.' {
				b[i], b[i+1] = b[i+1], b[i]
			}
		}
	case 3: // changed
		i := digitAt()
		b[i] = byte('0' + rng.IntN(10))
	case 4: // dropped
		if len(b) > 1 {
			i := digitAt()
			b = append(b[:i:i], b[i+1:]...)
		}
	case 5: // added
		i := rng.IntN(len(b) + 1)
		b = append(b[:i:i], append([]byte{byte('0' + rng.IntN(10))}, b[i:]...)...)
	case 6:
		neg = !neg
	case 7: // unrelated
		b = []byte(randomDecimal(rng))
	}
	s := strings.TrimLeft(string(b), "0")
	if s == "" || s[0] == '.' {
		s = "0" + s
	}
	if strings.HasSuffix(s, ".") {
		s += "0"
	}
	if neg {
		s = "-" + s
	}
	if _, ok := extract.ParseDecimal(s); !ok {
		return v
	}
	return s
}

func randomDecimal(rng *rand.Rand) string {
	n := rng.Int64N([]int64{10, 1000, 100000, 1e9, 1e15}[rng.IntN(5)])
	s := strconv.FormatInt(n, 10)
	switch rng.IntN(4) {
	case 0:
		for range rng.IntN(4) {
			s += "0"
		}
	case 1:
		if k := rng.IntN(len(s) + 2); k > 0 {
			for len(s) <= k {
				s = "0" + s
			}
			s = s[:len(s)-k] + "." + s[len(s)-k:]
		}
	}
	return s
}

// mayRelate never rules out a pair that relate relates: values and their
// typical slips, compared both ways.
func TestMayRelateKeepsEveryRelation(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ruledOut, related := 0, 0
	for range 60000 {
		a := randomDecimal(rng)
		b := slipOf(rng, a)
		if rng.IntN(2) == 0 {
			a, b = b, a
		}
		checkMayRelate(t, a, b)
		va, _ := extract.ParseDecimal(a)
		vb, _ := extract.ParseDecimal(b)
		if rel, _ := relate(va, vb, extract.Claim{}, extract.Claim{}, false); rel != relOther {
			related++
		} else if !mayRelate(decimalOf(a), decimalOf(b), absFloat(va), absFloat(vb)) {
			ruledOut++
		}
	}
	t.Logf("%d related, %d of the others ruled out cheaply", related, ruledOut)
	if ruledOut == 0 {
		t.Error("mayRelate rules nothing out")
	}
}

// relateDec decides as relate does, where it decides.
func TestRelateDecAsRelate(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	decided := 0
	const n = 60000
	for range n {
		a := randomDecimal(rng)
		if rng.IntN(4) == 0 {
			a = "-" + a
		}
		b := slipOf(rng, a)
		if rng.IntN(2) == 0 {
			a, b = b, a
		}
		if checkRelateDec(t, a, b) {
			decided++
		}
	}
	t.Logf("relateDec decided %d of %d", decided, n)
}

func checkRelateDec(t *testing.T, a, b string) bool {
	t.Helper()
	va, ok1 := extract.ParseDecimal(a)
	vb, ok2 := extract.ParseDecimal(b)
	if !ok1 || !ok2 {
		return false
	}
	want, _ := relate(va, vb, extract.Claim{}, extract.Claim{}, false)
	got, ok := relateDec(decimalOf(a), decimalOf(b), va.Sign() < 0, vb.Sign() < 0, absFloat(va), absFloat(vb))
	if ok && got != want {
		t.Fatalf("relateDec(%s, %s) = %d, relate gives %d", a, b, got, want)
	}
	return ok
}

func FuzzRelateDec(f *testing.F) {
	for _, s := range [][2]string{{"439000000", "4390000000"}, {"3132", "3123"}, {"50.25", "50.3"}, {"-12", "12"},
		{"-12.4", "12"}, {"3132", "332"}, {"0.81", "81"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		checkRelateDec(t, a, b)
		checkRelateDec(t, b, a)
	})
}

func absFloat(v *big.Rat) float64 {
	f, _ := new(big.Rat).Abs(v).Float64()
	return f
}

func checkMayRelate(t *testing.T, a, b string) {
	t.Helper()
	va, ok1 := extract.ParseDecimal(a)
	vb, ok2 := extract.ParseDecimal(b)
	if !ok1 || !ok2 {
		return
	}
	rel, _ := relate(va, vb, extract.Claim{}, extract.Claim{}, false)
	if rel != relOther && !mayRelate(decimalOf(a), decimalOf(b), absFloat(va), absFloat(vb)) {
		t.Fatalf("relate(%s, %s) = %d, but mayRelate rules the pair out", a, b, rel)
	}
}

func TestRoundedDigits(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	cases := [][2]string{{"999.5", "1"}, {"0.95", "0.1"}, {"0.05", "0.1"}, {"0.04", "0.1"}, {"5", "10"}, {"4", "10"},
		{"9999", "100"}, {"123456", "1000"}, {"1", "0.001"}, {"0", "10"}}
	for range 20000 {
		cases = append(cases, [2]string{randomDecimal(rng), randomDecimal(rng)})
	}
	for _, c := range cases {
		z, _ := extract.ParseDecimal(c[0])
		e, _ := extract.ParseDecimal(c[1])
		step, _ := precision(e)
		if step == nil {
			continue
		}
		want := digitString(roundTo(z, step), step)
		var buf [48]byte
		got, ok := roundedDigits(buf[:0], decimalOf(c[0]), decimalOf(c[1]).exp)
		if !ok {
			continue
		}
		if string(got) != want {
			t.Errorf("roundedDigits(%s at the precision of %s) = %s, want %s", c[0], c[1], got, want)
		}
	}
}

func TestDecimalOf(t *testing.T) {
	for _, c := range []struct {
		in     string
		digits string
		exp    int
	}{
		{"439000000", "439", 6}, {"-2.10", "21", -1}, {"0.0050", "5", -3}, {"0", "", 0}, {"0.000", "", 0},
		{"12", "12", 0}, {"100.5", "1005", -1},
	} {
		d := decimalOf(c.in)
		if !d.ok || d.digits != c.digits || d.exp != c.exp {
			t.Errorf("decimalOf(%q) = %+v, want %s×10^%d", c.in, d, c.digits, c.exp)
		}
	}
	if decimalOf("1e9").ok || decimalOf("").ok {
		t.Error("decimalOf accepts what ParseDecimal refuses")
	}
}

// linkStrength ranks every pair of claims as compare does.
func TestLinkStrengthIsCompareStrength(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	kinds := []extract.Kind{extract.Count, extract.Money, extract.Percent, extract.PercentPoints, extract.Ratio, extract.Multiple, extract.Measure}
	units := []string{"", "", "yuan", "person", "household", "usd", "mu", "hectare"}
	quals := []extract.Qualifier{extract.Exact, extract.Exact, extract.Approx, extract.MoreThan, extract.Nearly, extract.AtLeast, ""}
	claim := func(v string) extract.Claim {
		c := extract.Claim{Text: v, Value: v, Kind: kinds[rng.IntN(len(kinds))], Unit: units[rng.IntN(len(units))],
			Qualifier: quals[rng.IntN(len(quals))]}
		if rng.IntN(20) == 0 {
			c.ValueMax = slipOf(rng, v)
		}
		return c
	}
	prep := func(c extract.Claim) claimPrep {
		p := claimPrep{dec: decimalOf(c.Value)}
		if v, ok := extract.ParseDecimal(c.Value); ok {
			p.f, p.neg = absFloat(v), v.Sign() < 0
		}
		return p
	}
	for range 50000 {
		a := randomDecimal(rng)
		z, e := claim(a), claim(slipOf(rng, a))
		if rng.IntN(50) == 0 {
			e.Value = "n/a"
		}
		zp, ep := prep(z), prep(e)
		if got, want := linkStrength(z, e, &zp, &ep), compare(z, e).strength; got != want {
			t.Fatalf("linkStrength(%+v, %+v) = %v, compare gives %v", z, e, got, want)
		}
	}
}

func FuzzMayRelate(f *testing.F) {
	for _, s := range [][2]string{{"439000000", "4390000000"}, {"3132", "3123"}, {"50.25", "50.3"}, {"999.5", "1000"},
		{"0.81", "81"}, {"12", "-12"}, {"3132", "332"}, {"1", "0.001"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		checkMayRelate(t, a, b)
		checkMayRelate(t, b, a)
	})
}
