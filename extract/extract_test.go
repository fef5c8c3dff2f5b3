package extract_test

import (
	"fmt"
	"strings"
	"testing"

	"figures/extract"
)

// c describes an expected claim as "text|kind|value[..max]|unit|qualifier";
// trailing fields may be left out (unit "", qualifier exact).
type c string

func (w c) parts() (text, kind, value, max, unit, qual string) {
	f := strings.Split(string(w), "|")
	for len(f) < 5 {
		f = append(f, "")
	}
	text, kind, value, unit, qual = f[0], f[1], f[2], f[3], f[4]
	if v, m, ok := strings.Cut(value, ".."); ok {
		value, max = v, m
	}
	if qual == "" {
		qual = "exact"
		if max != "" {
			qual = "range"
		}
	}
	return
}

func describe(cs []extract.Claim) string {
	var b strings.Builder
	for _, x := range cs {
		v := x.Value
		if x.ValueMax != "" {
			v += ".." + x.ValueMax
		}
		fmt.Fprintf(&b, "\n\t%s|%s|%s|%s|%s", x.Text, x.Kind, v, x.Unit, x.Qualifier)
	}
	return b.String()
}

type tcase struct {
	name string
	lang string
	text string
	want []c
}

func runCases(t *testing.T, cases []tcase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := extract.String(tc.lang, tc.text)
			if len(got) != len(tc.want) {
				t.Fatalf("%q: got %d claims, want %d:%s", tc.text, len(got), len(tc.want), describe(got))
			}
			runes := []rune(tc.text)
			for i, w := range tc.want {
				text, kind, value, max, unit, qual := w.parts()
				g := got[i]
				if g.Text != text || string(g.Kind) != kind || g.Value != value || g.ValueMax != max ||
					g.Unit != unit || string(g.Qualifier) != qual {
					t.Errorf("%q: claim %d is%s\nwant\n\t%s", tc.text, i, describe(got[i:i+1]), w)
				}
				if string(runes[g.Start:g.End]) != g.Text {
					t.Errorf("%q: offsets [%d,%d) do not hold %q", tc.text, g.Start, g.End, g.Text)
				}
			}
		})
	}
}

func TestDigits(t *testing.T) {
	runCases(t, []tcase{
		{"plain", "zh", "建成社区养老服务设施3132个", []c{"3132个|count|3132"}},
		{"thousands", "en", "a total of 3,132 facilities", []c{"3,132|count|3132"}},
		{"thousands2", "en", "6,658 village-level centres", []c{"6,658|count|6658"}},
		{"decimal", "zh", "平均跑动次数压缩到0.21次", []c{"0.21次|count|0.21|time"}},
		{"decimal2", "zh", "补贴4.39亿元", []c{"4.39亿元|money|439000000|yuan"}},
		{"fullwidth", "zh", "建成设施３１３２个，运营率达８３．５％", []c{"３１３２个|count|3132", "８３．５％|percent|83.5"}},
		{"list zh", "zh", "社会化运营率分别达100%、83.5%", []c{"100%|percent|100", "83.5%|percent|83.5"}},
		{"list en", "en", "rates reached 100% and 83.5% respectively", []c{"100%|percent|100", "83.5%|percent|83.5"}},
		{"big digits", "en", "The fund holds 1,234,567.89 yuan.", []c{"1,234,567.89 yuan|money|1234567.89|yuan"}},
	})
}

