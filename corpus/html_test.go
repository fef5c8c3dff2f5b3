package corpus

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// page is a test page and what should be read from it, from its .want file:
// "key: value" header lines, a "---" line, then the article text.
type page struct {
	file                                string
	title, date, source, encoding, lang string
	body                                []string
}

func loadPages(t testing.TB) []page {
	t.Helper()
	wants, err := filepath.Glob("testdata/html/*.want")
	if err != nil || len(wants) == 0 {
		t.Fatalf("no test pages: %v", err)
	}
	var out []page
	for _, w := range wants {
		data, err := os.ReadFile(w)
		if err != nil {
			t.Fatal(err)
		}
		head, body, ok := strings.Cut(string(data), "\n---\n")
		if !ok {
			t.Fatalf("%s: no --- line", w)
		}
		base := strings.TrimSuffix(w, ".want")
		p := page{}
		for _, ext := range []string{".html", ".htm"} {
			if _, err := os.Stat(base + ext); err == nil {
				p.file = base + ext
			}
		}
		if p.file == "" {
			t.Fatalf("%s: no page", w)
		}
		for _, l := range strings.Split(head, "\n") {
			k, v, _ := strings.Cut(l, ":")
			v = strings.TrimSpace(v)
			switch k {
			case "title":
				p.title = v
			case "date":
				p.date = v
			case "source":
				p.source = v
			case "encoding":
				p.encoding = v
			case "lang":
				p.lang = v
			}
		}
		p.body = strings.Split(strings.TrimRight(body, "\n"), "\n")
		out = append(out, p)
	}
	return out
}

// TestReadHTMLPages reads pages built like government sites (menus,
// breadcrumbs, info rows, share bars, related-article lists, footers with
// ICP numbers, in GBK, GB18030, Big5 and UTF-8, some declaring the wrong
// charset or none) and checks that the article text comes out exactly.
func TestReadHTMLPages(t *testing.T) {
	exact := 0
	pages := loadPages(t)
	for _, p := range pages {
		t.Run(filepath.Base(p.file), func(t *testing.T) {
			doc, err := Load(p.file)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Split(doc.Text, "\n")
			if strings.Join(got, "\n") == strings.Join(p.body, "\n") {
				exact++
			} else {
				t.Errorf("body:\n%s\nwant:\n%s", doc.Text, strings.Join(p.body, "\n"))
			}
			for _, f := range []struct{ name, got, want string }{
				{"title", doc.Title, p.title},
				{"date", doc.Date, p.date},
				{"source", doc.Source, p.source},
				{"encoding", doc.Encoding, p.encoding},
				{"lang", string(doc.Lang), p.lang},
			} {
				if f.got != f.want {
					t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
				}
			}
		})
	}
	t.Logf("article text exact on %d of %d pages", exact, len(pages))
}

// FuzzToolRunes: the cheap test chromeLine runs before toolRow never turns
// away a line toolRow matches.
func FuzzToolRunes(f *testing.F) {
	for _, s := range []string{"【打印】【关闭】", "字号：大 中 小", "Print | Close | Share", "PRINT ſhare", "[列印] [關閉]", "打印本页 关闭窗口 增长3%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, l string) {
		if toolRow.MatchString(l) && !onlyToolRunes(l) {
			t.Errorf("toolRow matches %q but onlyToolRunes says no", l)
		}
	})
}

// refLineWriter is lineWriter as it was, rune by rune into a
// strings.Builder.
type refLineWriter struct {
	lines   []string
	cur     strings.Builder
	last    rune // last rune written on the current line
	space   bool // white space pending
	newline bool // the pending white space holds a line break
	tab     bool // a cell boundary is pending
}

func (w *refLineWriter) text(s string) {
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0' || r == '\u3000' || r == '\u200b' {
			w.space = true
			if r == '\n' || r == '\r' {
				w.newline = true
			}
			continue
		}
		if w.cur.Len() > 0 {
			switch {
			case w.tab:
				w.cur.WriteByte('\t')
			case w.space && !(w.newline && (isWide(w.last) || isWide(r))):
				w.cur.WriteByte(' ')
			}
		}
		w.space, w.newline, w.tab = false, false, false
		w.cur.WriteRune(r)
		w.last = r
	}
}

func (w *refLineWriter) pre(s string) {
	for _, line := range strings.Split(s, "\n") {
		w.text(line)
		w.endLine()
	}
}

func (w *refLineWriter) cell() {
	if w.cur.Len() > 0 {
		w.tab = true
	}
}

func (w *refLineWriter) endLine() {
	if line := strings.TrimSpace(w.cur.String()); line != "" {
		w.lines = append(w.lines, line)
	}
	w.cur.Reset()
	w.space, w.newline, w.tab, w.last = false, false, false, 0
}

func FuzzLineWriter(f *testing.F) {
	f.Add("  增长\n3.2%", "\u3000\u3000为 50.25 万", "Text with\u00a0spaces\xff and\tcells")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		var w lineWriter
		var r refLineWriter
		w.text(a)
		r.text(a)
		w.cell()
		r.cell()
		w.text(b)
		r.text(b)
		w.endLine()
		r.endLine()
		w.text(c)
		r.text(c)
		w.pre(a + "\n" + c)
		r.pre(a + "\n" + c)
		w.endLine()
		r.endLine()
		if strings.Join(w.lines, "\n") != strings.Join(r.lines, "\n") || len(w.lines) != len(r.lines) {
			t.Errorf("lines %q, want %q", w.lines, r.lines)
		}
	})
}

