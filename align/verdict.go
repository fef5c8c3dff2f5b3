package align

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"figures/extract"
)

// A verdict compares the two claims' exact values (math/big, never
// float64 for equality), then their kinds, units and qualifiers. The
// relation between the values decides most error classes:
//
//	equal                      match (unless kind, unit or qualifier disagree)
//	English = Chinese rounded  match_rounded when a reader would accept the
//	                           rounding, else rounding
//	opposite signs             sign
//	a power of ten apart       magnitude (a scale word is involved: 万, 亿,
//	                           million) or decimal (a moved point)
//	digits swapped or changed  digits
//
// and, with equal values, percent against percentage points, units
// (persons against households, yuan against dollars) and qualifiers in
// opposite directions (余 "more than" against "nearly") are mismatches too.

// Rounding that a reader accepts: the English keeps at least two
// significant figures and is within 2% of the original, or is within 0.5%,
// or says "about" and is within 10%.
const (
	acceptRel       = 0.02
	acceptRelAnySig = 0.005
	acceptRelApprox = 0.10
)

// valueRelation is how two values relate.
type valueRelation int

const (
	relOther valueRelation = iota
	relEqual
	relRounded     // English is the Chinese rounded, acceptably
	relOverRounded // English is the Chinese rounded further than acceptable
	relMorePrecise // English is more precise than the Chinese (the Chinese is the rounded one)
	relSign
	relPower // a power of ten apart
	relDigits
)

// comparison is the result of comparing two claims.
type comparison struct {
	verdict Verdict
	class   ErrorClass
	expl    string
	rel     valueRelation
	// strength orders candidate links: equal values first, then acceptable
	// rounding, then typical errors, then anything else.
	strength float64
}

// Compare gives the verdict on a Chinese claim z and the English claim e it
// is linked with, with the error class of a mismatch and a one-line
// explanation.
func Compare(z, e extract.Claim) (Verdict, ErrorClass, string) {
	c := compare(z, e)
	return c.verdict, c.class, c.expl
}

func compare(z, e extract.Claim) comparison {
	c := compareOne(z, e)
	if z.ValueMax == "" || e.ValueMax == "" {
		return c
	}
	// Two ranges: the upper ends must agree too.
	z2, e2 := z, e
	z2.Value, e2.Value = z.ValueMax, e.ValueMax
	z2.Text, e2.Text = z.Text+" (upper end)", e.Text+" (upper end)"
	hi := compareOne(z2, e2)
	if rank(hi.verdict) > rank(c.verdict) {
		hi.strength = c.strength
		return hi
	}
	return c
}

func rank(v Verdict) int {
	switch v {
	case Mismatch:
		return 2
	case MatchRounded:
		return 1
	}
	return 0
}

