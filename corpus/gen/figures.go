package gen

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// value is a figure as generated: an integer mantissa and the number of
// decimals it is written with (m=2875, dec=1 is 287.5).
type value struct {
	m   int64
	dec int
}

// kind generates values of one figure type and writes them in each
// version. An English rendering may be seeded with an error of the given
// class.
type kind struct {
	gen func(r *rand.Rand, lo, hi int64) value
	// zh writes simplified (trad=false) or traditional Chinese.
	zh func(v value, trad bool) string
	en func(v value, style int) string
	// wrong writes the English with a translator's error, and names the
	// error class figures should diagnose; nil when the type has none.
	wrong func(v value, style int) (string, string)
}

// rangeOr returns [lo, hi] unless the template gave its own range.
func rangeOr(r *rand.Rand, lo, hi, deflo, defhi int64) int64 {
	if lo == 0 && hi == 0 {
		lo, hi = deflo, defhi
	}
	return lo + r.Int64N(hi-lo+1)
}

func decimals(r *rand.Rand, max int) int { return r.IntN(max + 1) }

// scaled returns m/10^dec as v with at most max decimals, trimmed of
// trailing zeros.
func randDecimal(r *rand.Rand, lo, hi int64, maxDec int) value {
	dec := decimals(r, maxDec)
	p := pow10(dec)
	m := lo*p + r.Int64N((hi-lo)*p+1)
	return trim(value{m, dec})
}

