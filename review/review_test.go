package review

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"figures/align"
	"figures/corpus"
	"figures/extract"
)

func TestPairsList(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	code, body := get(t, s, "/")
	if code != 200 {
		t.Fatalf("GET / = %d", code)
	}
	for _, want := range []string{pensionZH, pensionEN, "一季度财政收支情况", "市民政局", "2024-03-05",
		`<span class="chip v-mismatch">1</span>`, `<span class="chip v-dropped">1</span>`, `<span class="chip v-added">1</span>`,
		"1 to review"} {
		if !strings.Contains(body, want) {
			t.Errorf("pairs list lacks %q", want)
		}
	}
	tests := []struct {
		query      string
		want, lack []string
	}{
		{"?verdict=dropped", []string{pensionZH}, []string{"一季度财政收支情况"}},
		{"?verdict=clean", nil, []string{pensionZH, "一季度财政收支情况"}},
		{"?error=percent_vs_points", []string{"一季度财政收支情况"}, []string{pensionZH}},
		{"?error=magnitude", []string{pensionZH}, []string{"一季度财政收支情况"}},
		{"?source=" + url.QueryEscape("市财政局"), []string{"一季度财政收支情况"}, []string{pensionZH}},
		{"?from=2024-04-01", []string{"一季度财政收支情况"}, []string{pensionZH}},
		{"?to=2024-03-31", []string{pensionZH}, []string{"一季度财政收支情况"}},
		{"?review=open", []string{pensionZH, "一季度财政收支情况"}, nil},
		{"?review=confirmed_error", nil, []string{pensionZH, "一季度财政收支情况"}},
		{"?q=" + url.QueryEscape("养老"), []string{pensionZH}, []string{"一季度财政收支情况"}},
		{"?q=pension", []string{pensionZH}, []string{"一季度财政收支情况"}},
	}
	for _, tc := range tests {
		code, body := get(t, s, "/"+tc.query)
		if code != 200 {
			t.Errorf("GET /%s = %d", tc.query, code)
			continue
		}
		list := body[strings.Index(body, "</form>"):] // past the filters (option labels)
		for _, w := range tc.want {
			if !strings.Contains(list, w) {
				t.Errorf("GET /%s lacks %q", tc.query, w)
			}
		}
		for _, l := range tc.lack {
			if strings.Contains(list, l) {
				t.Errorf("GET /%s shows %q", tc.query, l)
			}
		}
	}
	// Every sort key, both ways, renders; the order follows it.
	for key := range sortExprs {
		for _, dir := range []string{"asc", "desc"} {
			if code, _ := get(t, s, "/?sort="+key+"&dir="+dir); code != 200 {
				t.Errorf("sort %s %s: %d", key, dir, code)
			}
		}
	}
	_, asc := get(t, s, "/?sort=date&dir=asc")
	_, desc := get(t, s, "/?sort=date&dir=desc")
	if strings.Index(asc, pensionZH) > strings.Index(asc, "一季度财政收支情况") ||
		strings.Index(desc, pensionZH) < strings.Index(desc, "一季度财政收支情况") {
		t.Error("sorting by date does not order the pairs by date")
	}
}

func TestBadRequests(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	tests := []struct {
		method, path string
		code         int
	}{
		{"GET", "/?sort=bogus", 400},
		{"GET", "/?dir=sideways", 400},
		{"GET", "/?from=2024-13-01", 400},
		{"GET", "/?to=yesterday", 400},
		{"GET", "/?page=0", 400},
		{"GET", "/?page=two", 400},
		{"GET", "/?verdict=maybe", 400},
		{"GET", "/?error=typo", 400},
		{"GET", "/?review=later", 400},
		{"GET", "/?q=%zz", 400},
		{"GET", "/?q=%ff%fe", 400},
		{"GET", "/?q=" + strings.Repeat("养", maxQuery+1), 400},
		{"GET", "/pair/abc", 400},
		{"GET", "/pair/-3", 400},
		{"GET", "/pair/0", 400},
		{"GET", "/pair/1.5", 400},
		{"GET", "/pair/99999999999999999999", 400},
		{"GET", "/pair/424242", 404},
		{"GET", fmt.Sprintf("/pair/%d?link=x", f.pair1), 400},
		{"GET", fmt.Sprintf("/pair/%d?link=424242", f.pair1), 404},
		{"GET", "/doc/x", 400},
		{"GET", "/doc/424242", 404},
		{"GET", "/documents?lang=fr", 400},
		{"GET", "/documents?paired=maybe", 400},
		{"GET", "/overview?x=%", 400},
		{"GET", "/nowhere", 404},
		{"GET", "/static/nothing.css", 404},
		{"DELETE", "/", 405},
		{"POST", fmt.Sprintf("/pair/%d", f.pair1), 405},
		{"GET", "/review", 405},
		{"GET", "/?page=9", 200}, // past the end: an empty page, not an error
	}
	for _, tc := range tests {
		req := httptest.NewRequest(tc.method, "http://127.0.0.1:8080"+tc.path, nil)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != tc.code {
			t.Errorf("%s %s = %d, want %d", tc.method, tc.path, rec.Code, tc.code)
		}
		if rec.Code >= 400 && rec.Code != 405 && !strings.HasPrefix(tc.path, "/static/") && !strings.Contains(rec.Body.String(), "<h1>") {
			t.Errorf("%s %s: error without a page: %q", tc.method, tc.path, rec.Body.String())
		}
	}
}