func TestChineseNumerals(t *testing.T) {
	runCases(t, []tcase{
		{"十三", "zh", "出台十三项措施", []c{"十三项|count|13|item"}},
		{"一千二百三十四", "zh", "共有一千二百三十四人", []c{"一千二百三十四人|count|1234|person"}},
		{"两千", "zh", "新增两千张床位", []c{"两千张床位|count|2000|bed"}},
		{"year", "zh", "二〇二一年全市民政工作", nil},
		{"廿", "zh", "建成廿个站点", []c{"廿个|count|20"}},
		{"零", "zh", "一千零一人", []c{"一千零一人|count|1001|person"}},
		{"1.2万", "zh", "惠及1.2万人", []c{"1.2万人|count|12000|person"}},
		{"4.39亿元", "zh", "发放4.39亿元", []c{"4.39亿元|money|439000000|yuan"}},
		{"50.25万人", "zh", "服务50.25万人", []c{"50.25万人|count|502500|person"}},
		{"3.5万亿", "zh", "总额3.5万亿元", []c{"3.5万亿元|money|3500000000000|yuan"}},
		{"千万 after digits", "zh", "投入5千万元", []c{"5千万元|money|50000000|yuan"}},
		{"百万 after digits", "zh", "惠及3百万人", []c{"3百万人|count|3000000|person"}},
		{"traditional", "zh", "發放兩千萬元，總額3.5億元", []c{"兩千萬元|money|20000000|yuan", "3.5億元|money|350000000|yuan"}},
		{"colloquial", "zh", "约有一万三人", []c{"一万三人|count|13000|person|approx"}},
		{"三分之一", "zh", "三分之一的社区", []c{"三分之一|percent|33.3333"}},
		{"三分之二", "zh", "三分之二的街道", []c{"三分之二|percent|66.6667"}},
		{"百分之八十", "zh", "覆盖率达到百分之八十", []c{"百分之八十|percent|80"}},
		{"八成", "zh", "八成以上的社区", []c{"八成|percent|80||at_least"}},
		{"六成", "zh", "六成居民参与", []c{"六成|percent|60"}},
		{"两成半", "zh", "两成半的村", []c{"两成半|percent|25"}},
		{"一半", "zh", "一半以上的机构", []c{"一半|percent|50||at_least"}},
		{"financial", "zh", "金额为肆佰叁拾萬圆整", []c{"肆佰叁拾萬圆整|money|4300000|yuan"}},
		{"mixed", "zh", "25万6千人", []c{"25万6千人|count|256000|person"}},
	})
}

func TestEnglishNumbers(t *testing.T) {
	runCases(t, []tcase{
		{"million", "en", "6.46 million registered volunteers", []c{"6.46 million|count|6460000|person"}},
		{"million yuan", "en", "subsidies of 439 million yuan", []c{"439 million yuan|money|439000000|yuan"}},
		{"billion", "en", "a budget of 1.2 billion yuan", []c{"1.2 billion yuan|money|1200000000|yuan"}},
		{"bn", "en", "revenue of 1.2bn yuan", []c{"1.2bn yuan|money|1200000000|yuan"}},
		{"66,000", "en", "66,000 social workers", []c{"66,000|count|66000|person"}},
		{"nine", "en", "nine major actions", []c{"nine|count|9"}},
		{"twenty-seven", "en", "twenty-seven community complexes", []c{"twenty-seven|count|27"}},
		{"hundred and", "en", "one hundred and six projects", []c{"one hundred and six|count|106|item"}},
		{"one third", "en", "one third of the towns", []c{"one third|percent|33.3333"}},
		{"two-thirds", "en", "two-thirds of the streets", []c{"two-thirds|percent|66.6667"}},
		{"half of", "en", "half of the villages", []c{"half|percent|50"}},
		{"tens of thousands", "en", "tens of thousands of residents", []c{"tens of thousands|count|10000||approx"}},
		{"a dozen", "en", "a dozen districts", []c{"a dozen|count|12"}},
		{"one and a half", "en", "one and a half million yuan", []c{"one and a half million yuan|money|1500000|yuan"}},
	})
}