func trim(v value) value {
	for v.dec > 0 && v.m%10 == 0 {
		v.m /= 10
		v.dec--
	}
	return v
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// plain writes v as a decimal: 2875/1 is "287.5".
func plain(v value) string {
	s := strconv.FormatInt(v.m, 10)
	if v.dec == 0 {
		return s
	}
	for len(s) <= v.dec {
		s = "0" + s
	}
	return s[:len(s)-v.dec] + "." + s[len(s)-v.dec:]
}

// grouped writes an integer with thousands separators.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// times multiplies v by 10^k.
func times(v value, k int) value {
	for k > 0 && v.dec > 0 {
		v.dec--
		k--
	}
	return trim(value{v.m * pow10(k), v.dec})
}

// inUnits writes the number n (an integer number of units) in multiples of
// 10^k: inUnits(439000000, 6) is "439", inUnits(1236000000, 9) is "1.236".
func inUnits(v value, k int) string {
	return plain(trim(value{v.m, v.dec + k}))
}

// english writes an integer amount the way English bulletins do: in
// millions or billions when it is large and round enough, otherwise with
// thousands separators.
func english(n value, unit string) string {
	if n.dec > 0 {
		return plain(n) + unit
	}
	switch {
	case n.m >= 1e9 && n.m%1e6 == 0:
		return inUnits(n, 9) + " billion" + unit
	case n.m >= 1e6 && n.m%1e4 == 0:
		return inUnits(n, 6) + " million" + unit
	}
	return grouped(n.m) + unit
}

func zhNum(s string, trad bool, simp, tr string) string {
	if trad {
		return s + tr
	}
	return s + simp
}

var kinds = map[string]kind{
	// A count written out: 3132 / 3,132.
	"int": {
		gen: func(r *rand.Rand, lo, hi int64) value { return value{rangeOr(r, lo, hi, 12, 980), 0} },
		zh:  func(v value, _ bool) string { return plain(v) },
		en:  func(v value, _ int) string { return grouped(v.m) },
		wrong: func(v value, _ int) (string, string) {
			return grouped(transpose(v.m)), "digits"
		},
	},
	"big": {
		gen: func(r *rand.Rand, lo, hi int64) value { return value{rangeOr(r, lo, hi, 1200, 98000), 0} },
		zh:  func(v value, _ bool) string { return plain(v) },
		en:  func(v value, _ int) string { return grouped(v.m) },
		wrong: func(v value, _ int) (string, string) {
			return grouped(transpose(v.m)), "digits"
		},
	},
	// A count in 万: 28.7万 / 287,000.
	"wan": {
		gen: func(r *rand.Rand, lo, hi int64) value { return randDecimal(r, 1, 980, 2) },
		zh:  func(v value, trad bool) string { return zhNum(plain(v), trad, "万", "萬") },
		en:  func(v value, _ int) string { return english(times(v, 4), "") },
		wrong: func(v value, _ int) (string, string) {
			return english(times(v, 3), ""), "magnitude" // 万 read as thousand
		},
	},
	// Money in 亿元: 4.39亿元 / 439 million yuan.
	"yi": {
		gen: func(r *rand.Rand, lo, hi int64) value { return randDecimal(r, 1, 95, 2) },
		zh:  func(v value, trad bool) string { return zhNum(plain(v), trad, "亿元", "億元") },
		en:  func(v value, _ int) string { return english(times(v, 8), " yuan") },
		wrong: func(v value, _ int) (string, string) {
			return plain(v) + " billion yuan", "magnitude" // 亿 read as billion
		},
	},
	// Money in 万元: 3876万元 / 38.76 million yuan.
	"wanyuan": {
		gen: func(r *rand.Rand, lo, hi int64) value { return randDecimal(r, 120, 9800, 1) },
		zh:  func(v value, trad bool) string { return zhNum(plain(v), trad, "万元", "萬元") },
		en:  func(v value, _ int) string { return english(times(v, 4), " yuan") },
		wrong: func(v value, _ int) (string, string) {
			return english(times(v, 3), " yuan"), "magnitude"
		},
	},
	"yuan": {
		gen: func(r *rand.Rand, lo, hi int64) value { return value{rangeOr(r, lo, hi, 90, 48000), 0} },
		zh:  func(v value, _ bool) string { return plain(v) + "元" },
		en:  func(v value, _ int) string { return grouped(v.m) + " yuan" },
		wrong: func(v value, _ int) (string, string) {
			return grouped(transpose(v.m)) + " yuan", "digits"
		},
	},
	"pct": {
		gen: func(r *rand.Rand, lo, hi int64) value { return randDecimal(r, 1, 98, 1) },
		zh:  func(v value, _ bool) string { return plain(v) + "%" },
		en: func(v value, style int) string {
			if style%2 == 0 {
				return plain(v) + "%"
			}
			return plain(v) + " percent"
		},
	},
	// Percentage points: 4.2个百分点 / 4.2 percentage points.
	"pp": {
		gen: func(r *rand.Rand, lo, hi int64) value { return randDecimal(r, 0, 9, 1) },
		zh:  func(v value, trad bool) string { return zhNum(plain(v), trad, "个百分点", "個百分點") },
		en:  func(v value, _ int) string { return plain(v) + " percentage points" },
		wrong: func(v value, _ int) (string, string) {
			return plain(v) + "%", "percent_vs_points"
		},
	},
	// More than: 3800余 / more than 3,800.
	"yu": {
		gen: func(r *rand.Rand, lo, hi int64) value { return value{100 * rangeOr(r, lo, hi, 3, 95), 0} },
		zh:  func(v value, trad bool) string { return zhNum(plain(v), trad, "余", "餘") },
		en:  func(v value, _ int) string { return "more than " + grouped(v.m) },
		wrong: func(v value, _ int) (string, string) {
			return "nearly " + grouped(v.m), "qualifier"
		},
	},
	// About: 约1.2万 / about 12,000.
	"yue": {
		gen: func(r *rand.Rand, lo, hi int64) value { return randDecimal(r, 1, 9, 1) },
		zh: func(v value, trad bool) string {
			if trad {
				return "約" + plain(v) + "萬"
			}
			return "约" + plain(v) + "万"
		},
		en: func(v value, _ int) string { return "about " + english(times(v, 4), "") },
	},
	"ratio": {
		gen: func(r *rand.Rand, lo, hi int64) value { return value{50 + r.Int64N(49), 2} },
		zh:  func(v value, _ bool) string { return "1:" + plain(v) },
		en:  func(v value, _ int) string { return "1:" + plain(v) },
	},
	"bei": {
		gen: func(r *rand.Rand, lo, hi int64) value { return value{11 + r.Int64N(40), 1} },
		zh:  func(v value, _ bool) string { return plain(trim(v)) + "倍" },
		en:  func(v value, _ int) string { return plain(trim(v)) + " times" },
	},
}

// transpose swaps two adjacent different digits of n (3132 -> 3123), the
// typist's error; n is returned unchanged when all its digits are equal.
func transpose(n int64) int64 {
	s := []byte(strconv.FormatInt(n, 10))
	for i := len(s) - 1; i > 0; i-- {
		if s[i] != s[i-1] && !(i == 1 && s[i] == '0') {
			s[i], s[i-1] = s[i-1], s[i]
			out, _ := strconv.ParseInt(string(s), 10, 64)
			return out
		}
	}
	return n
}

// fill replaces the figures of a template with their values in version v,
// generating values on first use. seed decides, per figure, whether the
// English is written wrong; it returns the errors it seeded.
func (s *story) fill(tmpl string, v int, errRate float64) string {
	var b strings.Builder
	last := 0
	for _, m := range figureRef.FindAllStringSubmatchIndex(tmpl, -1) {
		b.WriteString(s.names(tmpl[last:m[0]], v))
		name, typ := tmpl[m[2]:m[3]], tmpl[m[4]:m[5]]
		k := kinds[typ]
		val, ok := s.values[name]
		if !ok {
			var lo, hi int64
			if m[6] >= 0 {
				lo, _ = strconv.ParseInt(tmpl[m[6]:m[7]], 10, 64)
				hi, _ = strconv.ParseInt(tmpl[m[8]:m[9]], 10, 64)
			}
			val = k.gen(s.r, lo, hi)
			s.values[name] = val
		}
		switch v {
		case hans, hant:
			b.WriteString(k.zh(val, v == hant))
		case en:
			right := k.en(val, s.style)
			if k.wrong != nil && errRate > 0 && s.r.Float64() < errRate {
				w, class := k.wrong(val, s.style)
				if w != right {
					s.seeded = append(s.seeded, Seeded{ZH: k.zh(val, s.variant == hant), EN: w, Right: right, Class: class})
					right = w
				}
			}
			b.WriteString(right)
		}
		last = m[1]
	}
	b.WriteString(s.names(tmpl[last:], v))
	return b.String()
}

// names fills the per-document names: {city}, {year}, {prev}, {md}.
func (s *story) names(t string, v int) string {
	if !strings.Contains(t, "{") {
		return t
	}
	md := s.date.Format("January 2")
	if v != en {
		md = strconv.Itoa(int(s.date.Month())) + "月" + strconv.Itoa(s.date.Day()) + "日"
	}
	return strings.NewReplacer(
		"{city}", s.city[v],
		"{year}", strconv.Itoa(s.date.Year()),
		"{prev}", strconv.Itoa(s.date.Year()-1),
		"{md}", md,
	).Replace(t)
}
