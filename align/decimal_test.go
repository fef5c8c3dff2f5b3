package align

import (
	"math/big"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"figures/corpus"
	"figures/extract"
)

// The reference implementations below are the aligner's number reading as
// it was with math/big; the decimal reading must give the same anchors.

type refAnchor struct {
	key string
	w   float64
	val *big.Rat
}

var refDigits = regexp.MustCompile(`\d+(?:,\d{3})*(?:\.\d+)?`)

func refScanNumbers(text, lang string) []refAnchor {
	zhScales := []struct {
		s string
		m int64
	}{{"万亿", 1e12}, {"千亿", 1e11}, {"百亿", 1e10}, {"千万", 1e7}, {"百万", 1e6}, {"亿", 1e8}, {"万", 1e4}, {"千", 1e3}}
	enScales := map[string]int64{"thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
	t := corpus.Fold(text).Text
	var out []refAnchor
	for _, m := range refDigits.FindAllStringIndex(t, -1) {
		if m[0] > 0 && (isASCIILetter(t[m[0]-1]) || t[m[0]-1] == '.') {
			continue
		}
		raw := strings.ReplaceAll(t[m[0]:m[1]], ",", "")
		v, ok := new(big.Rat).SetString(raw)
		if !ok {
			continue
		}
		rest := t[m[1]:]
		if lang == "zh" {
			switch {
			case strings.HasPrefix(rest, "月") && v.IsInt() && v.Num().Int64() >= 1 && v.Num().Int64() <= 12:
				out = append(out, refAnchor{key: "m:" + raw, w: 0.5})
				continue
			case (strings.HasPrefix(rest, "日") || strings.HasPrefix(rest, "号")) && v.IsInt() && v.Num().Int64() <= 31:
				if v.Num().Int64() >= 10 {
					out = append(out, refAnchor{key: "d:" + raw, w: 0.5})
				}
				continue
			}
			for _, sc := range zhScales {
				if strings.HasPrefix(rest, sc.s) {
					v.Mul(v, new(big.Rat).SetInt64(sc.m))
					break
				}
			}
		} else {
			word := strings.ToLower(firstWord(strings.TrimLeft(rest, " ")))
			if sc, ok := enScales[word]; ok {
				v.Mul(v, new(big.Rat).SetInt64(sc))
			} else if mo := monthBefore(t[:m[0]]); mo > 0 && v.IsInt() && v.Num().Int64() <= 31 {
				if v.Num().Int64() >= 10 {
					out = append(out, refAnchor{key: "d:" + raw, w: 0.5})
				}
				continue
			}
		}
		out = append(out, refNumAnchor(v))
	}
	if lang != "zh" {
		for _, a := range monthAnchors(t) {
			out = append(out, refAnchor{key: a.key, w: a.w})
		}
	}
	return out
}

func refNumAnchor(v *big.Rat) refAnchor {
	av := new(big.Rat).Abs(v)
	a := refAnchor{key: "v:" + extract.FormatDecimal(av), val: av}
	switch {
	case v.IsInt() && v.Num().CmpAbs(big.NewInt(10)) < 0:
		a.w = 0
	case v.IsInt() && v.Num().CmpAbs(big.NewInt(100)) < 0:
		a.w = 0.5
	default:
		a.w = 1
	}
	return a
}

func refVariantKeys(v *big.Rat) []string {
	if v == nil || v.Cmp(big.NewRat(100, 1)) < 0 {
		return nil
	}
	var out []string
	for _, f := range []int64{10, 100, 10000} {
		r := new(big.Rat).SetInt64(f)
		out = append(out, "v:"+extract.FormatDecimal(new(big.Rat).Mul(v, r)),
			"v:"+extract.FormatDecimal(new(big.Rat).Quo(v, r)))
	}
	b := []byte(extract.FormatDecimal(v))
	for i := 0; i+1 < len(b); i++ {
		if b[i] != b[i+1] && isDigit(b[i]) && isDigit(b[i+1]) {
			b[i], b[i+1] = b[i+1], b[i]
			if b[0] != '0' {
				out = append(out, "v:"+string(b))
			}
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
	return out
}

// checkAnchors compares the decimal reading of text with the reference.
func checkAnchors(t *testing.T, text string) {
	t.Helper()
	for _, lang := range []string{"zh", "en"} {
		got := scanNumbers(text, lang)
		want := refScanNumbers(text, lang)
		if len(got) != len(want) {
			t.Fatalf("scanNumbers(%q, %s) = %d anchors, want %d: %v / %v", text, lang, len(got), len(want), got, want)
		}
		for k := range got {
			g, w := got[k], want[k]
			if g.key != w.key || g.w != w.w || g.val.ok != (w.val != nil) {
				t.Fatalf("scanNumbers(%q, %s)[%d] = %+v, want %+v", text, lang, k, g, w)
			}
			if w.val == nil {
				continue
			}
			if gv, wv := variantKeys(g.val), refVariantKeys(w.val); !reflect.DeepEqual(gv, wv) {
				t.Fatalf("variantKeys(%s) = %v, want %v", w.key, gv, wv)
			}
		}
	}
}

func TestScanNumbersAsWithBigRat(t *testing.T) {
	for _, s := range []string{
		"为50.25万残疾人发放补贴4.39亿元，同比增长12.5%。",
		"1月24日，全市GDP达到1,234.5亿元，COVID-19病例v2.1，3.0月，31日，0031号，07月。",
		"On December 10, subsidies of 4.39 billion yuan reached 502,500 people; 1,2345 and 12,345,678.90 mn.",
		"Jan. 24 and May 3, 2023: 3.2 percentage points, 0.05 trillion, 18446744073709551621月, 18446744073709551627日",
		"１２３４５万人，２０２３年１２月１５日",
		"100 99.5 100.5 0.0 000 007 9999 10000 1.2.3 5. .5",
	} {
		checkAnchors(t, s)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	parts := []string{"1", "0", "9", "5", ",", ".", "万", "亿", "千万", "月", "日", "号", " million", " bn", "March ", "Dec. ",
		"v", "-", "年", " ", "12", "31", "１", "，", "a"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		checkAnchors(t, b.String())
	}
}

func FuzzScanNumbers(f *testing.F) {
	f.Add("为50.25万残疾人发放补贴4.39亿元，12月24日")
	f.Add("On Dec. 24, 4.39 billion yuan reached 502,500 people")
	f.Fuzz(func(t *testing.T, s string) {
		checkAnchors(t, s)
	})
}

func TestDecimalAsParseDecimal(t *testing.T) {
	for _, s := range []string{"0", "-0", "0.0", "00.100", "439000000", "4.39", "-2.10", "0.05", "1.", ".5", "-", "", "1e9",
		"1/3", "--1", "1.2.3", "12345678901234567890123", strings.Repeat("9", 201), "1 2", "+1"} {
		checkDecimal(t, s)
	}
}

func checkDecimal(t *testing.T, s string) {
	t.Helper()
	d := decimalOf(s)
	v, ok := extract.ParseDecimal(s)
	if d.ok != ok {
		t.Fatalf("decimalOf(%q).ok = %v, ParseDecimal says %v", s, d.ok, ok)
	}
	if !ok {
		return
	}
	av := new(big.Rat).Abs(v)
	if got, want := d.String(), extract.FormatDecimal(av); got != want {
		t.Fatalf("decimalOf(%q) = %s, want %s", s, got, want)
	}
	if got, want := d.key(), "v:"+extract.FormatDecimal(av); got != want {
		t.Fatalf("decimalOf(%q).key() = %s, want %s", s, got, want)
	}
	if d.isInt() != av.IsInt() {
		t.Fatalf("decimalOf(%q).isInt() = %v", s, d.isInt())
	}
	if d.isInt() && d.int64() != av.Num().Int64() {
		t.Fatalf("decimalOf(%q).int64() = %d, want %d", s, d.int64(), av.Num().Int64())
	}
	for _, k := range []int{-4, -1, 1, 2, 12} {
		want := new(big.Rat).Mul(av, pow10(k))
		if got := d.shift(k).String(); got != extract.FormatDecimal(want) {
			t.Fatalf("decimalOf(%q).shift(%d) = %s, want %s", s, k, got, extract.FormatDecimal(want))
		}
	}
}

func FuzzDecimal(f *testing.F) {
	for _, s := range []string{"0", "-2.10", "439000000", "0.05", "1.", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkDecimal(t, s) })
}

func TestFoldText(t *testing.T) {
	for _, s := range []string{"", "全市，１２３４万元。", "“GDP”增长5.2％", "a\u3000b〇", "\xff\xfe", "한국어 ｶﾀｶﾅ", "㐀㑖 ①②"} {
		if got, want := foldText(s), corpus.Fold(s).Text; got != want {
			t.Errorf("foldText(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(0); r < 0x11000; r++ {
		if s := string(r); foldText(s) != corpus.Fold(s).Text {
			t.Fatalf("foldText(%U) = %q, want %q", r, foldText(s), corpus.Fold(s).Text)
		}
	}
}

func FuzzFoldText(f *testing.F) {
	f.Add("全市，１２３４万元。")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldText(s), corpus.Fold(s).Text; got != want {
			t.Errorf("foldText(%q) = %q, want %q", s, got, want)
		}
	})
}
