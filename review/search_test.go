package review

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"figures/corpus"
	"figures/extract"
)

// TestSearchChinese is the reason for indexing gse words: FTS5's unicode61
// tokenizer keeps a run of Han characters as one token (养老 would never
// find 养老保险), and trigram cannot find a two-character word.
func TestSearchChinese(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	requireFTS(t, s)
	ctx := context.Background()
	tests := []struct {
		q    string
		mode string
		want []int64
		lack []int64
		why  string
	}{
		{"养老", "words", []int64{f.zh1}, []int64{f.elderly, f.zh2},
			"inside 养老保险, 养老金, 养老服务站; not 老年人口"},
		{"亿元", "words", []int64{f.zh1, f.zh2}, []int64{f.travel},
			"18.75亿元 and 86.4亿元, but not 1.2亿人次"},
		{"养老保险", "words", []int64{f.zh1}, []int64{f.elderly}, "a whole dictionary word"},
		{"养老 亿元", "words", []int64{f.zh1}, []int64{f.zh2, f.elderly}, "both words required"},
		{"城乡居民养老保险", "words", []int64{f.zh1}, nil, "segmented into 城乡居民 + 养老保险"},
		{"老年人口", "words", []int64{f.elderly}, []int64{f.zh1}, ""},
		{"pension", "words", []int64{f.en1}, []int64{f.zh1, f.en2}, "English through unicode61"},
		{"PENSION insurance", "words", []int64{f.en1}, nil, "case-folded"},
		{"18.75", "words", []int64{f.zh1, f.en1}, nil, "digits"},
		{"老保", "substring", []int64{f.zh1}, nil, "cuts across 养老保险: no word matches, substring does"},
		{"ＮＯ_such_ｔｅｘｔ", "substring", nil, []int64{f.zh1}, "nothing at all"},
		{"，。", "", nil, nil, "punctuation only: nothing to search"},
		{`"AND" OR NEAR(*`, "substring", nil, nil, "FTS5 syntax is quoted, never interpreted"},
	}
	for _, tc := range tests {
		res, err := s.search(ctx, tc.q)
		if err != nil {
			t.Errorf("search %q: %v", tc.q, err)
			continue
		}
		if res.Mode != tc.mode {
			t.Errorf("search %q: mode %q, want %q (terms %q)", tc.q, res.Mode, tc.mode, res.Terms)
		}
		for _, id := range tc.want {
			if !slices.Contains(res.IDs, id) {
				t.Errorf("search %q does not find document %d (%s); found %v", tc.q, id, tc.why, res.IDs)
			}
		}
		for _, id := range tc.lack {
			if slices.Contains(res.IDs, id) {
				t.Errorf("search %q finds document %d (%s)", tc.q, id, tc.why)
			}
		}
	}

	// Through the page: the snippet marks the hit.
	code, body := get(t, s, "/documents?q="+url.QueryEscape("亿元"))
	if code != 200 {
		t.Fatalf("documents search: %d", code)
	}
	if !strings.Contains(body, "<mark>亿元</mark>") || !strings.Contains(body, "full-text search") {
		t.Error("documents search shows no marked snippet")
	}
	if strings.Contains(body, fmt.Sprintf(`id="doc-%d"`, f.travel)) {
		t.Error("亿元 finds 1.2亿人次")
	}
	_, body = get(t, s, "/documents?q="+url.QueryEscape("老保"))
	if !strings.Contains(body, "as written") || !strings.Contains(body, "<mark>老保</mark>") {
		t.Error("substring fallback is not explained or not marked")
	}
}

// TestIndexText shows what FTS5 is given.
func TestIndexText(t *testing.T) {
	got, err := IndexText("全市城乡居民基本养老保险参保人数达到312.6万人")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{" 养老保险 ", " 养老 ", " 保险 ", " 城乡居民 ", "312.6"} {
		if !strings.Contains(got+" ", w) {
			t.Errorf("IndexText lacks %q: %q", w, got)
		}
	}
	terms, err := QueryTerms("养老保险 pension, 4.39亿元")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"养老保险", "pension,", "4.39", "亿元"}; !slices.Equal(terms, want) {
		t.Errorf("QueryTerms = %q, want %q", terms, want)
	}
}

// TestIndexSync: documents ingested while the server runs are found by the
// next search; deleted ones disappear from the index.
func TestIndexSync(t *testing.T) {
	f := buildFixture(t)
	s := newServer(t, f)
	requireFTS(t, s)
	ctx := context.Background()
	id := saveDoc(t, f.db, newDoc("late.zh.txt", "迟到的通报", "2024-07-01", "", corpus.ZhHans).
		s("全年新增就业岗位", fig{Text: "5.6万个", Kind: extract.Count, Value: "56000"}, "。").side())
	s.lastSync = time.Time{} // as if the last sync were long ago
	res, err := s.search(ctx, "就业岗位")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.IDs, id) || res.Mode != "words" {
		t.Fatalf("new document not indexed: %+v", res)
	}
	if _, err := f.db.SQL().Exec("DELETE FROM documents WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	st, err := s.SyncIndex(ctx)
	if err != nil || st.Removed != 1 || st.Indexed != 0 {
		t.Fatalf("sync after delete: %+v %v", st, err)
	}
	var n int
	f.db.SQL().QueryRow("SELECT count(*) FROM documents_fts WHERE rowid = ?", id).Scan(&n)
	if n != 0 {
		t.Error("deleted document still indexed")
	}
	// Nothing to do: a sync changes nothing.
	if st, err := s.SyncIndex(ctx); err != nil || st != (IndexStats{}) {
		t.Errorf("idle sync: %+v %v", st, err)
	}
	// The index stays consistent (FTS5's own check).
	if _, err := f.db.SQL().Exec("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')"); err != nil {
		t.Errorf("integrity-check: %v", err)
	}
}

// FuzzSearch: whatever a user types, the search neither fails nor returns an
// FTS5 syntax error (which would be a 500).
func FuzzSearch(f *testing.F) {
	fx := buildFixture(f)
	s := newServer(f, fx)
	for _, q := range []string{"养老", "亿元", `"`, "a AND b", "NEAR(a b)", "*", "col:x", "^x", "养老\"保险", "(", "-x", "\x00"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.search(context.Background(), q); err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
	})
}

// requireFTS fails (rather than skips: nothing is skipped silently) a test of
// the FTS5 index in a build without it.
func requireFTS(t *testing.T, s *Server) {
	t.Helper()
	if !s.FTS() {
		t.Fatal("SQLite has no FTS5: run the tests with -tags sqlite_fts5 (the Makefile sets it in GOFLAGS)")
	}
}
