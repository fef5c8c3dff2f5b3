package extract_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"figures/corpus"
	"figures/extract"
	"figures/segment"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const seedDir = "../../shared/seeds"

// loadSeed reads a seed bulletin and extracts its claims the way ingest
// does: sentences, gse words for Chinese, then the extractor.
func loadSeed(t *testing.T, name string) (*corpus.Document, []extract.Claim) {
	t.Helper()
	path := filepath.Join(seedDir, name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("seed %s not available (../shared is absent): %v", name, err)
	}
	doc, err := corpus.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	sents := segment.Split(doc)
	for i := range sents {
		if err := segment.Words(&sents[i]); err != nil {
			t.Fatal(err)
		}
	}
	return doc, extract.Sentences(sents)
}

type want struct {
	text, kind, value, unit, qual, context string
}

func findClaim(cs []extract.Claim, text string) *extract.Claim {
	for i := range cs {
		if cs[i].Text == text {
			return &cs[i]
		}
	}
	return nil
}

func checkClaims(t *testing.T, doc *corpus.Document, claims []extract.Claim, wants []want, notClaims []string) {
	t.Helper()
	runes := []rune(doc.Text)
	for _, c := range claims {
		if c.Start < 0 || c.End > len(runes) || c.Start >= c.End {
			t.Errorf("claim %q has offsets [%d,%d) outside the text", c.Text, c.Start, c.End)
			continue
		}
		if got := string(runes[c.Start:c.End]); got != c.Text {
			t.Errorf("claim text %q, but the document has %q at [%d,%d)", c.Text, got, c.Start, c.End)
		}
	}
	for _, w := range wants {
		c := findClaim(claims, w.text)
		if c == nil {
			t.Errorf("no claim %q", w.text)
			continue
		}
		if string(c.Kind) != w.kind || c.Value != w.value {
			t.Errorf("%q: got %s %s, want %s %s", w.text, c.Kind, c.Value, w.kind, w.value)
		}
		if w.unit != "-" && c.Unit != w.unit {
			t.Errorf("%q: unit %q, want %q", w.text, c.Unit, w.unit)
		}
		if w.qual != "" && string(c.Qualifier) != w.qual {
			t.Errorf("%q: qualifier %q, want %q", w.text, c.Qualifier, w.qual)
		}
		if w.context != "" && !strings.Contains(c.Context, w.context) {
			t.Errorf("%q: context %q, want it to contain %q", w.text, c.Context, w.context)
		}
	}
	for _, nc := range notClaims {
		for _, c := range claims {
			if strings.Contains(c.Text, nc) || strings.Contains(nc, c.Text) && len(c.Text) > 1 {
				t.Errorf("%q is not a claim, but %q was extracted", nc, c.Text)
			}
		}
	}
}

// The acceptance figures of issue 2 on the Chongqing pair.
func TestSeedChinese(t *testing.T) {
	doc, claims := loadSeed(t, "002_5cafc8c59861a624.txt")
	checkClaims(t, doc, claims, []want{
		{"3132个", "count", "3132", "-", "exact", ""},
		{"83.5%", "percent", "83.5", "", "", ""},
		{"100%", "percent", "100", "", "", ""},
		{"6.6万人", "count", "66000", "person", "", ""},
		{"646万人", "count", "6460000", "person", "", "志愿者"},
		{"4.39亿元", "money", "439000000", "yuan", "", "补贴"},
		{"50.25万", "count", "502500", "person", "", "残疾人"},
		{"3800余名", "count", "3800", "person", "more_than", ""},
		{"3000余名", "count", "3000", "person", "more_than", ""},
		{"1:0.81", "ratio", "0.81", "", "", ""},
		{"98%", "percent", "98", "", "", ""},
		{"80%", "percent", "-80", "", "", ""},
		{"78.6%", "percent", "78.6", "", "", ""},
		{"0.21次", "count", "0.21", "time", "", ""},
		{"13项", "count", "13", "item", "", ""},
	}, []string{"2021年", "2022年", "1月24日", "一门受理", "一肩挑", "五社联动", "六化建设", "两项补贴", "三治结合"})
}

func TestSeedEnglish(t *testing.T) {
	doc, claims := loadSeed(t, "000_d67679362c5d4f65.txt")
	checkClaims(t, doc, claims, []want{
		{"3,132", "count", "3132", "-", "exact", ""},
		{"83.5%", "percent", "83.5", "", "", ""},
		{"100%", "percent", "100", "", "", ""},
		{"66,000", "count", "66000", "person", "", "social workers"},
		{"6.46 million", "count", "6460000", "person", "", "volunteers"},
		{"439 million yuan", "money", "439000000", "yuan", "", "subsidies"},
		{"502,500", "count", "502500", "person", "", "disabled people"},
		{"3,800", "count", "3800", "person", "more_than", "children"},
		{"80%", "percent", "-80", "", "", ""},
		{"0.21 times", "count", "0.21", "time", "", ""},
		// the Chinese paragraph at the end is read with the Chinese grammar
		{"13项", "count", "13", "item", "", ""},
	}, []string{"January 24", "2022", "2021", "24th", "first", "two subsidies", "2022年"})
	for _, c := range claims {
		if c.Text == "13项" && c.Lang != "zh" {
			t.Errorf("13项 read with the %s grammar", c.Lang)
		}
	}
}

// TestSeedGolden pins the extraction of every seed; run with -update after
// a deliberate change and review the diff.
func TestSeedGolden(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join(seedDir, "0*.txt"))
	if len(names) == 0 {
		t.Skip("../shared/seeds is absent")
	}
	for _, path := range names {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			_, claims := loadSeed(t, name)
			var b strings.Builder
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			for _, c := range claims {
				c.File = ""
				enc.Encode(c)
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".txt")+".golden.jsonl")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestSeedGolden -update)", err)
			}
			if string(want) != b.String() {
				t.Errorf("extraction of %s differs from %s (run with -update and review the diff):\n%s", name, golden, firstDiff(string(want), b.String()))
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "want: " + x + "\n got: " + y
		}
	}
	return ""
}
