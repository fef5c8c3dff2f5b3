package segment

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"figures/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

func texts(text, lang string) []string {
	r := []rune(text)
	var out []string
	for _, sp := range SplitText(text, lang) {
		out = append(out, string(r[sp.Start:sp.End]))
	}
	return out
}

func TestSplitChinese(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"full stops",
			"全市累计建成养老服务设施3132个。社会化运营率达83.5%。",
			[]string{"全市累计建成养老服务设施3132个。", "社会化运营率达83.5%。"}},
		{"decimals and 万 stay whole",
			"为50.25万残疾人发放补贴4.39亿元，人均1.2万元。同比增长4.5%！",
			[]string{"为50.25万残疾人发放补贴4.39亿元，人均1.2万元。", "同比增长4.5%！"}},
		{"semicolon",
			"升级改造乡镇敬老院529家；建成村级互助养老点6658个。",
			[]string{"升级改造乡镇敬老院529家；", "建成村级互助养老点6658个。"}},
		{"closing quote stays",
			"他表示：“要兜住兜牢民生底线。”会议部署了13项任务。",
			[]string{"他表示：“要兜住兜牢民生底线。”", "会议部署了13项任务。"}},
		{"closing bracket stays",
			"全程网办达到78.6%（同比提高5个百分点。）平均跑动次数压缩到0.21次。",
			[]string{"全程网办达到78.6%（同比提高5个百分点。）", "平均跑动次数压缩到0.21次。"}},
		{"question and exclamation runs",
			"补贴发到位了吗？！答案是肯定的。",
			[]string{"补贴发到位了吗？！", "答案是肯定的。"}},
		{"ellipsis ends a sentence",
			"困难群众、残疾人、老年人……都得到了保障。",
			[]string{"困难群众、残疾人、老年人……", "都得到了保障。"}},
		{"single ellipsis char does not",
			"数据…待核实。",
			[]string{"数据…待核实。"}},
		{"list markers",
			"一、总体情况。（一）养老服务。1.建成养老服务中心592个。",
			[]string{"一、总体情况。", "（一）养老服务。", "1.建成养老服务中心592个。"}},
		{"full-width digits",
			"共发放４．３９亿元。覆盖１２个区县。",
			[]string{"共发放４．３９亿元。", "覆盖１２个区县。"}},
		{"half-width terminators",
			"全年接待游客2.5万人次!比上年增长12%?",
			[]string{"全年接待游客2.5万人次!", "比上年增长12%?"}},
		{"trailing closer only",
			"会议强调要狠抓落实。”",
			[]string{"会议强调要狠抓落实。”"}},
		{"no terminator", "过去一年重点工作有新突破", []string{"过去一年重点工作有新突破"}},
		{"wire service end mark stays",
			"会议部署了13项任务。下一步将狠抓落实。(完)",
			[]string{"会议部署了13项任务。", "下一步将狠抓落实。(完)"}},
		{"source note stays",
			"提供有力保障。（来源：江州市民政局）",
			[]string{"提供有力保障。（来源：江州市民政局）"}},
		{"spaces trimmed", "　本报讯。  记者报道。 ", []string{"本报讯。", "记者报道。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(tt.in, "zh")
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSplitEnglish(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain",
			"A total of 3,132 facilities were built. The rate reached 83.5%.",
			[]string{"A total of 3,132 facilities were built.", "The rate reached 83.5%."}},
		{"decimals",
			"Subsidies of 4.39 billion yuan were paid. Growth was 1.2 percent.",
			[]string{"Subsidies of 4.39 billion yuan were paid.", "Growth was 1.2 percent."}},
		{"titles",
			"Mr. Tang and Dr. Chen spoke. Prof. Li chaired.",
			[]string{"Mr. Tang and Dr. Chen spoke.", "Prof. Li chaired."}},
		{"No. and Art. before numbers",
			"Under Art. 3 of Decree No. 12, fees fell. It took effect on Jan. 24, 2022.",
			[]string{"Under Art. 3 of Decree No. 12, fees fell.", "It took effect on Jan. 24, 2022."}},
		{"U.S. inside a sentence",
			"The U.S. Department of Labor replied. Exports to the U.S. rose 5%.",
			[]string{"The U.S. Department of Labor replied.", "Exports to the U.S. rose 5%."}},
		{"U.S. at the end before a starter",
			"Exports went to the U.S. The rest went to Europe.",
			[]string{"Exports went to the U.S.", "The rest went to Europe."}},
		{"e.g. and i.e.",
			"Some services, e.g. Meals on Wheels, i.e. home delivery, grew. Others did not.",
			[]string{"Some services, e.g. Meals on Wheels, i.e. home delivery, grew.", "Others did not."}},
		{"etc. at the end",
			"It covers pensions, care, etc. The plan runs to 2025.",
			[]string{"It covers pensions, care, etc.", "The plan runs to 2025."}},
		{"initials",
			"Reporter Zhong Y. Smith wrote it. J. R. Lee agreed.",
			[]string{"Reporter Zhong Y. Smith wrote it.", "J. R. Lee agreed."}},
		{"ellipsis before lower case continues",
			"Care, relief... and more. Next year... The plan.",
			[]string{"Care, relief... and more.", "Next year...", "The plan."}},
		{"quotes",
			`He said, "We will do more." The meeting ended. "Is it done?" she asked.`,
			[]string{`He said, "We will do more."`, "The meeting ended.", `"Is it done?" she asked.`}},
		{"curly quotes",
			"He said, “We will do more.” The meeting ended.",
			[]string{"He said, “We will do more.”", "The meeting ended."}},
		{"list marker",
			"1. Strengthen basic welfare. 2. Improve elderly care.",
			[]string{"1. Strengthen basic welfare.", "2. Improve elderly care."}},
		{"inline bullets",
			"Key tasks: • pensions for 6.46 million people • care for 3,800 children",
			[]string{"Key tasks:", "• pensions for 6.46 million people", "• care for 3,800 children"}},
		{"sentence ending in a number",
			"The total was 502,500. 439 million yuan was paid.",
			[]string{"The total was 502,500.", "439 million yuan was paid."}},
		{"url and version",
			"See www.gov.cn for v2.1 details. Done.",
			[]string{"See www.gov.cn for v2.1 details.", "Done."}},
		{"question and exclamation",
			"Was it enough? Yes! It was.",
			[]string{"Was it enough?", "Yes!", "It was."}},
		{"no final stop", "Chongqing held a video conference", []string{"Chongqing held a video conference"}},
		{"trailing aside",
			"The meeting ended. (Xinhua)",
			[]string{"The meeting ended. (Xinhua)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(tt.in, "en")
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func doc(text string) *corpus.Document {
	ps := corpus.Paragraphs(text)
	return &corpus.Document{Text: text, Paragraphs: ps, Lang: corpus.DocumentLang(text, ps)}
}

func TestSplitDocument(t *testing.T) {
	text := "重庆召开民政工作会议。\n  Chongqing held a meeting. Mr. Tang spoke.\n全年发放补贴4.39亿元；惠及50.25万人。"
	got := Split(doc(text))
	want := []struct {
		para int
		lang string
		text string
	}{
		{0, "zh", "重庆召开民政工作会议。"},
		{1, "en", "Chongqing held a meeting."},
		{1, "en", "Mr. Tang spoke."},
		{2, "zh", "全年发放补贴4.39亿元；"},
		{2, "zh", "惠及50.25万人。"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d sentences, want %d: %+v", len(got), len(want), got)
	}
	runes := []rune(text)
	for i, w := range want {
		s := got[i]
		if s.Index != i || s.Para != w.para || s.Lang != w.lang || s.Text != w.text {
			t.Errorf("sentence %d = %+v, want %+v", i, s, w)
		}
		if string(runes[s.Start:s.End]) != s.Text {
			t.Errorf("sentence %d: text %q is not Text[%d:%d]", i, s.Text, s.Start, s.End)
		}
	}
}

// TestSeedsGolden splits the seed bulletins and compares the spans with a
// golden file. The golden files hold offsets and the last character of each
// sentence only, not the seeds' text.
func TestSeedsGolden(t *testing.T) {
	seeds, _ := filepath.Glob("../../shared/seeds/*.txt")
	if len(seeds) == 0 {
		t.Skip("../shared/seeds is absent: seed golden tests skipped")
	}
	for _, path := range seeds {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			d, err := corpus.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			for _, s := range Split(d) {
				last, _ := utf8.DecodeLastRuneInString(s.Text)
				fmt.Fprintf(&b, "%d\t%d\t%d\t%s\t%q\n", s.Para, s.Start, s.End, s.Lang, last)
			}
			golden := filepath.Join("testdata", "seeds", strings.TrimSuffix(name, ".txt")+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./segment -run Golden -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the golden file; got:\n%s", name, b.String())
			}
		})
	}
}

// TestBulletinGolden splits bulletin paragraphs written for this test and
// compares the sentences with testdata/bulletins.golden.
func TestBulletinGolden(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "bulletins.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, s := range Split(doc(string(in))) {
		fmt.Fprintf(&b, "%d\t%s\t%s\n", s.Para, s.Lang, s.Text)
	}
	golden := filepath.Join("testdata", "bulletins.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("bulletins differ from the golden file; got:\n%s", b.String())
	}
}

// A run of text with no sentence end is cut into pieces of at most
// MaxSentence code points at soft breaks, never inside a figure or word, so
// that a hostile one-line file cannot make the later stages quadratic.
func TestSplitLongRun(t *testing.T) {
	tests := []struct {
		name, unit, lang string
		keep             []string // figures no piece may cut
	}{
		{"zh commas", "全市共有养老机构312家，床位4.5万张，", "zh", []string{"312家", "4.5万张"}},
		{"zh no commas", "全市共有养老机构312家床位4.5万张入住率83.5%", "zh", []string{"312家", "4.5万张", "83.5%"}},
		{"en words", "subsidies of 439 million yuan to 502,500 people and 3,132 centres ", "en", []string{"502,500", "3,132", "439 million"}},
		{"en slashes", "3,132 / 502,500 / 83.5% / ", "en", []string{"3,132", "502,500", "83.5%"}},
		{"digits only", "1234567890", "zh", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Repeat(tc.unit, 3*MaxSentence/len([]rune(tc.unit))+7)
			runes := []rune(text)
			spans := SplitText(text, tc.lang)
			if len(spans) < 3 {
				t.Fatalf("%d sentences from %d code points", len(spans), len(runes))
			}
			prev := 0
			for i, sp := range spans {
				if sp.End-sp.Start > MaxSentence {
					t.Errorf("sentence %d is %d code points long", i, sp.End-sp.Start)
				}
				if strings.TrimSpace(string(runes[prev:sp.Start])) != "" {
					t.Errorf("text lost between sentences %d and %d: %q", i-1, i, string(runes[prev:sp.Start]))
				}
				prev = sp.End
			}
			if prev != len([]rune(strings.TrimSpace(text))) {
				t.Errorf("last sentence ends at %d of %d", prev, len(runes))
			}
			// Every occurrence of a figure lies inside one sentence.
			for _, k := range tc.keep {
				kr := []rune(k)
				for i := 0; i+len(kr) <= len(runes); i++ {
					if string(runes[i:i+len(kr)]) != k {
						continue
					}
					inside := false
					for _, sp := range spans {
						if sp.Start <= i && i+len(kr) <= sp.End {
							inside = true
						}
					}
					if !inside {
						t.Fatalf("%s at %d is cut between sentences", k, i)
					}
				}
			}
		})
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"全市累计建成养老服务设施3132个。社会化运营率达83.5%；",
		"Mr. Tang said: \"3,132 were built.\" The U.S. rate... fell!",
		"1. Tasks • one • two\n（一）总体……情况。”）",
		"a.b. C. d.. E", "。。。", "\xff\xfe.", "   \n\n  ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := doc(text)
		ix := corpus.NewIndex(text)
		prevEnd := 0
		for i, s := range Split(d) {
			if s.Start < prevEnd || s.End <= s.Start || s.End > ix.Len() {
				t.Fatalf("sentence %d span [%d,%d) bad after %d in %q", i, s.Start, s.End, prevEnd, text)
			}
			if ix.Slice(s.Span) != s.Text {
				t.Fatalf("sentence %d text %q != slice %q", i, s.Text, ix.Slice(s.Span))
			}
			p := d.Paragraphs[s.Para]
			if s.Start < p.Start || s.End > p.End {
				t.Fatalf("sentence %d [%d,%d) outside paragraph %d [%d,%d)", i, s.Start, s.End, s.Para, p.Start, p.End)
			}
			prevEnd = s.End
		}
	})
}

func BenchmarkSplit(b *testing.B) {
	in, err := os.ReadFile(filepath.Join("testdata", "bulletins.txt"))
	if err != nil {
		b.Fatal(err)
	}
	d := doc(string(in))
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Split(d)
	}
}