// TestEscaping: a document's text, title and path are untrusted and must
// come out as text, never as markup.
func TestEscaping(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	for _, path := range []string{fmt.Sprintf("/doc/%d", f.script), "/documents", "/documents?q=notice",
		"/documents?q=" + url.QueryEscape("<script>")} {
		code, body := get(t, s, path)
		if code != 200 {
			t.Fatalf("GET %s = %d", path, code)
		}
		if strings.Contains(body, "<script>window") || strings.Contains(body, "<b>bold</b>") {
			t.Errorf("GET %s: document markup reached the page unescaped", path)
		}
		if path == fmt.Sprintf("/doc/%d", f.script) && !strings.Contains(body, "&lt;script&gt;window.pwned=1&lt;/script&gt;") {
			t.Errorf("GET %s: the script tag is not shown as text", path)
		}
	}
	// In a pair page, with the markup in the English text.
	_, body := get(t, s, fmt.Sprintf("/pair/%d", f.pair1))
	if strings.Contains(body, "<b>trained</b>") || !strings.Contains(body, "&lt;b&gt;trained&lt;/b&gt;") {
		t.Error("pair page does not escape the text")
	}
	// A query is echoed escaped.
	_, body = get(t, s, "/?q="+url.QueryEscape(`"><script>alert(1)</script>`))
	if strings.Contains(body, "<script>alert") {
		t.Error("search query echoed unescaped")
	}
	// Only the page's own script is on any page.
	if n := strings.Count(body, "<script"); n != 1 {
		t.Errorf("%d script tags on the page, want 1", n)
	}
}

func TestPairPage(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	zc := claimID(t, f, f.zh1, "18.75亿元")
	ec := claimID(t, f, f.en1, "18.75 billion yuan")
	lid := linkID(t, f, zc)
	code, body := get(t, s, fmt.Sprintf("/pair/%d", f.pair1))
	if code != 200 {
		t.Fatalf("pair page: %d", code)
	}
	problems := body[strings.Index(body, `id="problems"`):strings.Index(body, `class="pairgrid"`)]
	for _, want := range []string{"18.75亿元", "18.75 billion yuan", "10 times too large", "magnitude",
		fmt.Sprintf(`href="?link=%d#c%d"`, lid, zc), "126个", "1,200", "is not stated in the English version"} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems list lacks %q", want)
		}
	}
	// The figure in the text: highlighted as a mismatch, an anchor, selecting its link.
	re := regexp.MustCompile(fmt.Sprintf(`<a class="fig v-mismatch" id="c%d" href="\?link=%d#c%d" data-link="%d" title="mismatch">18.75亿元</a>`, zc, lid, zc, lid))
	if !re.MatchString(body) {
		t.Error("the mismatched Chinese figure is not highlighted as a mismatch link")
	}
	for _, want := range []string{`class="fig v-match" id="c`, `class="fig v-dropped"`, `class="fig v-added"`,
		fmt.Sprintf(`id="c%d"`, ec), `id="b0"`, `id="b2"`, `lang="zh"`} {
		if !strings.Contains(body, want) {
			t.Errorf("pair page lacks %q", want)
		}
	}
	if strings.Count(body, "<tr id=\"b") != 3 {
		t.Errorf("want 3 aligned rows")
	}
	// Nothing selected: every detail hidden, the form too.
	if !strings.Contains(body, fmt.Sprintf(`<section class="detail" id="l%d" data-decision="" data-note="" hidden>`, lid)) ||
		!strings.Contains(body, `<form class="decide" id="decide" method="post" action="/review" hidden>`) {
		t.Error("without ?link the details and the form should be hidden")
	}
	// Selected (how it works without JavaScript): the detail shows, both
	// figures are marked, the form is for this link.
	_, body = get(t, s, fmt.Sprintf("/pair/%d?link=%d", f.pair1, lid))
	if !strings.Contains(body, fmt.Sprintf(`<section class="detail" id="l%d" data-decision="" data-note="">`, lid)) {
		t.Error("selected link's detail is hidden")
	}
	if !strings.Contains(body, fmt.Sprintf(`<input type="hidden" name="link" value="%d">`, lid)) {
		t.Error("decision form is not for the selected link")
	}
	for _, c := range []int64{zc, ec} {
		if !regexp.MustCompile(fmt.Sprintf(`class="fig v-mismatch sel" id="c%d"`, c)).MatchString(body) {
			t.Errorf("claim %d of the selected link is not marked", c)
		}
	}
}