func compareOne(z, e extract.Claim) comparison {
	vz, ok1 := extract.ParseDecimal(z.Value)
	ve, ok2 := extract.ParseDecimal(e.Value)
	if !ok1 || !ok2 {
		return comparison{verdict: Mismatch, class: ErrOther, rel: relOther,
			expl: fmt.Sprintf("%s and %s cannot be compared", z.Text, e.Text)}
	}
	// A fraction against a percentage (三分之一 as 33%, one third as 33.3%).
	if isPercent(z.Kind) != isPercent(e.Kind) {
		if isPercent(z.Kind) && e.Kind == extract.Ratio {
			ve = new(big.Rat).Mul(ve, big.NewRat(100, 1))
		} else if isPercent(e.Kind) && z.Kind == extract.Ratio {
			vz = new(big.Rat).Mul(vz, big.NewRat(100, 1))
		}
	}
	zs, es := describe(z, vz), describeEN(e)
	rel, detail := relate(vz, ve, z, e, true)
	c := comparison{rel: rel}
	valuesAgree := rel == relEqual || rel == relRounded || rel == relMorePrecise || rel == relOverRounded
	switch {
	case valuesAgree && z.Kind == extract.PercentPoints && e.Kind == extract.Percent:
		c.verdict, c.class = Mismatch, ErrPercentVsPoints
		c.expl = fmt.Sprintf("%s is a change of %s percentage points; the English says %s, a percentage, not points", z.Text, plain(vz), e.Text)
	case valuesAgree && z.Kind == extract.Percent && e.Kind == extract.PercentPoints:
		c.verdict, c.class = Mismatch, ErrPercentVsPoints
		c.expl = fmt.Sprintf("%s is a percentage; the English says %s, percentage points", z.Text, e.Text)
	case valuesAgree && unitConflict(z, e):
		c.verdict, c.class = Mismatch, ErrUnit
		if zb, eb := rateBaseConflict(z.Unit, e.Unit); zb != "" {
			c.expl = fmt.Sprintf("%s is %s; the English says %s, per %s, not per %s", z.Text, zs, e.Text, eb, zb)
		} else {
			c.expl = fmt.Sprintf("%s counts %s; the English says %s, counting %s", z.Text, unitName(z), e.Text, unitName(e))
		}
	case valuesAgree && qualifierConflict(z.Qualifier, e.Qualifier):
		c.verdict, c.class = Mismatch, ErrQualifier
		c.expl = fmt.Sprintf("%s means %s %s; the English says %s, i.e. %s it", z.Text, qualName(z.Qualifier), zs, e.Text, dirWord(e.Qualifier))
	case rel == relEqual:
		c.verdict = Match
		c.expl = fmt.Sprintf("%s is %s; the English says %s", z.Text, zs, e.Text)
		if note := qualifierNote(z.Qualifier, e.Qualifier); note != "" {
			c.expl += "; " + note
		}
	case rel == relRounded || rel == relMorePrecise:
		c.verdict = MatchRounded
		c.expl = fmt.Sprintf("%s is %s; the English says %s, %s", z.Text, zs, es, detail)
	case rel == relOverRounded:
		c.verdict, c.class = Mismatch, ErrRounding
		c.expl = fmt.Sprintf("%s is %s; the English says %s, %s", z.Text, zs, es, detail)
	case rel == relSign:
		c.verdict, c.class = Mismatch, ErrSign
		c.expl = fmt.Sprintf("%s is %s of %s; the English says %s, %s", z.Text, signWord(vz), describe(z, new(big.Rat).Abs(vz)), e.Text, signWord(ve))
	case rel == relPower:
		// A scale word misread (万, 亿, million) is a magnitude error; a
		// point moved in a plain decimal (78.6% as 7.86%) a decimal one;
		// whole numbers with a digit too many or too few count as magnitude.
		c.verdict, c.class = Mismatch, ErrMagnitude
		if !scaleWords(z.Text, e.Text) && (!vz.IsInt() || !ve.IsInt()) {
			c.class = ErrDecimal
		}
		c.expl = fmt.Sprintf("%s is %s; the English says %s, %s", z.Text, zs, es, detail)
	case rel == relDigits:
		c.verdict, c.class = Mismatch, ErrDigits
		c.expl = fmt.Sprintf("%s is %s; the English says %s, %s", z.Text, zs, es, detail)
	default:
		c.verdict, c.class = Mismatch, ErrOther
		c.expl = fmt.Sprintf("%s is %s; the English says %s", z.Text, zs, es)
	}
	switch rel {
	case relEqual:
		c.strength = 10
	case relRounded, relMorePrecise:
		c.strength = 8
	case relSign, relPower, relDigits, relOverRounded:
		c.strength = 5
	default:
		c.strength = 0
	}
	if c.class == ErrPercentVsPoints || c.class == ErrUnit || c.class == ErrQualifier {
		c.strength = 6
	}
	return c
}

