package align

import (
	"strings"
	"testing"
)

func TestLexicon(t *testing.T) {
	lx, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if lx.Concepts() < 1000 {
		t.Errorf("embedded lexicon has %d concepts, want more than 1000", lx.Concepts())
	}
	shared := func(zh, en string) bool {
		a := dedup(lx.zhConcepts(nil, []rune(zh), 1))
		b := dedup(lx.enConcepts(nil, enWords(en)))
		return sharesAny(a, b)
	}
	for _, p := range [][2]string{
		{"养老服务中心", "elderly care service centers"},
		{"发放补贴", "subsidies were distributed"},
		{"残疾人", "disabled people"},
		{"视频会议", "a video conference"},
		{"志愿者", "registered volunteers"},
		{"主屏幕", "your home screen"},
	} {
		if !shared(p[0], p[1]) {
			t.Errorf("%s and %q share no concept", p[0], p[1])
		}
	}
	// Forward maximum matching: 国家 is "country", not 家 "home".
	if shared("国家", "home") {
		t.Errorf("国家 matched home")
	}
}

func TestParseLexiconErrors(t *testing.T) {
	for _, bad := range []string{"养老 elderly", "\telderly", "养老\t "} {
		if _, err := ParseLexicon(bad); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("ParseLexicon(%q) = %v, want an error naming line 1", bad, err)
		}
	}
	l, err := ParseLexicon("# comment\n\n养老|敬老\telder*|aged care\n")
	if err != nil || l.Concepts() != 1 {
		t.Fatalf("ParseLexicon: %v, %d concepts", err, l.Concepts())
	}
}

// refEnConcepts is enConcepts as it was, trying every prefix of every word.
func refEnConcepts(l *Lexicon, words []string) []int32 {
	var dst []int32
	for _, w := range words {
		dst = append(dst, l.enExact[w]...)
		n := 0
		for i := range w {
			if n >= l.enMin {
				dst = append(dst, l.enPre[w[:i]]...)
			}
			n++
		}
		dst = append(dst, l.enPre[w]...)
	}
	if len(l.multi) > 0 && len(words) > 1 {
		seen := map[string]bool{}
		for _, w := range words {
			k := multiKey(w)
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, m := range l.multi[k] {
				if allWords(m.words, words) {
					dst = append(dst, m.concept)
				}
			}
		}
	}
	return dst
}

// The indexed readings of the lexicon give what the plain ones give, in
// the same order.
func TestLexiconIndexesAsPlainReading(t *testing.T) {
	lx := mustLexicon()
	texts := []string{
		"The Municipal Government's civil affairs work conference: subsidies, allowances and pensions for 502,500 disabled people.",
		"State Council; social assistance, elderly care service centres, community volunteers, orphans and funeral reform. Subsidised!",
		"Ségolène's café, naïve über-words, x, xy, GDP 5G APP, a b c d e f",
		"全市建成养老服务设施3132个，为50.25万残疾人发放补贴4.39亿元；市政府、国务院召开视频会议。",
		"国家, 家, 社会组织, 慈善会议 and mixed 养老 text",
	}
	var all []string
	for _, s := range texts {
		all = append(all, enWords(s)...)
	}
	for k := range 200 {
		n := 1 + k%9
		var words []string
		for x := range n {
			words = append(words, all[(k*7+x*13)%len(all)])
		}
		texts = append(texts, strings.Join(words, " "))
	}
	for _, s := range texts {
		if got, want := lx.enConcepts(nil, enWords(s)), refEnConcepts(lx, enWords(s)); !equalIDs(got, want) {
			t.Errorf("enConcepts(%q) = %v, want %v", s, got, want)
		}
		for _, minLen := range []int{1, 2} {
			if got, want := lx.zhTextConcepts(nil, s, minLen), lx.zhConcepts(nil, []rune(s), minLen); !equalIDs(got, want) {
				t.Errorf("zhTextConcepts(%q, %d) = %v, want %v", s, minLen, got, want)
			}
		}
		checkZhTextConcepts2(t, lx, s)
	}
}

func checkZhTextConcepts2(t *testing.T, lx *Lexicon, s string) {
	t.Helper()
	all, long := lx.zhTextConcepts2(nil, nil, s)
	if want := lx.zhConcepts(nil, []rune(s), 1); !equalIDs(all, want) {
		t.Errorf("zhTextConcepts2(%q) all = %v, want %v", s, all, want)
	}
	if want := lx.zhConcepts(nil, []rune(s), 2); !equalIDs(long, want) {
		t.Errorf("zhTextConcepts2(%q) long = %v, want %v", s, long, want)
	}
}

func equalIDs(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func FuzzLexiconReadings(f *testing.F) {
	f.Add("subsidies for disabled people in the municipal government")
	f.Add("全市建成养老服务设施3132个，市政府召开视频会议")
	f.Fuzz(func(t *testing.T, s string) {
		lx := mustLexicon()
		if got, want := lx.enConcepts(nil, enWords(s)), refEnConcepts(lx, enWords(s)); !equalIDs(got, want) {
			t.Errorf("enConcepts(%q) = %v, want %v", s, got, want)
		}
		for _, minLen := range []int{1, 2} {
			if got, want := lx.zhTextConcepts(nil, s, minLen), lx.zhConcepts(nil, []rune(s), minLen); !equalIDs(got, want) {
				t.Errorf("zhTextConcepts(%q, %d) = %v, want %v", s, minLen, got, want)
			}
		}
		checkZhTextConcepts2(t, lx, s)
	})
}