func FuzzStyleHides(f *testing.F) {
	f.Add("DISPLAY: NONE")
	f.Add("visibility : hidden; color:red")
	f.Add("display:n\u0130one")
	f.Fuzz(func(t *testing.T, v string) {
		l := strings.ReplaceAll(strings.ToLower(v), " ", "")
		want := strings.Contains(l, "display:none") || strings.Contains(l, "visibility:hidden")
		if got := styleHides(v); got != want {
			t.Errorf("styleHides(%q) = %v, want %v", v, got, want)
		}
	})
}

func FuzzCleanSpace(f *testing.F) {
	for _, s := range []string{"", " ", "a b", "a  b", " a", "a ", "a\u3000b", "全市 民政\t工作", "x\u00a0y", "\xff \xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' }), " ")
		if got := cleanSpace(s); got != want {
			t.Errorf("cleanSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

func FuzzSquash(f *testing.F) {
	f.Add("全市 民政\u3000工作\u2003会议\u1680x\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendSquashed(nil, s)), squash(s); got != want {
			t.Errorf("appendSquashed(%q) = %q, want %q", s, got, want)
		}
	})
}

// referenceCountText is countText as it was.
func referenceCountText(s string) (chars, punct int) {
	prev := rune(0)
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u3000' {
			if prev == ',' || prev == '.' || prev == ';' {
				punct++
			}
			prev = r
			continue
		}
		chars++
		switch r {
		case '，', '。', '；', '、', '：', '！', '？', '“', '”':
			punct++
		}
		prev = r
	}
	return chars, punct
}

func FuzzCountText(f *testing.F) {
	f.Add("增长3.2%，达到 1, 2. 3;\u3000x\u2003y\xff“引”")
	f.Fuzz(func(t *testing.T, s string) {
		c, p := countText(s)
		wc, wp := referenceCountText(s)
		if c != wc || p != wp {
			t.Errorf("countText(%q) = %d, %d, want %d, %d", s, c, p, wc, wp)
		}
	})
}

// FuzzTimeElements: when alone says so, the <time> elements the scorer
// collects from the body are every <time> of the page, in order.
func FuzzTimeElements(f *testing.F) {
	addPages(f)
	for _, s := range []string{
		"<!DOCTYPE html><html><head><title>t</title></head><body><time datetime=2022-01-24>x</time><p>a</p></body></html>",
		"<html><body><p>a</p></body></html><time>2022-01-24</time>",
		"<frameset><frame></frameset><time>x</time>",
		"<time><body><time>y</time>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, n := range doc.Nodes {
			removeJunk(n)
		}
		root := firstElement(doc.Nodes, "body")
		if root == nil {
			root = doc.Nodes[0]
		}
		sc, _ := bestContainer(root)
		defer sc.release()
		if !alone(root) {
			return
		}
		if got, want := sc.times, elements(doc.Nodes, "time"); !slices.Equal(got, want) {
			t.Errorf("%q: scorer found %d <time>, the page has %d", data, len(got), len(want))
		}
	})
}

// referenceReadMetas collects <meta name|property|itemprop|http-equiv content>, keyed
// by the lower-cased name; the first of a name wins.
func referenceReadMetas(doc *goquery.Document) map[string]string {
	m := map[string]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "meta" {
				readMeta(c, m)
			}
			walk(c)
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	return m
}

// FuzzPrepare: prepare's one walk finds what readMetas, a search for the
// title, removeJunk and a search for the body found one after another.
func FuzzPrepare(f *testing.F) {
	addPages(f)
	f.Add([]byte(`<html><head><meta name=A content=1><title>t</title></head><body><div hidden><meta name=a content=2><title>u</title></div><meta property=b content=3><body><p>x`))
	f.Add([]byte(`<body style="display:none"><p>x</p></body><meta name=c content=4>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc1, err1 := goquery.NewDocumentFromReader(bytes.NewReader(data))
		doc2, err2 := goquery.NewDocumentFromReader(bytes.NewReader(data))
		if err1 != nil || err2 != nil {
			return
		}
		metas := referenceReadMetas(doc1)
		title := firstElement(doc1.Nodes, "title")
		for _, n := range doc1.Nodes {
			removeJunk(n)
		}
		body := firstElement(doc1.Nodes, "body")
		p := prepare(doc2.Nodes)
		if !maps.Equal(metas, p.metas) {
			t.Errorf("%q: metas %v, want %v", data, p.metas, metas)
		}
		if (title == nil) != (p.title == nil) || title != nil && nodeText(title) != nodeText(p.title) {
			t.Errorf("%q: title differs", data)
		}
		if (body == nil) != (p.body == nil) || body != nil && strings.Join(textLines(body, nil), "\n") != strings.Join(textLines(p.body, nil), "\n") {
			t.Errorf("%q: body differs", data)
		}
	})
}

// removeJunk is the walk that clean replaced, kept as the tests'
// reference: it drops scripts, styles, form controls, media, hidden
// elements and comments.
func removeJunk(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode:
			n.RemoveChild(c)
		case c.Type == html.ElementNode && (junk(c.DataAtom) || hidden(c)):
			n.RemoveChild(c)
		default:
			removeJunk(c)
		}
		c = next
	}
}