// linkStrength is compare(z, e).strength, the rank of a candidate link,
// without the explanation, and with a cheap test first (see mayRelate).
func linkStrength(z, e extract.Claim, zp, ep *claimPrep) float64 {
	dz, de := zp.dec, ep.dec
	if !dz.ok || !de.ok {
		return 0 // cannot be compared
	}
	fz, fe := zp.f, ep.f
	zRatio, eRatio := false, false // a fraction against a percentage
	if isPercent(z.Kind) != isPercent(e.Kind) {
		if isPercent(z.Kind) && e.Kind == extract.Ratio {
			eRatio, fe, de = true, fe*100, de.shift(2)
		} else if isPercent(e.Kind) && z.Kind == extract.Ratio {
			zRatio, fz, dz = true, fz*100, dz.shift(2)
		}
	}
	if !mayRelate(dz, de, fz, fe) {
		return 0
	}
	rel, ok := relateDec(dz, de, zp.neg, ep.neg, fz, fe)
	if !ok {
		vz, _ := extract.ParseDecimal(z.Value)
		ve, _ := extract.ParseDecimal(e.Value)
		if zRatio {
			vz.Mul(vz, big.NewRat(100, 1))
		}
		if eRatio {
			ve.Mul(ve, big.NewRat(100, 1))
		}
		rel, _ = relate(vz, ve, z, e, false)
	}
	valuesAgree := rel == relEqual || rel == relRounded || rel == relMorePrecise || rel == relOverRounded
	if valuesAgree && (z.Kind == extract.PercentPoints && e.Kind == extract.Percent ||
		z.Kind == extract.Percent && e.Kind == extract.PercentPoints ||
		unitConflict(z, e) || qualifierConflict(z.Qualifier, e.Qualifier)) {
		return 6
	}
	switch rel {
	case relEqual:
		return 10
	case relRounded, relMorePrecise:
		return 8
	case relSign, relPower, relDigits, relOverRounded:
		return 5
	}
	return 0
}

func isPercent(k extract.Kind) bool { return k == extract.Percent || k == extract.PercentPoints }

// relate finds how ve relates to vz, with a phrase saying how when
// detail is set.
func relate(vz, ve *big.Rat, z, e extract.Claim, detail bool) (valueRelation, string) {
	if vz.Cmp(ve) == 0 {
		return relEqual, ""
	}
	if vz.Sign() != 0 && new(big.Rat).Neg(vz).Cmp(ve) == 0 {
		return relSign, ""
	}
	az, ae := new(big.Rat).Abs(vz), new(big.Rat).Abs(ve)
	if vz.Sign()*ve.Sign() < 0 {
		// Opposite directions and different sizes: the sign is the news.
		if r, _ := relate(az, ae, z, e, false); r == relEqual || r == relRounded || r == relOverRounded {
			return relSign, ""
		}
	}
	// Is the English the Chinese rounded to the English's precision?
	if step, sig := precision(ae); step != nil && roundTo(az, step).Cmp(ae) == 0 {
		rel := relErr(az, ae)
		approx := e.Qualifier == extract.Approx || e.Qualifier == extract.Nearly && ae.Cmp(az) > 0 ||
			(e.Qualifier == extract.MoreThan || e.Qualifier == extract.AtLeast) && ae.Cmp(az) < 0
		if rel <= acceptRelAnySig || sig >= 2 && rel <= acceptRel || approx && rel <= acceptRelApprox {
			if !detail {
				return relRounded, ""
			}
			return relRounded, fmt.Sprintf("rounded to %s", stepName(step, sig))
		}
		if !detail {
			return relOverRounded, ""
		}
		return relOverRounded, fmt.Sprintf("rounded to %s (%s off) and stated as %s", stepName(step, sig), pct(rel), statedAs(e.Qualifier))
	}
	// Or is the Chinese the rounded one (the English is more precise)?
	if step, sig := precision(az); step != nil && roundTo(ae, step).Cmp(az) == 0 && sig >= 2 {
		if relErr(az, ae) <= acceptRel {
			return relMorePrecise, "more precise than the Chinese"
		}
	}
	// A power of ten apart, exactly or after rounding.
	if az.Sign() != 0 && ae.Sign() != 0 {
		// Only the powers next to the ratio's order of magnitude can match.
		fz, _ := az.Float64()
		fe, _ := ae.Float64()
		k0 := int(math.Round(math.Log10(fe / fz)))
		for k := k0 - 1; k <= k0+1; k++ {
			if k == 0 || k < -12 || k > 12 {
				continue
			}
			scaled := new(big.Rat).Mul(az, pow10(k))
			match := scaled.Cmp(ae) == 0
			if !match {
				if step, _ := precision(ae); step != nil && roundTo(scaled, step).Cmp(ae) == 0 && relErr(scaled, ae) <= acceptRel {
					match = true
				}
			}
			if match {
				if !detail {
					return relPower, ""
				}
				return relPower, timesWord(k)
			}
		}
	}
	// Swapped or changed digits, compared at the English precision.
	if how, ok := digitSlip(az, ae); ok {
		return relDigits, how
	}
	return relOther, ""
}

