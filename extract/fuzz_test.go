package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"为50.25万残疾人发放补贴4.39亿元。", "3800余名事实无人抚养儿童", "低保标准城乡差距缩小到1:0.81",
	"３１３２个，８３．５％", "二〇二一年", "十九届六中全会", "三分之二", "两成半", "3至5万元", "一百 五 十 二",
	"1万(含)-5万元", "百分之 2.4", "负三十二", "零下四摄氏度", "五元六角-五元七毛八分", "翻了两番",
	"subsidies of 439 million yuan to 502,500 disabled people", "more than 3,800", "fell 2.1%",
	"one hundred and three and two thirds", "between 3 and 5 million", "$ 20,000.00 $ 37,305.97",
	"2 1/4 miles", "a dozen", "tens of thousands of", "½ teaspoon", "1.1^+23", "192.168.1.2", "- 1,200,000",
	"US$4.7 billion and 200 USD", "Tel: 023-6389 1234", "“十四五”", "\"two subsidies\"", "1e10", "", "0",
}

// checkClaims verifies the invariants every claim must keep: offsets inside
// the text, the text equal to the slice, core and outer nested around it,
// and values that parse.
func checkClaims(t *testing.T, lang, text string, claims []Claim) {
	t.Helper()
	runes := []rune(text)
	for _, c := range claims {
		if c.Start < 0 || c.End > len(runes) || c.Start >= c.End {
			t.Fatalf("%s %q: claim %q has offsets [%d,%d) outside [0,%d)", lang, text, c.Text, c.Start, c.End, len(runes))
		}
		if got := string(runes[c.Start:c.End]); got != c.Text {
			t.Fatalf("%s %q: claim text %q but the slice is %q", lang, text, c.Text, got)
		}
		if c.Outer.Start > c.Start || c.Outer.End < c.End || c.Outer.Start < 0 || c.Outer.End > len(runes) {
			t.Fatalf("%s %q: outer %v does not hold [%d,%d)", lang, text, c.Outer, c.Start, c.End)
		}
		if c.Core.Start < c.Outer.Start || c.Core.End > c.Outer.End || c.Core.Start > c.Core.End {
			t.Fatalf("%s %q: core %v outside outer %v", lang, text, c.Core, c.Outer)
		}
		if _, ok := ParseDecimal(c.Value); !ok {
			t.Fatalf("%s %q: value %q does not parse", lang, text, c.Value)
		}
		if c.ValueMax != "" {
			if _, ok := ParseDecimal(c.ValueMax); !ok {
				t.Fatalf("%s %q: value_max %q does not parse", lang, text, c.ValueMax)
			}
		}
	}
	for i := 1; i < len(claims); i++ {
		if claims[i].Start < claims[i-1].End {
			t.Fatalf("%s %q: claims %q and %q overlap", lang, text, claims[i-1].Text, claims[i].Text)
		}
	}
}

// FuzzString: the extractor never panics and its claims keep their
// invariants, in both grammars, on any input.
func FuzzString(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		for _, lang := range []string{"zh", "en"} {
			checkClaims(t, lang, s, String(lang, s))
		}
	})
}

// FuzzReaders: the number readers never panic and never read past the text
// or backwards.
func FuzzReaders(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, p int) {
		if len(s) == 0 {
			return
		}
		if p < 0 {
			p = -p
		}
		p %= len(s)
		for p > 0 && !utf8.RuneStart(s[p]) {
			p--
		}
		for _, read := range []func(string, int) *number{readZh, readEn, readZhInt, readZhSigned, readZhFraction} {
			if n := read(s, p); n != nil {
				if n.end < p || n.end > len(s) || n.val == nil {
					t.Fatalf("%q at %d: read [%d,%d) with value %v", s, p, n.start, n.end, n.val)
				}
			}
		}
		a := readArabic(s, p, true)
		if a.end < p || a.end > len(s) {
			t.Fatalf("%q at %d: readArabic ends at %d", s, p, a.end)
		}
		if _, e := zhJiaoFen(s, p, false); e < p || e > len(s) {
			t.Fatalf("%q at %d: zhJiaoFen ends at %d", s, p, e)
		}
	})
}

// FuzzParseDecimal: ParseDecimal and FormatDecimal agree on what they
// accept.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"439000000", "83.5", "-2.1", "0.81", "66.6667", "1/3", "", "abc", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, ok := ParseDecimal(s)
		if !ok {
			return
		}
		out := FormatDecimal(r)
		back, ok := ParseDecimal(out)
		if !ok {
			t.Fatalf("FormatDecimal(%q) = %q, which does not parse", s, out)
		}
		if back.Cmp(r) != 0 {
			t.Fatalf("%q formats as %q, which reads back as %s", s, out, back.RatString())
		}
	})
}

// TestLongInputs runs the extractor over a 10 MB single line of bulletin
// text and over a text of digits only: it must finish (the scanner is linear
// in the input; a quadratic step would not complete in test time) and keep
// its invariants.
func TestLongInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("long inputs")
	}
	unit := "全市建成社区养老服务设施3132个，为50.25万残疾人发放补贴4.39亿元，同比下降2.1%，" +
		"subsidies of 439 million yuan to 502,500 disabled people, up 3.2 percentage points; "
	var b strings.Builder
	for b.Len() < 10<<20 {
		b.WriteString(unit)
	}
	line := b.String()
	for _, lang := range []string{"zh", "en"} {
		claims := String(lang, line)
		if len(claims) == 0 {
			t.Fatalf("%s: no claims in a 10 MB line", lang)
		}
		checkClaimsFast(t, lang, line, claims)
	}
	digits := strings.Repeat("1234567890", 1<<20) // 10 MB of digits
	for _, lang := range []string{"zh", "en"} {
		claims := String(lang, digits)
		checkClaimsFast(t, lang, digits, claims)
	}
	spaced := strings.Repeat("一 ", 1<<20) // spaces squeezed between numerals
	checkClaimsFast(t, "zh", spaced, String("zh", spaced))
	// the context looks of the second round: a telephone sentence full of
	// bare seven-digit runs and full-width commas between digits, years
	// after "to" far from the last claim, and chains of numbers after a
	// code word
	for lang, unit := range map[string]string{
		"zh": "联系电话1234567，由2019至2021，拨打110或120或1234567，7654321，",
		"en": "from 2019 to 2021 and 2022 to 2023, call 110 or 120 or 119, ",
	} {
		line := "3132个 " + strings.Repeat(unit, (2<<20)/len(unit))
		checkClaimsFast(t, lang, line, String(lang, line))
	}
}

// checkClaimsFast checks offsets on long inputs without converting the whole
// text to runes for every claim.
func checkClaimsFast(t *testing.T, lang, text string, claims []Claim) {
	t.Helper()
	n := utf8.RuneCountInString(text)
	prevEnd := 0
	for _, c := range claims {
		if c.Start < prevEnd || c.End > n || c.Start >= c.End {
			t.Fatalf("%s: claim %q at [%d,%d) out of order or outside [0,%d)", lang, c.Text, c.Start, c.End, n)
		}
		prevEnd = c.End
	}
}