func TestUnpairedDocument(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	code, body := get(t, s, fmt.Sprintf("/doc/%d", f.elderly))
	if code != 200 {
		t.Fatalf("doc page: %d", code)
	}
	for _, want := range []string{"This document has no counterpart", `class="fig v-none"`, ">210万人</a>", "2100000", "老年人口"} {
		if !strings.Contains(body, want) {
			t.Errorf("unpaired document page lacks %q", want)
		}
	}
	// A paired document shows its verdicts and links to its pair.
	_, body = get(t, s, fmt.Sprintf("/doc/%d", f.zh1))
	if !strings.Contains(body, "Checked against") || !strings.Contains(body, fmt.Sprintf(`href="/pair/%d?link=`, f.pair1)) ||
		!strings.Contains(body, `class="fig v-mismatch"`) {
		t.Error("paired document page lacks its verdicts")
	}
	_, body = get(t, s, "/documents?paired=unpaired")
	for _, id := range []int64{f.elderly, f.travel, f.script} {
		if !strings.Contains(body, fmt.Sprintf(`id="doc-%d"`, id)) {
			t.Errorf("unpaired list lacks document %d", id)
		}
	}
	if strings.Contains(body, fmt.Sprintf(`id="doc-%d"`, f.zh1)) {
		t.Error("unpaired list shows a paired document")
	}
}

func TestOverview(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	code, body := get(t, s, "/overview")
	if code != 200 {
		t.Fatalf("overview: %d", code)
	}
	for _, want := range []string{"<svg", "Mismatches by error class", "Mismatches by source", errorLabel("magnitude"),
		errorLabel("percent_vs_points"), "市民政局", "市财政局", `class="seg-open"`, "error=magnitude", "20.0%", "33.3%"} {
		if !strings.Contains(body, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
}

func TestHostCheck(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	for host, want := range map[string]int{"127.0.0.1:8080": 200, "localhost:9": 200, "[::1]:8080": 200,
		"evil.example": 403, "evil.example:8080": 403, "127.0.0.1.evil.example": 403} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %s: %d, want %d", host, rec.Code, want)
		}
	}
	open, err := New(context.Background(), f.db, Options{Hosts: []string{"review.lan"}})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = "review.lan:8080"
	rec := httptest.NewRecorder()
	open.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("allowed host refused: %d", rec.Code)
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	req := httptest.NewRequest("GET", "http://127.0.0.1/", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	csp := rec.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP = %q", csp)
	}
	if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
}

// claimID looks up a stored claim's id by its text.
func claimID(t testing.TB, f *fixture, doc int64, text string) int64 {
	t.Helper()
	var id int64
	if err := f.db.SQL().QueryRow("SELECT id FROM claims WHERE doc_id = ? AND text = ?", doc, text).Scan(&id); err != nil {
		t.Fatalf("claim %q: %v", text, err)
	}
	return id
}

// linkID looks up the link of a claim.
func linkID(t testing.TB, f *fixture, claim int64) int64 {
	t.Helper()
	var id int64
	if err := f.db.SQL().QueryRow("SELECT id FROM links WHERE zh_claim = ?1 OR en_claim = ?1", claim).Scan(&id); err != nil {
		t.Fatalf("link of claim %d: %v", claim, err)
	}
	return id
}