// precision returns the place value of the last significant digit of v
// (trailing zeros of an integer are taken as not significant: 500 million
// is stated to the hundred million) and the number of significant digits.
func precision(v *big.Rat) (*big.Rat, int) {
	if v.Sign() == 0 {
		return nil, 0
	}
	s := extract.FormatDecimal(v)
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var digits string
	var exp int // place value of the last digit in digits, as a power of ten
	if frac != "" {
		digits = strings.TrimLeft(intPart+frac, "0")
		exp = -len(frac)
	} else {
		t := strings.TrimRight(intPart, "0")
		exp = len(intPart) - len(t)
		digits = t
	}
	if digits == "" {
		return nil, 0
	}
	return pow10(exp), len(digits)
}

func pow10(k int) *big.Rat {
	if k >= 0 {
		return new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
	}
	return new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-k)), nil))
}

// roundTo rounds v (non-negative) to a multiple of step, half up.
func roundTo(v, step *big.Rat) *big.Rat {
	q := new(big.Rat).Quo(v, step)
	q.Add(q, big.NewRat(1, 2))
	n := new(big.Int).Quo(q.Num(), q.Denom()) // floor for non-negative
	return new(big.Rat).Mul(new(big.Rat).SetInt(n), step)
}

func relErr(a, b *big.Rat) float64 {
	if a.Sign() == 0 {
		return math.Inf(1)
	}
	d := new(big.Rat).Sub(a, b)
	d.Abs(d)
	d.Quo(d, new(big.Rat).Abs(a))
	f, _ := d.Float64()
	return f
}

// digitSlip reports two adjacent digits swapped or one or two digits
// changed, comparing the Chinese value rounded to the English precision.
func digitSlip(az, ae *big.Rat) (string, bool) {
	step, _ := precision(ae)
	if step == nil {
		return "", false
	}
	rz := roundTo(az, step)
	return digitSlipOf(digitString(rz, step), digitString(ae, step))
}

// digitSlipOf is digitSlip on the digits of the rounded Chinese value and
// of the English value.
func digitSlipOf(dz, de string) (string, bool) {
	if dz == "" || de == "" || dz == de {
		return "", false
	}
	if len(dz) == len(de) {
		var diff []int
		for i := range dz {
			if dz[i] != de[i] {
				diff = append(diff, i)
			}
		}
		if len(diff) == 2 && diff[1] == diff[0]+1 && dz[diff[0]] == de[diff[1]] && dz[diff[1]] == de[diff[0]] {
			return fmt.Sprintf("digits %c%c swapped", dz[diff[0]], dz[diff[1]]), true
		}
		if len(diff) <= 2 && len(dz) >= 2 && len(diff) < len(dz) {
			return fmt.Sprintf("%d digit%s changed", len(diff), plural(len(diff))), true
		}
		return "", false
	}
	// One digit dropped or added (3132 as 332).
	a, b := dz, de
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a) == len(b)+1 && len(b) >= 2 {
		for i := range a {
			if a[:i]+a[i+1:] == b {
				if len(dz) > len(de) {
					return "a digit dropped", true
				}
				return "a digit added", true
			}
		}
	}
	return "", false
}

// digitString writes v as an integer count of step units.
func digitString(v, step *big.Rat) string {
	q := new(big.Rat).Quo(v, step)
	if !q.IsInt() {
		return ""
	}
	return q.Num().String()
}

