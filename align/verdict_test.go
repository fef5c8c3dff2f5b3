package align

import (
	"strings"
	"testing"

	"figures/extract"
)

// zc and ec build claims by hand: text, kind, value, unit, qualifier.
func zc(text string, k extract.Kind, v, unit string, q extract.Qualifier) extract.Claim {
	return extract.Claim{Lang: "zh", Text: text, Kind: k, Value: v, Unit: unit, Qualifier: q}
}

func ec(text string, k extract.Kind, v, unit string, q extract.Qualifier) extract.Claim {
	return extract.Claim{Lang: "en", Text: text, Kind: k, Value: v, Unit: unit, Qualifier: q}
}

const (
	count   = extract.Count
	money   = extract.Money
	percent = extract.Percent
	points  = extract.PercentPoints
	ratio   = extract.Ratio
	rate    = extract.Rate
	exact   = extract.Exact
)

func TestCompare(t *testing.T) {
	tests := []struct {
		name    string
		z, e    extract.Claim
		verdict Verdict
		class   ErrorClass
		expl    string // a part the explanation must contain
	}{
		{"equal count", zc("3132个", count, "3132", "", exact), ec("3,132", count, "3132", "", exact), Match, "", "3132个 is 3,132"},
		{"equal percent", zc("83.5%", percent, "83.5", "", exact), ec("83.5%", percent, "83.5", "", exact), Match, "", ""},
		{"万 written out", zc("6.6万人", count, "66000", "person", exact), ec("66,000", count, "66000", "", exact), Match, "", "66,000 people"},
		{"million", zc("646万人", count, "6460000", "person", exact), ec("6.46 million", count, "6460000", "person", exact), Match, "", ""},
		{"亿 as million", zc("4.39亿元", money, "439000000", "yuan", exact), ec("439 million yuan", money, "439000000", "yuan", exact), Match, "", "439,000,000 yuan"},
		{"more than both", zc("3000余名", count, "3000", "person", extract.MoreThan), ec("more than 3,000", count, "3000", "person", extract.MoreThan), Match, "", ""},
		{"Chinese numerals", zc("一千二百人", count, "1200", "person", exact), ec("1,200 people", count, "1200", "person", exact), Match, "", ""},
		{"one third", zc("三分之一", ratio, "0.3333", "", exact), ec("one third", ratio, "0.3333", "", exact), Match, "", ""},
		{"fraction as percent", zc("三分之一", percent, "33.33", "", exact), ec("one third", ratio, "0.3333", "", exact), Match, "", ""},
		{"六成", zc("六成", percent, "60", "", exact), ec("60 percent", percent, "60", "", exact), Match, "", ""},
		{"qualifier dropped is noted", zc("3800余名", count, "3800", "person", extract.MoreThan), ec("3,800", count, "3800", "", exact), Match, "", `drops "more than"`},

		{"rounded millions", zc("646.3万人", count, "6463000", "person", exact), ec("6.46 million", count, "6460000", "person", exact), MatchRounded, "", "rounded to 3 significant figures (the nearest 10,000)"},
		{"rounded percent", zc("83.5%", percent, "83.5", "", exact), ec("84%", percent, "84", "", exact), MatchRounded, "", ""},
		{"about 500 million", zc("4.87亿元", money, "487000000", "yuan", exact), ec("about 500 million yuan", money, "500000000", "yuan", extract.Approx), MatchRounded, "", ""},
		{"more precise English", zc("约6.5万", count, "65000", "", extract.Approx), ec("64,832", count, "64832", "", exact), MatchRounded, "", "more precise"},

		{"万 read as 十万", zc("646万人", count, "6460000", "person", exact), ec("64.6 million", count, "64600000", "person", exact), Mismatch, ErrMagnitude, "10 times too large"},
		{"亿 read as billion", zc("4.39亿元", money, "439000000", "yuan", exact), ec("4.39 billion yuan", money, "4390000000", "yuan", exact), Mismatch, ErrMagnitude,
			"4.39亿元 is 439,000,000 yuan; the English says 4.39 billion yuan, 10 times too large"},
		{"万 read as thousand", zc("5万", count, "50000", "", exact), ec("5,000", count, "5000", "", exact), Mismatch, ErrMagnitude, "10 times too small"},
		{"万 forgotten", zc("50.25万", count, "502500", "", exact), ec("50.25", count, "50.25", "", exact), Mismatch, ErrMagnitude, "10,000 times too small"},
		{"rounded and scaled", zc("646.3万", count, "6463000", "", exact), ec("64.6 million", count, "64600000", "", exact), Mismatch, ErrMagnitude, ""},
		{"moved point", zc("78.6%", percent, "78.6", "", exact), ec("7.86%", percent, "7.86", "", exact), Mismatch, ErrDecimal, "10 times too small"},
		{"transposed", zc("3132个", count, "3132", "", exact), ec("3,123", count, "3123", "", exact), Mismatch, ErrDigits, "digits 32 swapped"},
		{"changed digit", zc("6658个", count, "6658", "", exact), ec("6,558", count, "6558", "", exact), Mismatch, ErrDigits, "1 digit changed"},
		{"transposed after rounding", zc("646.3万人", count, "6463000", "person", exact), ec("6.64 million", count, "6640000", "person", exact), Mismatch, ErrDigits, "swapped"},
		{"dropped digit", zc("3132个", count, "3132", "", exact), ec("312", count, "312", "", exact), Mismatch, ErrDigits, "digit dropped"},
		{"rounded too far", zc("4.87亿元", money, "487000000", "yuan", exact), ec("500 million yuan", money, "500000000", "yuan", exact), Mismatch, ErrRounding,
			"rounded to 1 significant figure (the nearest 100,000,000) (2.7% off) and stated as exact"},
		{"persons as households", zc("1.2万人", count, "12000", "person", exact), ec("12,000 households", count, "12000", "household", exact), Mismatch, ErrUnit, "counts people"},
		{"yuan as dollars", zc("4.39亿元", money, "439000000", "yuan", exact), ec("$439 million", money, "439000000", "usd", exact), Mismatch, ErrUnit, "US dollars"},
		{"余 as nearly", zc("3000余名", count, "3000", "person", extract.MoreThan), ec("nearly 3,000", count, "3000", "person", extract.Nearly), Mismatch, ErrQualifier, "more than"},
		{"近 as more than", zc("近5万", count, "50000", "", extract.Nearly), ec("more than 50,000", count, "50000", "", extract.MoreThan), Mismatch, ErrQualifier, ""},
		{"points as percent", zc("3.2个百分点", points, "3.2", "", exact), ec("3.2%", percent, "3.2", "", exact), Mismatch, ErrPercentVsPoints, "percentage points"},
		{"下降 as up", zc("下降3.2%", percent, "-3.2", "", exact), ec("up 3.2%", percent, "3.2", "", exact), Mismatch, ErrSign, "a decrease"},
		{"range", extract.Claim{Text: "3至5万元", Kind: money, Value: "30000", ValueMax: "50000", Unit: "yuan", Qualifier: extract.Range},
			extract.Claim{Text: "30,000 to 50,000 yuan", Kind: money, Value: "30000", ValueMax: "50000", Unit: "yuan", Qualifier: extract.Range}, Match, "", ""},
		{"range upper end wrong", extract.Claim{Text: "3至5万元", Kind: money, Value: "30000", ValueMax: "50000", Unit: "yuan", Qualifier: extract.Range},
			extract.Claim{Text: "30,000 to 500,000 yuan", Kind: money, Value: "30000", ValueMax: "500000", Unit: "yuan", Qualifier: extract.Range}, Mismatch, ErrMagnitude, "upper end"},
		{"per month as per year", zc("1050元", rate, "1050", "yuan/person/month", exact), ec("1,050 yuan per person per year", rate, "1050", "yuan/person/year", exact),
			Mismatch, ErrUnit, "per year, not per month"},
		{"per person as per household", zc("1050元", rate, "1050", "yuan/person/month", exact), ec("1,050 yuan per household per month", rate, "1050", "yuan/household/month", exact),
			Mismatch, ErrUnit, "per household, not per person"},
		{"rate bases in another order", zc("1050元", rate, "1050", "yuan/month/person", exact), ec("1,050 yuan per person per month", rate, "1050", "yuan/person/month", exact), Match, "", ""},
		{"English names no period", zc("1050元", rate, "1050", "yuan/person/month", exact), ec("1,050 yuan per person", rate, "1050", "yuan/person", exact), Match, "", ""},
		{"rate as money", zc("1050元", rate, "1050", "yuan/person/month", exact), ec("1,050 yuan", money, "1050", "yuan", exact), Match, "", ""},
		{"unrelated", zc("529家", count, "529", "", exact), ec("1,700", count, "1700", "", exact), Mismatch, ErrOther, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, c, expl := Compare(tt.z, tt.e)
			if v != tt.verdict || c != tt.class {
				t.Errorf("Compare(%s, %s) = %s/%s, want %s/%s (%s)", tt.z.Text, tt.e.Text, v, c, tt.verdict, tt.class, expl)
			}
			if !strings.Contains(expl, tt.expl) {
				t.Errorf("explanation %q lacks %q", expl, tt.expl)
			}
			if strings.Contains(expl, "\n") || expl == "" {
				t.Errorf("explanation %q is not one line", expl)
			}
		})
	}
}
