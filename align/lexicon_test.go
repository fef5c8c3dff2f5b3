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