func TestKinds(t *testing.T) {
	runCases(t, []tcase{
		{"元", "zh", "补助3000元", []c{"3000元|money|3000|yuan"}},
		{"万元", "zh", "投入120万元", []c{"120万元|money|1200000|yuan"}},
		{"人民币", "zh", "人民币50万元", []c{"50万元|money|500000|yuan"}},
		{"人民币 prefix", "zh", "捐款人民币3.14", []c{"人民币3.14|money|3.14|yuan"}},
		{"yuan RMB CNY", "en", "grants of 500 yuan, RMB 200 and CNY 80", []c{"500 yuan|money|500|yuan", "RMB 200|money|200|yuan", "CNY 80|money|80|yuan"}},
		{"美元", "zh", "投资1200万美元", []c{"1200万美元|money|12000000|usd"}},
		{"US$ USD", "en", "US$4.7 billion and 200 USD", []c{"US$4.7 billion|money|4700000000|usd", "200 USD|money|200|usd"}},
		{"港元", "zh", "资助5000港元", []c{"5000港元|money|5000|hkd"}},
		{"HK$", "en", "HK$2.3 billion", []c{"HK$2.3 billion|money|2300000000|hkd"}},
		{"澳门元", "zh", "发放澳门元3亿，另拨澳門元500万", []c{"澳门元3亿|money|300000000|mop", "澳門元500万|money|5000000|mop"}},
		{"MOP$", "en", "MOP$ 45 million", []c{"MOP$ 45 million|money|45000000|mop"}},
		{"欧元 €", "zh", "援助80万欧元", []c{"80万欧元|money|800000|eur"}},
		{"€", "en", "€20 million", []c{"€20 million|money|20000000|eur"}},
		{"percent signs", "zh", "增长5%，占比百分之十二", []c{"5%|percent|5", "百分之十二|percent|12"}},
		{"per cent", "en", "20 per cent and 30 percent", []c{"20 per cent|percent|20", "30 percent|percent|30"}},
		{"个百分点", "zh", "提高3.2个百分点", []c{"3.2个百分点|percent_points|3.2"}},
		{"percentage points", "en", "up 0.6 percentage points", []c{"0.6 percentage points|percent_points|0.6"}},
		{"ratio", "zh", "城乡差距缩小到1:0.81", []c{"1:0.81|ratio|0.81"}},
		{"倍", "zh", "增长到1.5倍", []c{"1.5倍|multiple|1.5"}},
		{"times", "en", "1.5 times as many", []c{"1.5 times|multiple|1.5"}},
		{"doubled", "en", "coverage doubled and capacity tripled", []c{"doubled|multiple|2", "tripled|multiple|3"}},
		{"翻番", "zh", "收入翻了一番", []c{"翻了一番|multiple|2"}},
		{"平方米 公顷 亩 公里", "zh", "3.2万平方米、8公顷、120亩、15公里", []c{"3.2万平方米|measure|32000|square_metre", "8公顷|measure|8|hectare", "120亩|measure|120|mu", "15公里|measure|15|kilometre"}},
		{"square metres hectares km", "en", "32,000 square metres on 8 hectares, 15 kilometres away", []c{"32,000 square metres|measure|32000|square_metre", "8 hectares|measure|8|hectare", "15 kilometres|measure|15|kilometre"}},
		{"rate zh", "zh", "提高到1120元/人/月", []c{"1120元/人/月|rate|1120|yuan/person/month"}},
		{"rate zh bases first", "zh", "提高到每人每月1050元", []c{"1050元|rate|1050|yuan/person/month"}},
		{"rate zh period first", "zh", "补贴每月每人300元", []c{"300元|rate|300|yuan/person/month"}},
		{"rate en period first", "en", "300 yuan per month per person", []c{"300 yuan per month per person|rate|300|yuan/person/month"}},
		{"rate zh base and qualifier", "zh", "水价每吨不超过3.5元", []c{"3.5元|rate|3.5|yuan/tonne|at_most"}},
		{"rate zh traditional", "zh", "每戶每年補助9600元", []c{"9600元|money|9600|yuan"}},
		{"per head is money", "zh", "人均收入3.2万元", []c{"3.2万元|money|32000|yuan"}},
		{"rate en", "en", "2637 yuan per person per month", []c{"2637 yuan per person per month|rate|2637|yuan/person/month"}},
	})
}

