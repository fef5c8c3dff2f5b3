package review

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// basePage is what the layout needs from every page.
type basePage struct {
	Title string
	Nav   string // pairs | documents | overview
	// SearchQuery is the query shown in the header's search box.
	SearchQuery string
	// FTS is false when search falls back to substring matching.
	FTS bool
}

var funcs = template.FuncMap{
	"verdictLabel":  verdictLabel,
	"errorLabel":    errorLabel,
	"decisionLabel": decisionLabel,
	"comma":         comma,
	"value":         formatValue,
	"add":           func(a, b int) int { return a + b },
	"pct":           func(x float64) string { return strconv.Itoa(int(x*100+0.5)) + "%" },
}

// parsePages parses every page template together with the layout.
func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/_*.html", n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", n, err)
		}
		pages[base] = t
	}
	return pages, nil
}

// render executes page name into a buffer first, so a template error becomes
// a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, code int, name string, data any) {
	var buf bytes.Buffer
	t := s.pages[name]
	if t == nil {
		s.log.Error("no template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render", "page", name, "err", err)
		if name != "error" {
			s.render(w, http.StatusInternalServerError, "error", &errorPage{Code: 500, Status: "Internal Server Error",
				Message: "The page could not be drawn; the log has the details.", basePage: basePage{Title: "500"}})
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// part is a piece of text on a page: plain, or a highlighted figure.
type part struct {
	Text string
	Fig  *figure
	Mark bool // a search hit in a snippet
}

// figure is a highlighted claim in a text.
type figure struct {
	ClaimID  int64
	LinkID   int64  // the link selecting it shows; 0 when in none
	Verdict  string // match | match_rounded | mismatch | dropped | added | "" (no link)
	Decision string
	Title    string // tooltip
	Sel      bool
	Href     string
	// Class is the figure's CSS classes, set by done.
	Class string
}

// done sets the figure's classes once its verdict and selection are known
// (computed here, not in the template, which runs it a thousand times).
func (f *figure) done() {
	f.Class = "fig v-none"
	if f.Verdict != "" {
		f.Class = "fig v-" + f.Verdict
	}
	if f.Sel {
		f.Class += " sel"
	}
}

// span places a figure in a document: code points, end exclusive.
type span struct {
	Start, End int
	Fig        *figure
}

// highlight cuts text, which starts at code point offset base of its
// document, into plain parts and figures. spans must be sorted by Start;
// spans outside text or overlapping an earlier one are left out rather
// than drawn wrong.
func highlight(text string, base int, spans []span) []part {
	var out []part
	pos := 0    // code points of text consumed
	byteAt := 0 // byte offset of pos
	n := utf8.RuneCountInString(text)
	advance := func(to int) string { // returns text[pos:to] and moves there
		start := byteAt
		for pos < to {
			_, size := utf8.DecodeRuneInString(text[byteAt:])
			byteAt += size
			pos++
		}
		return text[start:byteAt]
	}
	for _, sp := range spans {
		a, b := sp.Start-base, sp.End-base
		if a < pos || b > n || a >= b {
			continue
		}
		if a > pos {
			out = append(out, part{Text: advance(a)})
		}
		out = append(out, part{Text: advance(b), Fig: sp.Fig})
	}
	if pos < n {
		out = append(out, part{Text: advance(n)})
	}
	return out
}

// snippet returns about width code points of text around the first
// occurrence of one of terms, with the hits marked.
func snippet(text string, terms []string, width int) []part {
	runes := []rune(text)
	best, bestLen := -1, 0
	for _, t := range terms {
		if t == "" {
			continue
		}
		if i := strings.Index(strings.ToLower(text), strings.ToLower(t)); i >= 0 {
			ri := utf8.RuneCountInString(text[:i])
			if best < 0 || ri < best {
				best, bestLen = ri, utf8.RuneCountInString(t)
			}
		}
	}
	if best < 0 {
		end := min(len(runes), width)
		s := string(runes[:end])
		if end < len(runes) {
			s += "…"
		}
		return []part{{Text: s}}
	}
	from := max(0, best-width/3)
	to := min(len(runes), from+width)
	var out []part
	if from > 0 {
		out = append(out, part{Text: "…"})
	}
	out = append(out, part{Text: string(runes[from:best])},
		part{Text: string(runes[best : best+bestLen]), Mark: true},
		part{Text: string(runes[best+bestLen : to])})
	if to < len(runes) {
		out = append(out, part{Text: "…"})
	}
	return out
}

var verdictLabels = map[string]string{
	"match":         "match",
	"match_rounded": "rounded",
	"mismatch":      "mismatch",
	"dropped":       "dropped",
	"added":         "added",
	"":              "not linked",
}

func verdictLabel(v string) string {
	if l, ok := verdictLabels[v]; ok {
		return l
	}
	return v
}

// errorClasses are the error classes of a mismatch, in the order pages list
// them, with what each means to a reader.
var errorClasses = []struct{ Key, Label string }{
	{"magnitude", "magnitude (万/亿 read wrong)"},
	{"digits", "digits changed"},
	{"decimal", "decimal point moved"},
	{"rounding", "rounded too far"},
	{"unit", "wrong unit"},
	{"qualifier", "qualifier changed"},
	{"percent_vs_points", "% vs percentage points"},
	{"sign", "sign / direction"},
	{"other", "other"},
}

func errorLabel(e string) string {
	for _, c := range errorClasses {
		if c.Key == e {
			return c.Label
		}
	}
	return e
}

// decisions a reviewer can record, in form order.
var decisions = []struct{ Key, Label, Help string }{
	{"confirmed_error", "Confirmed error", "the translation is wrong"},
	{"false_alarm", "False alarm", "the figures agree; the checker is wrong"},
	{"second_look", "Needs a second look", "ask a colleague"},
}

func decisionLabel(d string) string {
	for _, x := range decisions {
		if x.Key == d {
			return x.Label
		}
	}
	return d
}

// comma writes an integer with thousands separators.
func comma(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// formatValue shows an exact decimal with thousands separators in its
// integer part ("439000000" -> "439,000,000"), keeping every digit.
func formatValue(v string) string {
	sign := ""
	if strings.HasPrefix(v, "-") {
		sign, v = "-", v[1:]
	}
	ip, fp, hasFrac := strings.Cut(v, ".")
	if ip == "" || strings.Trim(ip, "0123456789") != "" {
		return sign + v
	}
	var b strings.Builder
	for i := range len(ip) {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(ip[i])
	}
	if hasFrac {
		return sign + b.String() + "." + fp
	}
	return sign + b.String()
}

// query builds a URL query string from pairs of keys and values, leaving out
// empty values, so links carry only the filters in use.
func query(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// worst orders verdicts by how much a reviewer should care, so a claim in
// several links is coloured by the worst.
func worst(a, b string) string {
	rank := map[string]int{"": 0, "match": 1, "match_rounded": 2, "added": 3, "dropped": 3, "mismatch": 4}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

func sortSpans(sp []span) {
	sort.Slice(sp, func(i, j int) bool {
		if sp[i].Start != sp[j].Start {
			return sp[i].Start < sp[j].Start
		}
		return sp[i].End > sp[j].End
	})
}