// scaleWords reports whether a scale word (万, 亿, million, ...) is in play,
// which makes a power-of-ten slip a magnitude error rather than a moved
// decimal point.
func scaleWords(zt, et string) bool {
	if strings.ContainsAny(zt, "万亿千百") {
		return true
	}
	l := strings.ToLower(et)
	for _, w := range []string{"thousand", "million", "billion", "trillion", "mln", "bn"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// unitConflict reports units that cannot both be right: two currencies,
// people against households, two units of area, length or weight, rates
// per month and per year. Units of unknown relation (people against
// person-times, yuan against yuan per person) are not flagged: the
// extractor may read the same thing two ways.
func unitConflict(z, e extract.Claim) bool {
	if zb, _ := rateBaseConflict(z.Unit, e.Unit); zb != "" {
		return true
	}
	if z.Kind == extract.Money && e.Kind != extract.Money && e.Kind != "" && e.Unit != "" && unitFamily(e.Unit) != "currency" ||
		e.Kind == extract.Money && z.Kind != extract.Money && z.Unit != "" && unitFamily(z.Unit) != "currency" {
		return unitFamily(z.Unit) == "headcount" || unitFamily(e.Unit) == "headcount"
	}
	a, b := baseUnit(z.Unit), baseUnit(e.Unit)
	if a == "" || b == "" || a == b {
		return false
	}
	fa, fb := unitFamily(a), unitFamily(b)
	return fa != "" && fa == fb
}

// rateBaseConflict compares what two rates are per (yuan/person/month:
// person and month, in whichever order they were written): when both name
// a period and the periods differ (每月 as "per year", a twelvefold error),
// or both name whom they count and those differ (每人 as "per household"),
// it returns the two bases, else "". A rate that leaves one out ("1,050
// yuan per person" for 每人每月1050元) is not a conflict.
func rateBaseConflict(zu, eu string) (zb, eb string) {
	_, zrest, ok1 := strings.Cut(zu, "/")
	_, erest, ok2 := strings.Cut(eu, "/")
	if !ok1 || !ok2 {
		return "", ""
	}
	zs, es := strings.Split(zrest, "/"), strings.Split(erest, "/")
	for _, family := range []func(string) bool{isPeriod, isHeadcount} {
		a, b := findBase(zs, family), findBase(es, family)
		if a != "" && b != "" && a != b {
			return a, b
		}
	}
	return "", ""
}

func findBase(bases []string, in func(string) bool) string {
	for _, b := range bases {
		if in(b) {
			return b
		}
	}
	return ""
}

func isPeriod(b string) bool {
	switch b {
	case "hour", "day", "week", "month", "quarter", "year":
		return true
	}
	return false
}

func isHeadcount(b string) bool { return unitFamily(b) == "headcount" }

// baseUnit is the unit before any "/" (yuan/person -> yuan), in canonical
// spelling.
func baseUnit(u string) string {
	if i := strings.IndexByte(u, '/'); i >= 0 {
		u = u[:i]
	}
	switch u {
	case "people", "persons":
		return "person"
	case "rmb", "cny":
		return "yuan"
	case "households", "family", "families":
		return "household"
	}
	return u
}

// unitFamily groups units that measure the same dimension.
func unitFamily(u string) string {
	switch baseUnit(u) {
	case "yuan", "usd", "hkd", "eur", "gbp", "jpy", "mop", "twd", "krw", "dollar":
		return "currency"
	case "person", "household":
		return "headcount"
	case "square_metre", "square_kilometre", "mu", "hectare", "square_meter", "square_kilometer":
		return "area"
	case "metre", "kilometre", "meter", "kilometer":
		return "length"
	case "tonne", "ton", "kilogram", "gram", "jin":
		return "weight"
	}
	return ""
}

// qualifier directions: up (余, 多, 超过: the true value is higher), down
// (近, 不到: lower).
func qualDir(q extract.Qualifier) int {
	switch q {
	case extract.MoreThan, extract.AtLeast:
		return 1
	case extract.Nearly, extract.LessThan, extract.AtMost:
		return -1
	}
	return 0
}

func qualifierConflict(a, b extract.Qualifier) bool {
	return qualDir(a)*qualDir(b) < 0
}

// qualifierNote says when the English drops or adds a qualifier, which is
// worth a look but not an error.
func qualifierNote(z, e extract.Qualifier) string {
	switch {
	case z == e || z == "" || e == "":
		return ""
	case e == extract.Exact && z != extract.Range:
		return fmt.Sprintf("the English drops \"%s\"", qualName(z))
	case z == extract.Exact:
		return fmt.Sprintf("the English adds \"%s\"", qualName(e))
	}
	return ""
}

func qualName(q extract.Qualifier) string {
	switch q {
	case extract.Approx:
		return "about"
	case extract.MoreThan:
		return "more than"
	case extract.LessThan:
		return "less than"
	case extract.Nearly:
		return "nearly"
	case extract.AtLeast:
		return "at least"
	case extract.AtMost:
		return "at most"
	case extract.Range:
		return "a range"
	}
	return "exactly"
}

func dirWord(q extract.Qualifier) string {
	if qualDir(q) > 0 {
		return "above"
	}
	return "below"
}

func statedAs(q extract.Qualifier) string {
	if q == extract.Exact || q == "" {
		return "exact"
	}
	return qualName(q)
}

// describe writes a Chinese claim's value for the explanation: "439,000,000
// yuan", "83.5%", "3.2 percentage points".
func describe(c extract.Claim, v *big.Rat) string {
	s := group(plain(v))
	switch c.Kind {
	case extract.Percent:
		return s + "%"
	case extract.PercentPoints:
		return s + " percentage points"
	case extract.Ratio:
		return "a ratio of " + s
	case extract.Multiple:
		return s + " times"
	}
	if u := unitName(c); u != "" {
		return s + " " + plural1(u, v)
	}
	return s
}

// plural1 puts a unit name in the plural for values other than one
// ("4,827 beds", "126 square metres"); currencies and Chinese units keep
// their form.
func plural1(u string, v *big.Rat) string {
	if v.Cmp(big.NewRat(1, 1)) == 0 || strings.ContainsAny(u, "/") {
		return u
	}
	switch {
	case u == "yuan" || u == "mu" || u == "jin" || strings.HasSuffix(u, "s") || strings.HasSuffix(u, "people"):
		return u
	case strings.HasSuffix(u, "metre"), strings.HasSuffix(u, "meter"):
		return u + "s"
	case strings.HasSuffix(u, "y") && !strings.HasSuffix(u, "ay"):
		return u[:len(u)-1] + "ies"
	case strings.HasSuffix(u, "x") || strings.HasSuffix(u, "ch") || strings.HasSuffix(u, "sh"):
		return u + "es"
	}
	return u + "s"
}

// describeEN writes an English claim as stated.
func describeEN(c extract.Claim) string { return c.Text }

func plain(v *big.Rat) string { return extract.FormatDecimal(v) }

// group puts thousands separators into a decimal string.
func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

func unitName(c extract.Claim) string {
	switch c.Unit {
	case "person":
		return "people"
	case "household":
		return "households"
	case "person-time":
		return "person-times"
	case "usd":
		return "US dollars"
	case "hkd":
		return "Hong Kong dollars"
	case "eur":
		return "euros"
	case "":
		if c.Kind == extract.Money {
			return "yuan"
		}
		return ""
	}
	return strings.ReplaceAll(c.Unit, "_", " ")
}

func signWord(v *big.Rat) string {
	if v.Sign() < 0 {
		return "a decrease"
	}
	return "an increase"
}

func timesWord(k int) string {
	n := group(plain(pow10(absInt(k))))
	if k > 0 {
		return n + " times too large"
	}
	return n + " times too small"
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func stepName(step *big.Rat, sig int) string {
	s := group(plain(step))
	return fmt.Sprintf("%d significant figure%s (the nearest %s)", sig, plural(sig), s)
}

func pct(rel float64) string {
	if rel < 0.001 {
		return "less than 0.1%"
	}
	return fmt.Sprintf("%.1f%%", rel*100)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
