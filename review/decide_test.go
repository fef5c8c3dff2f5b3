package review

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// post sends a decision form with the given fields and headers.
func post(t *testing.T, s *Server, form url.Values, headers map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("POST", "http://127.0.0.1:8080/review", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func reviewRows(t *testing.T, f *fixture) []string {
	t.Helper()
	rows, err := f.db.SQL().Query(`SELECT decision, note, zh_start, zh_end, en_start, en_end FROM reviews ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d, n string
		var a, b, c, e int
		if err := rows.Scan(&d, &n, &a, &b, &c, &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %q %d-%d %d-%d", d, n, a, b, c, e))
	}
	return out
}

func TestCSRF(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	lid := linkID(t, f, claimID(t, f, f.zh1, "18.75亿元"))
	good := url.Values{"csrf": {s.csrfToken()}, "link": {fmt.Sprint(lid)}, "decision": {"confirmed_error"}, "note": {"亿 read as billion"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for kk, vv := range good {
			f[kk] = vv
		}
		if v == "" {
			f.Del(k)
		} else {
			f.Set(k, v)
		}
		return f
	}
	expired := func() string {
		ts := fmt.Sprintf("%x", 0) // 1970
		return ts + "." + s.csrfMAC(ts)
	}()
	other, err := New(context.Background(), f.db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		form    url.Values
		headers map[string]string
		code    int
	}{
		{"no token", with("csrf", ""), nil, 403},
		{"garbage token", with("csrf", "abc"), nil, 403},
		{"forged token", with("csrf", strings.Split(good.Get("csrf"), ".")[0]+".AAAA"), nil, 403},
		{"another server's token", with("csrf", other.csrfToken()), nil, 403},
		{"expired token", with("csrf", expired), nil, 403},
		{"cross-origin", good, map[string]string{"Origin": "http://evil.example"}, 403},
		{"cross-site fetch", good, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"bad link", with("link", "x"), nil, 400},
		{"unknown link", with("link", "424242"), nil, 404},
		{"bad decision", with("decision", "wrong"), nil, 400},
		{"note too long", with("note", strings.Repeat("长", maxNote+1)), nil, 400},
	}
	for _, tc := range tests {
		rec := post(t, s, tc.form, tc.headers)
		if rec.Code != tc.code {
			t.Errorf("%s: %d, want %d (%s)", tc.name, rec.Code, tc.code, rec.Body.String())
		}
	}
	if rows := reviewRows(t, f); len(rows) != 0 {
		t.Fatalf("rejected posts stored decisions: %v", rows)
	}

	// Same-origin, valid token: stored, and the browser is sent back to
	// the pair with the link selected.
	rec := post(t, s, good, map[string]string{"Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin"})
	if rec.Code != 303 {
		t.Fatalf("valid post: %d %s", rec.Code, rec.Body.String())
	}
	zc := claimID(t, f, f.zh1, "18.75亿元")
	if loc := rec.Header().Get("Location"); loc != fmt.Sprintf("/pair/%d?link=%d#c%d", f.pair1, lid, zc) {
		t.Errorf("redirect to %q", loc)
	}
	zhClaim, enClaim := claimOf(t, f.pension, "18.75亿元"), claimOf(t, f.pensEN, "18.75 billion yuan")
	want := fmt.Sprintf("confirmed_error %q %d-%d %d-%d", "亿 read as billion", zhClaim.Start, zhClaim.End, enClaim.Start, enClaim.End)
	if rows := reviewRows(t, f); len(rows) != 1 || rows[0] != want {
		t.Fatalf("stored %v, want [%s]", rows, want)
	}
	// A second decision on the same link replaces the first.
	rec = post(t, s, with("decision", "second_look"), nil)
	if rec.Code != 303 {
		t.Fatalf("second post: %d", rec.Code)
	}
	if rows := reviewRows(t, f); len(rows) != 1 || !strings.HasPrefix(rows[0], "second_look") {
		t.Fatalf("after update: %v", rows)
	}
	// Clearing removes it.
	post(t, s, with("decision", "clear"), nil)
	if rows := reviewRows(t, f); len(rows) != 0 {
		t.Fatalf("after clear: %v", rows)
	}
}

// TestDecisionsSurviveReingestion: decisions are keyed by content hashes and
// spans, so re-ingesting the same files and re-checking the pair (new link
// ids) keeps them; the list and the pair page show them.
func TestDecisionsSurviveReingestion(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	zc := claimID(t, f, f.zh1, "126个") // dropped: no English side
	lid := linkID(t, f, zc)
	mis := linkID(t, f, claimID(t, f, f.zh1, "18.75亿元"))
	for _, l := range []struct {
		id       int64
		decision string
	}{{lid, "false_alarm"}, {mis, "confirmed_error"}} {
		form := url.Values{"csrf": {s.csrfToken()}, "link": {fmt.Sprint(l.id)}, "decision": {l.decision}, "note": {"checked <against> the source"}}
		if rec := post(t, s, form, nil); rec.Code != 303 {
			t.Fatalf("post: %d %s", rec.Code, rec.Body.String())
		}
	}
	if rows := reviewRows(t, f); len(rows) != 2 || !strings.Contains(rows[0], "-1--1") {
		t.Fatalf("dropped figure's decision should have -1,-1 for the English span: %v", rows)
	}

	// Ingest again: the documents are unchanged (same hashes), the pair is
	// checked again and saved anew, so every link gets a new id.
	ctx := context.Background()
	zhID, _, err := f.db.SaveDocument(ctx, f.pension)
	if err != nil || zhID != f.zh1 {
		t.Fatalf("re-save: %d %v", zhID, err)
	}
	newPair, err := f.db.SavePair(ctx, f.zh1, f.en1, 0.92, f.pensionReport)
	if err != nil {
		t.Fatal(err)
	}
	newMis := linkID(t, f, claimID(t, f, f.zh1, "18.75亿元"))
	if newMis == mis {
		t.Fatal("test needs the re-check to make new links")
	}
	code, body := get(t, s, fmt.Sprintf("/pair/%d", newPair))
	if code != 200 {
		t.Fatalf("pair page: %d", code)
	}
	for _, want := range []string{`<span class="badge d-confirmed_error">Confirmed error</span>`,
		`data-decision="confirmed_error"`, `data-decision="false_alarm"`,
		"checked &lt;against&gt; the source"} {
		if !strings.Contains(body, want) {
			t.Errorf("after re-ingestion the pair page lacks %q", want)
		}
	}
	_, body = get(t, s, "/")
	if !strings.Contains(body, "1 confirmed") || !strings.Contains(body, "1 false alarm") {
		t.Error("the pairs list does not show the decisions")
	}
	if strings.Contains(body, fmt.Sprintf(`id="pair-%d"`, newPair)) && strings.Contains(body, "to review</span>") &&
		strings.Count(body, "to review</span>") != 1 { // the budget pair still has its open mismatch
		t.Error("the decided mismatch is still counted as open")
	}
	_, body = get(t, s, "/?review=confirmed_error")
	if !strings.Contains(body, pensionZH) {
		t.Error("review=confirmed_error does not find the pair")
	}
	_, body = get(t, s, "/overview")
	if !strings.Contains(body, `class="seg-confirmed_error"`) {
		t.Error("overview chart does not show the confirmed error")
	}
}

// A read-only database is reviewed without writing: pages render, search
// works without touching the index, and a decision is refused with 403 and
// the reason, not a 500.
func TestReadOnly(t *testing.T) {
	f := buildFixture(t)
	s, err := New(context.Background(), f.db, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := s.SyncIndex(context.Background()); err != nil || st.Indexed != 0 {
		t.Errorf("SyncIndex on a read-only server: %+v, %v; want nothing done", st, err)
	}
	for _, path := range []string{"/", "/pair/1", "/documents", "/overview", "/?q=%E4%BA%BF%E5%85%83"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1:8080"+path, nil))
		if rec.Code != 200 {
			t.Errorf("GET %s = %d", path, rec.Code)
		}
	}
	lid := linkID(t, f, claimID(t, f, f.zh1, "18.75亿元"))
	rec := post(t, s, url.Values{"csrf": {s.csrfToken()}, "link": {fmt.Sprint(lid)}, "decision": {"confirmed_error"}}, nil)
	if rec.Code != 403 || !strings.Contains(rec.Body.String(), "read-only") {
		t.Errorf("decision on a read-only server = %d %q", rec.Code, rec.Body.String())
	}
	if got := reviewRows(t, f); len(got) != 0 {
		t.Errorf("decisions stored: %v", got)
	}
}