// TestReportWithoutBeads: a pair whose alignment is missing or partial still
// shows every sentence.
func TestReportWithoutBeads(t *testing.T) {
	f := buildFixture(t)
	zh := newDoc("x.zh.txt", "无对齐", "", "", corpus.ZhHans).
		s("第一句有", fig{Text: "5个", Kind: extract.Count, Value: "5"}, "。").s("第二句。").s("第三句。").side()
	en := newDoc("x.en.txt", "No alignment", "", "", corpus.English).s("First has ", fig{Text: "five", Kind: extract.Count, Value: "5"}, ".").s("Second.").side()
	_, _, pid := savePair(t, f.db, zh, en, &align.Report{Alignment: []align.Bead{{ZH: []int{1}, EN: []int{1}}}})
	s := newServer(t, f)
	code, body := get(t, s, fmt.Sprintf("/pair/%d", pid))
	if code != 200 {
		t.Fatalf("pair page: %d", code)
	}
	for _, want := range []string{"第一句有", "第二句", "第三句", "First has", "Second."} {
		if !strings.Contains(body, want) {
			t.Errorf("sentence %q not shown", want)
		}
	}
	if i, j := strings.Index(body, "第一句有"), strings.Index(body, "第三句"); i > j {
		t.Error("unaligned sentences out of order")
	}
	if !strings.Contains(body, `class="fig v-none"`) {
		t.Error("unlinked figures should still be highlighted")
	}
}

func TestHighlight(t *testing.T) {
	a, b := &figure{ClaimID: 1}, &figure{ClaimID: 2}
	tests := []struct {
		text  string
		base  int
		spans []span
		want  string
	}{
		{"发放补贴4.39亿元。", 10, []span{{Start: 14, End: 20, Fig: a}}, "发放补贴|[4.39亿元]|。"},
		{"abc", 0, nil, "abc"},
		{"abc", 0, []span{{Start: 0, End: 3, Fig: a}}, "[abc]"},
		{"abcdef", 0, []span{{Start: 1, End: 3, Fig: a}, {Start: 2, End: 4, Fig: b}}, "a|[bc]|def"}, // overlap dropped
		{"abc", 0, []span{{Start: 2, End: 9, Fig: a}}, "abc"},                                       // past the end
		{"abc", 5, []span{{Start: 1, End: 2, Fig: a}}, "abc"},                                       // before the start
		{"一二三四", 0, []span{{Start: 0, End: 1, Fig: a}, {Start: 3, End: 4, Fig: b}}, "[一]|二三|[四]"},
	}
	for _, tc := range tests {
		var parts []string
		for _, p := range highlight(tc.text, tc.base, tc.spans) {
			if p.Fig != nil {
				parts = append(parts, "["+p.Text+"]")
			} else {
				parts = append(parts, p.Text)
			}
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("highlight(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestFormatValue(t *testing.T) {
	for in, want := range map[string]string{"439000000": "439,000,000", "83.5": "83.5", "-2100000.25": "-2,100,000.25",
		"0.81": "0.81", "100": "100", "1000": "1,000", "x": "x"} {
		if got := formatValue(in); got != want {
			t.Errorf("formatValue(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzHighlight: whatever the spans, highlighting never loses or reorders
// text, and figures are exactly the spans' text.
func FuzzHighlight(f *testing.F) {
	f.Add("发放补贴4.39亿元。", 10, 14, 20, 12, 16)
	f.Add("abc", 0, 0, 3, 1, 2)
	f.Add("\xff\xfe", 0, 0, 1, 1, 2)
	f.Fuzz(func(t *testing.T, text string, base, s1, e1, s2, e2 int) {
		spans := []span{{Start: s1, End: e1, Fig: &figure{}}, {Start: s2, End: e2, Fig: &figure{}}}
		sortSpans(spans)
		var b strings.Builder
		for _, p := range highlight(text, base, spans) {
			b.WriteString(p.Text)
		}
		if b.String() != text {
			t.Fatalf("highlight(%q) lost text: %q", text, b.String())
		}
	})
}

// FuzzRequests: no path or query string makes the server fail (500); bad
// input is the client's error.
func FuzzRequests(f *testing.F) {
	fx := buildFixture(f)
	s := newServer(f, fx)
	for _, seed := range [][2]string{{"/", "sort=date&dir=asc"}, {"/pair/1", "link=3"}, {"/doc/7", ""},
		{"/documents", "q=养老&paired=unpaired&page=2"}, {"/", "q=%zz"}, {"/overview", ""}, {"/pair/99", "link=-1"},
		{"/", "from=2024-02-30&to=2024-01-01&source=市民政局&error=digits&review=open"}} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, path, rawQuery string) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		req := httptest.NewRequest("GET", "http://127.0.0.1/", nil)
		req.URL = &url.URL{Path: path, RawQuery: rawQuery}
		req.RequestURI = req.URL.RequestURI()
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s?%s = %d: %s", path, rawQuery, rec.Code, rec.Body.String())
		}
	})
}