func TestSignedChange(t *testing.T) {
	runCases(t, []tcase{
		{"增长", "zh", "同比增长3.2%", []c{"3.2%|percent|3.2"}},
		{"下降", "zh", "同比下降2.1%", []c{"2.1%|percent|-2.1"}},
		{"下降到", "zh", "下降到2.1%", []c{"2.1%|percent|2.1"}},
		{"up rose", "en", "up 3% and rose 4%", []c{"3%|percent|3", "4%|percent|4"}},
		{"fell down decline", "en", "fell 2.1%, down 1.5%, a decline of 0.4%", []c{"2.1%|percent|-2.1", "1.5%|percent|-1.5", "0.4%|percent|-0.4"}},
		{"fell to", "en", "fell to 2.1%", []c{"2.1%|percent|2.1"}},
		{"points", "zh", "下降0.5个百分点", []c{"0.5个百分点|percent_points|-0.5"}},
	})
}

func TestQualifiers(t *testing.T) {
	runCases(t, []tcase{
		{"余", "zh", "3800余名儿童", []c{"3800余名|count|3800|person|more_than"}},
		{"多", "zh", "300多家企业", []c{"300多家|count|300||more_than"}},
		{"近", "zh", "近700万元", []c{"700万元|money|7000000|yuan|nearly"}},
		{"约", "zh", "约2.6万人次", []c{"2.6万人次|count|26000|person-time|approx"}},
		{"超过", "zh", "超过45%", []c{"45%|percent|45||more_than"}},
		{"逾", "zh", "逾千人", []c{"千人|count|1000|person|more_than"}},
		{"以上", "zh", "2000个以上", []c{"2000个|count|2000||at_least"}},
		{"以下", "zh", "3.1%以下", []c{"3.1%|percent|3.1||at_most"}},
		{"左右", "zh", "15000元左右", []c{"15000元|money|15000|yuan|approx"}},
		{"不到", "zh", "不到600名", []c{"600名|count|600|person|less_than"}},
		{"至少", "zh", "至少25家", []c{"25家|count|25||at_least"}},
		{"达", "zh", "达98%", []c{"98%|percent|98"}},
		{"more than", "en", "more than 3,800 children", []c{"3,800|count|3800|person|more_than"}},
		{"over", "en", "over 1,100 people", []c{"1,100|count|1100|person|more_than"}},
		{"nearly almost", "en", "nearly 40% and almost 300 stations", []c{"40%|percent|40||nearly", "300|count|300||nearly"}},
		{"about around", "en", "about 14% and around 6,700 names", []c{"14%|percent|14||approx", "6,700|count|6700||approx"}},
		{"at least", "en", "at least 2,000 points", []c{"2,000|count|2000||at_least"}},
		{"up to", "en", "up to 5,000 yuan", []c{"5,000 yuan|money|5000|yuan|at_most"}},
		{"less than", "en", "less than 3.1%", []c{"3.1%|percent|3.1||less_than"}},
	})
}

func TestRanges(t *testing.T) {
	runCases(t, []tcase{
		{"3至5万元", "zh", "补助3至5万元", []c{"3至5万元|money|30000..50000|yuan"}},
		{"3-5万", "zh", "每户3-5万", []c{"3-5万|count|30000..50000"}},
		{"3～5", "zh", "每年3～5次", []c{"3～5次|count|3..5|time"}},
		{"十八至三十万", "zh", "十八至三十万元", []c{"十八至三十万元|money|180000..300000|yuan"}},
		{"3 to 5 million", "en", "3 to 5 million yuan", []c{"3 to 5 million yuan|money|3000000..5000000|yuan"}},
		{"between", "en", "between 3 and 5 days", []c{"between 3 and 5 days|measure|3..5|day"}},
		{"dash", "en", "10-20 dollars", []c{"10-20 dollars|money|10..20|dollar"}},
		{"pair", "zh", "三五百元", []c{"三五百元|money|300..500|yuan"}},
		{"bounds", "zh", "大于10小于20", []c{"10小于20|count|10..20"}},
	})
}

