package corpus

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// referenceParseDate is ParseDate as it was before it was made cheaper
// (every pattern tried on every line, the compact form by regular
// expression); FuzzParseDate holds the two to the same answers.
func referenceParseDate(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	if strings.IndexFunc(s, func(r rune) bool {
		return '0' <= r && r <= '9' || '０' <= r && r <= '９' || r == '〇' || r == '零' || r == '一' || r == '二'
	}) < 0 {
		return "", false
	}
	s = Fold(s).Text
	letters := strings.IndexFunc(s, func(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }) >= 0
	try := func(y, m, d int) (string, bool) {
		if y < 1949 || y > 2100 {
			return "", false
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Year() != y || int(t.Month()) != m || t.Day() != d {
			return "", false
		}
		return t.Format("2006-01-02"), true
	}
	type found struct {
		at      int
		y, m, d int
	}
	var hits []found
	add := func(re *regexp.Regexp, year, month, day int, roc bool, read func(string) int) {
		m := re.FindStringSubmatchIndex(s)
		if m == nil {
			return
		}
		y := read(s[m[2*year]:m[2*year+1]])
		if roc {
			y += 1911
		}
		mo := s[m[2*month]:m[2*month+1]]
		mn, ok := months[strings.ToLower(mo)]
		if !ok {
			mn = read(mo)
		}
		hits = append(hits, found{m[0], y, mn, read(s[m[2*day]:m[2*day+1]])})
	}
	add(referenceYMD, 1, 2, 3, false, atoi)
	if strings.Contains(s, "年") {
		if strings.Contains(s, "民國") {
			add(rocDate, 1, 2, 3, true, atoi)
		}
		if m := hanDate.FindStringSubmatchIndex(s); m != nil {
			hits = append(hits, found{m[0], hanDigits(s[m[2]:m[3]]), hanNumber(s[m[4]:m[5]]), hanNumber(s[m[6]:m[7]])})
		}
	}
	if letters {
		add(referenceDMY, 3, 2, 1, false, atoi)
		add(referenceMDY, 3, 1, 2, false, atoi)
	}
	if t := strings.TrimSpace(s); refCompactDate.MatchString(t) {
		m := refCompactDate.FindStringSubmatch(t)
		hits = append(hits, found{0, atoi(m[1]), atoi(m[2]), atoi(m[3])})
	}
	first := -1
	for i, h := range hits {
		if _, ok := try(h.y, h.m, h.d); ok && (first < 0 || h.at < hits[first].at) {
			first = i
		}
	}
	if first < 0 {
		return "", false
	}
	h := hits[first]
	return try(h.y, h.m, h.d)
}

var refCompactDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})(?:\D|$)`)

func TestParseDateAsBefore(t *testing.T) {
	for _, s := range []string{
		"20220124", "20220124x", "202201245", " 20220124 ", "２０２２年１月２４日", "2022年1月24日 20220125",
		"民國111年1月24日", "二〇二二年一月二十四日", "24 January 2022", "January 24, 2022", "Sept. 3rd 2021",
		"发布时间：2022-01-24　来源：重庆市民政局", "浏览次数：1234", "1949-10-01", "2022-02-30 2022-03-01",
		"Updated: 12 May 2023 10:00", "第2022号 20230101", "\xff2022-01-24", "日期：二〇二三年二月十六日",
	} {
		got, gok := ParseDate(s)
		want, wok := referenceParseDate(s)
		if got != want || gok != wok {
			t.Errorf("ParseDate(%q) = %q, %v; before: %q, %v", s, got, gok, want, wok)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	f.Add("发布时间：2022-01-24　来源：重庆市民政局")
	f.Add("民國111年1月24日")
	f.Add("二〇二二年一月二十四日")
	f.Add("January 24, 2022")
	f.Add("2 January 2021  Source: Market news 2021")
	f.Add("Sept. 3rd 2021, ſep 4 2021")
	f.Add("20220124")
	f.Fuzz(func(t *testing.T, s string) {
		got, gok := ParseDate(s)
		want, wok := referenceParseDate(s)
		if got != want || gok != wok {
			t.Errorf("ParseDate(%q) = %q, %v; before: %q, %v", s, got, gok, want, wok)
		}
	})
}

// referenceSourceEnd is the regular expression sourceEnd is written out from.
var referenceSourceEnd = regexp.MustCompile(`\s{2,}|\t|[|｜【\[]|发布|發布|时间|時間|日期|作者|编辑|編輯|浏览|瀏覽|阅读|閱讀|点击|點擊|访问|字号|字號|字体|(?i:\s(?:published|updated|date|author|editor|views))`)

func FuzzSourceEnd(f *testing.F) {
	for _, s := range []string{"重庆市民政局  发布时间", "江北区 | 2022", "Xinhua Updated: 2022", "HK Gov  ", "市统计局\t", "ABC ſ", "ABC publiſhed", "江北【打印】", "x \xffdate"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := -1
		if loc := referenceSourceEnd.FindStringIndex(s); loc != nil {
			want = loc[0]
		}
		if got := sourceEnd(s); got != want {
			t.Errorf("sourceEnd(%q) = %d, want %d", s, got, want)
		}
	})
}

// referenceTitleSeparators is the regular expression splitTitle is written
// out from.
var referenceTitleSeparators = regexp.MustCompile(`\s*(?:_|\||｜|－|——|\s[-–—]\s)\s*`)

func FuzzSplitTitle(f *testing.F) {
	for _, s := range []string{"重庆召开全市民政工作会议_重庆市民政局", "Title - Site", "a  -  b", "a -b", "a — b —— c", "｜x｜", " _ ", "a\t–\tb", "a - ", "-", "a \u2014\u2014 b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := splitTitle(s), referenceTitleSeparators.Split(s, -1)
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Errorf("splitTitle(%q) = %q, want %q", s, got, want)
		}
	})
}

// referenceYMD is the regular expression ymdIndex is written out from.
var referenceYMD = regexp.MustCompile(`(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})`)

func FuzzYMDIndex(f *testing.F) {
	for _, s := range []string{"2022-01-24", "12022 / 1 / 245", "2022年 01 月 2日", "2022-123-4", "2022.1.", "20221-1-1", "2022\t-\n1/2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := ymdIndex(s), referenceYMD.FindStringSubmatchIndex(s)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ymdIndex(%q) = %v, want %v", s, got, want)
		}
	})
}

// referenceDMY and referenceMDY are the regular expressions dmyIndex and
// mdyIndex are written out from.
var (
	referenceDMY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b`)
	referenceMDY = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
)

