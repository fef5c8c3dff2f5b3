package gen

import (
	"errors"
	"strings"
	"testing"

	"figures/corpus"
)

func TestTemplates(t *testing.T) {
	tm, err := parseTemplates(templatesTSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(tm.topics) < 6 || len(tm.cities) < 10 {
		t.Errorf("%d topics, %d cities: the corpus would be monotonous", len(tm.topics), len(tm.cities))
	}
}

func TestFigureRendering(t *testing.T) {
	for _, tt := range []struct {
		typ      string
		v        value
		zh, tc   string
		en       string
		wrong    string
		errClass string
	}{
		{"wan", value{5025, 2}, "50.25万", "50.25萬", "502,500", "50,250", "magnitude"},
		{"wan", value{646, 0}, "646万", "646萬", "6.46 million", "646,000", "magnitude"},
		{"yi", value{439, 2}, "4.39亿元", "4.39億元", "439 million yuan", "4.39 billion yuan", "magnitude"},
		{"yi", value{1236, 2}, "12.36亿元", "12.36億元", "1.236 billion yuan", "12.36 billion yuan", "magnitude"},
		{"wanyuan", value{3876, 0}, "3876万元", "3876萬元", "38.76 million yuan", "3,876,000 yuan", "magnitude"},
		{"int", value{3132, 0}, "3132", "3132", "3,132", "3,123", "digits"},
		{"pp", value{42, 1}, "4.2个百分点", "4.2個百分點", "4.2 percentage points", "4.2%", "percent_vs_points"},
		{"yu", value{3800, 0}, "3800余", "3800餘", "more than 3,800", "nearly 3,800", "qualifier"},
		{"yue", value{12, 1}, "约1.2万", "約1.2萬", "about 12,000", "", ""},
		{"ratio", value{82, 2}, "1:0.82", "1:0.82", "1:0.82", "", ""},
	} {
		k := kinds[tt.typ]
		if got := k.zh(tt.v, false); got != tt.zh {
			t.Errorf("%s %v zh = %q, want %q", tt.typ, tt.v, got, tt.zh)
		}
		if got := k.zh(tt.v, true); got != tt.tc {
			t.Errorf("%s %v zh-Hant = %q, want %q", tt.typ, tt.v, got, tt.tc)
		}
		if got := k.en(tt.v, 0); got != tt.en {
			t.Errorf("%s %v en = %q, want %q", tt.typ, tt.v, got, tt.en)
		}
		if k.wrong != nil {
			w, class := k.wrong(tt.v, 0)
			if w != tt.wrong || class != tt.errClass {
				t.Errorf("%s %v wrong = %q (%s), want %q (%s)", tt.typ, tt.v, w, class, tt.wrong, tt.errClass)
			}
		}
	}
}

// TestGeneratedFilesRead generates a corpus and reads every file back with
// corpus.Parse: the article text, title, date, source, encoding and
// language must come out as generated, and bad files must fail as they
// should. It measures the HTML reader on hundreds of pages in every skin,
// paragraph style and encoding the generator has.
func TestGeneratedFilesRead(t *testing.T) {
	g, err := New(Config{Seed: 7, ErrorRate: 0.05, BadRate: 0.03})
	if err != nil {
		t.Fatal(err)
	}
	n := 400
	if testing.Short() {
		n = 100
	}
	files, htmlOK, htmlAll := 0, 0, 0
	for range n {
		for _, f := range g.Next() {
			files++
			doc, err := corpus.Parse(f.Path, f.Data)
			switch f.Bad {
			case "":
			case "binary":
				if !errors.Is(err, corpus.ErrBinary) {
					t.Errorf("%s: err = %v, want binary", f.Path, err)
				}
				continue
			case "empty":
				if !errors.Is(err, corpus.ErrEmpty) {
					t.Errorf("%s: err = %v, want empty", f.Path, err)
				}
				continue
			case "undecodable":
				if !errors.Is(err, corpus.ErrUndecodable) {
					t.Errorf("%s: err = %v, want undecodable", f.Path, err)
				}
				continue
			default:
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", f.Path, err)
				continue
			}
			if f.Format == "html" {
				htmlAll++
			}
			var bad []string
			if doc.Text != f.Body {
				bad = append(bad, "text:\n"+doc.Text+"\nwant:\n"+f.Body)
			} else if f.Format == "html" {
				htmlOK++
			}
			for _, c := range [][3]string{
				{"title", doc.Title, f.Title},
				{"date", doc.Date, f.Date},
				{"source", doc.Source, f.Source},
				{"encoding", doc.Encoding, f.Encoding},
				{"lang", string(doc.Lang), f.Lang},
				{"format", doc.Format, f.Format},
			} {
				if c[1] != c[2] {
					bad = append(bad, c[0]+" = "+c[1]+", want "+c[2])
				}
			}
			if len(bad) > 0 {
				t.Errorf("%s (%s, declared %q):\n%s", f.Path, f.Encoding, f.Declared, strings.Join(bad, "\n"))
			}
		}
	}
	t.Logf("%d files; article text exact on %d of %d HTML pages", files, htmlOK, htmlAll)
}

func TestDeterministic(t *testing.T) {
	a, _ := New(Config{Seed: 3})
	b, _ := New(Config{Seed: 3})
	for range 50 {
		fa, fb := a.Next(), b.Next()
		if len(fa) != len(fb) || string(fa[0].Data) != string(fb[0].Data) || fa[0].Path != fb[0].Path {
			t.Fatal("same seed, different corpus")
		}
	}
}

func BenchmarkParseGenerated(b *testing.B) {
	g, _ := New(Config{Seed: 5, HTMLOnly: true})
	var files []File
	var size int64
	for range 100 {
		for _, f := range g.Next() {
			files = append(files, f)
			size += int64(len(f.Data))
		}
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, f := range files {
			if _, err := corpus.Parse(f.Path, f.Data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