func TestUnitsAndContext(t *testing.T) {
	for _, tc := range []struct {
		lang, text, unit, context string
	}{
		{"zh", "为50.25万残疾人发放补贴", "person", "残疾人"},
		{"en", "were distributed to 502,500 disabled people", "person", "disabled people"},
		{"zh", "为1.2万户困难家庭", "household", ""},
		{"en", "12,000 households in difficulty", "household", "households"},
		{"zh", "新增75000张床位", "bed", ""},
		{"zh", "养老床位75000张", "bed", "养老床位"},
		{"en", "75,000 beds were added", "bed", "beds"},
		{"zh", "服务1.2万人次", "person-time", ""},
		{"en", "12,000 person-times were served", "person-time", ""},
		{"zh", "发放补贴4.39亿元", "yuan", "补贴"},
		{"en", "subsidies of 439 million yuan", "yuan", "subsidies"},
	} {
		got := extract.String(tc.lang, tc.text)
		if len(got) != 1 {
			t.Errorf("%q: %d claims%s", tc.text, len(got), describe(got))
			continue
		}
		if got[0].Unit != tc.unit || tc.context != "" && got[0].Context != tc.context {
			t.Errorf("%q: unit %q context %q, want %q %q", tc.text, got[0].Unit, got[0].Context, tc.unit, tc.context)
		}
	}
}

func TestNotClaims(t *testing.T) {
	for _, tc := range []struct{ lang, text string }{
		{"zh", "2021年全市民政系统"},
		{"zh", "二〇二一年"},
		{"en", "in 2021 the city"},
		{"en", "under the 2021 plan"},
		{"zh", "1月24日召开会议"},
		{"en", "on January 24 the bureau"},
		{"en", "on 24 January 2022"},
		{"en", "at 10:30 on the 24th"},
		{"zh", "上午10:30开始"},
		{"zh", "第一，第二十次会议"},
		{"en", "the 20th meeting was the first"},
		{"zh", "位居全省第一"},
		{"en", "the city ranked second"},
		{"zh", "“十四五”规划"},
		{"zh", "推进五社联动、六化建设"},
		{"zh", "学习十九届六中全会精神"},
		{"zh", "依据第十二条规定"},
		{"zh", "渝民发〔2022〕5号文件"},
		{"zh", "咨询电话：023-63891234"},
		{"en", "call 023-6389 1234 for details"},
		{"zh", "邮政编码：400015"},
		{"en", "postcode 400015"},
		{"zh", "渝ICP备12345678号"},
		{"en", "visit https://mca.gov.cn/article/2022/12345.html today"},
		{"en", "version 2.3.1 of the system"},
		{"zh", "统一受理，一些问题，一切工作，万一出现"},
		{"zh", "实现“一门受理、协同办理”，书记、主任“一肩挑”"},
		{"zh", "残疾人“两项补贴”"},
		{"en", "the \"two subsidies\" for the disabled"},
	} {
		if got := extract.String(tc.lang, tc.text); len(got) > 0 {
			t.Errorf("%q: want no claims, got%s", tc.text, describe(got))
		}
	}
}

func TestOffsetsIntoDocument(t *testing.T) {
	// Sentence offsets add the sentence's start; full-width text folds but
	// offsets stay on the original.
	got := extract.String("zh", "运营率达８３．５％，建成３１３２个")
	want := [][2]int{{4, 9}, {12, 17}}
	if len(got) != 2 {
		t.Fatalf("got %d claims%s", len(got), describe(got))
	}
	for i, g := range got {
		if g.Start != want[i][0] || g.End != want[i][1] {
			t.Errorf("claim %q at [%d,%d), want %v", g.Text, g.Start, g.End, want[i])
		}
		if g.Core.Start < g.Start || g.Core.End > g.End || g.Outer.Start > g.Start || g.Outer.End < g.End {
			t.Errorf("claim %q: core %v and outer %v do not nest around [%d,%d)", g.Text, g.Core, g.Outer, g.Start, g.End)
		}
	}
}