func FuzzEnglishDates(f *testing.F) {
	for _, s := range []string{"24 January 2022", "January 24, 2022", "3rd Sept. 2021", "Sep 3RD, 2021", "x12 jan 2021", "ſep 3 2021", "a ſep 3 2021",
		"Updated: 2 January 2021  Source: Market", "1 jan 20211", "31 DEC.,  1999_", "jan 1st,\t2020", "12 Jan\u212a 2021", "é1 jan 2021", "\xff1 jan 2021"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := dmyIndex(s), referenceDMY.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("dmyIndex(%q) = %v, want %v", s, got, want)
		}
		if got, want := mdyIndex(s), referenceMDY.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("mdyIndex(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestEnglishDatesRandom holds dmyIndex and mdyIndex to their regular
// expressions on strings assembled from the pieces dates are made of,
// which reach the patterns' corners far more often than random bytes.
func TestEnglishDatesRandom(t *testing.T) {
	pieces := []string{"1", "12", "2021", "20211", "0", " ", "  ", "\t", "\n", ".", ",", "_", "a", "x", "Z",
		"jan", "JAN", "Sep", "sept", "SEPT", "ſep", "ſt", "st", "ND", "rd", "Th", "uary", "K", "\u212a", "é", "年", "\xff", "-", "may", "Dec"}
	r := rand.New(rand.NewPCG(3, 4))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		for range 1 + r.IntN(9) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := dmyIndex(s), referenceDMY.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("dmyIndex(%q) = %v, want %v", s, got, want)
		}
		if got, want := mdyIndex(s), referenceMDY.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("mdyIndex(%q) = %v, want %v", s, got, want)
		}
		if got, want := ymdIndex(s), referenceYMD.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("ymdIndex(%q) = %v, want %v", s, got, want)
		}
		got, gok := ParseDate(s)
		if want, wok := referenceParseDate(s); got != want || gok != wok {
			t.Fatalf("ParseDate(%q) = %q, %v; before: %q, %v", s, got, gok, want, wok)
		}
	}
}
