package review

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"figures/align"
	"figures/corpus"
	"figures/extract"
	"figures/store"
)

// bigPair stores a pair of n-sentence documents, two figures per sentence,
// every tenth Chinese money figure mistranslated (万 as thousand), one bead
// per sentence pair, and returns the pair's id.
func bigPair(b testing.TB, db *store.DB, n int) int64 {
	b.Helper()
	zh := newDoc("big.zh.txt", "大型通报", "2024-08-01", "市统计局", corpus.ZhHans)
	en := newDoc("big.en.txt", "A long bulletin", "2024-08-01", "市统计局", corpus.English)
	for i := range n {
		money := fmt.Sprintf("%d.%d万元", 10+i, i%10)
		people := fmt.Sprintf("%d万人", 100+i)
		zh.s(fmt.Sprintf("第%d项工作中，全市发放补贴", i+1), fig{Text: money, Kind: extract.Money, Value: fmt.Sprintf("%d%d000", 10+i, i%10), Unit: "yuan"},
			"，惠及群众", fig{Text: people, Kind: extract.Count, Value: fmt.Sprintf("%d0000", 100+i), Unit: "person"}, "。")
		enMoney := fmt.Sprintf("%d,%d00 yuan", 10+i, i%10)
		if i%10 == 3 {
			enMoney = fmt.Sprintf("%d.%d thousand yuan", 10+i, i%10)
		}
		en.s(fmt.Sprintf("Under item %d, subsidies of ", i+1), fig{Text: enMoney, Kind: extract.Money, Unit: "yuan",
			Value: map[bool]string{true: fmt.Sprintf("%d%d00", 10+i, i%10), false: fmt.Sprintf("%d%d000", 10+i, i%10)}[i%10 == 3]},
			" were paid to ", fig{Text: fmt.Sprintf("%d0,000", 100+i), Kind: extract.Count, Value: fmt.Sprintf("%d0000", 100+i), Unit: "person"}, " people.")
		if i%5 == 4 {
			zh.p()
			en.p()
		}
	}
	zs, es := zh.side(), en.side()
	r := align.Report{Alignment: oneToOne(n)}
	for i := range n {
		for k := range 2 {
			l := align.Link{ZH: zs.Claims[2*i+k], EN: es.Claims[2*i+k], Verdict: align.Match, Bead: i,
				Explanation: "the figures agree"}
			if k == 0 && i%10 == 3 {
				l.Verdict, l.Error = align.Mismatch, align.ErrMagnitude
				l.Explanation = fmt.Sprintf("%s is %s yuan; the English says %s, 10 times too small", l.ZH.Text, l.ZH.Value, l.EN.Text)
			}
			r.Links = append(r.Links, l)
		}
	}
	_, _, pid := savePair(b, db, zs, es, &r)
	return pid
}

// BenchmarkPairPage renders the page of a 500-sentence pair (1,000 figures
// a side, 50 mismatches): the target is well under 200 ms.
func BenchmarkPairPage(b *testing.B) {
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	pid := bigPair(b, db, 500)
	s, err := New(context.Background(), db, Options{})
	if err != nil {
		b.Fatal(err)
	}
	path := fmt.Sprintf("http://127.0.0.1/pair/%d", pid)
	req := httptest.NewRequest("GET", path, nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatalf("GET %s = %d", path, rec.Code)
	}
	size := rec.Body.Len()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	}
	b.ReportMetric(float64(size)/1024, "KiB/page")
}

// benchPairs is the size of BenchmarkPairsList's database.
const benchPairs = 2000

// BenchmarkPairsList renders the first page of a list of benchPairs pairs.
func BenchmarkPairsList(b *testing.B) {
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for i := range benchPairs {
		zh := newDoc(fmt.Sprintf("p%d.zh.txt", i), fmt.Sprintf("通报%d", i), fmt.Sprintf("2024-%02d-%02d", i%12+1, i%28+1), fmt.Sprintf("局%d", i%7), corpus.ZhHans).
			s("发放补贴", fig{Text: "4.39亿元", Kind: extract.Money, Value: "439000000", Unit: "yuan"}, "。").side()
		en := newDoc(fmt.Sprintf("p%d.en.txt", i), fmt.Sprintf("Bulletin %d", i), "", "", corpus.English).
			s("Subsidies of ", fig{Text: "4.39 billion yuan", Kind: extract.Money, Value: "4390000000", Unit: "yuan"}, ".").side()
		r := align.Report{Alignment: oneToOne(1), Links: []align.Link{{ZH: zh.Claims[0], EN: en.Claims[0],
			Verdict: align.Mismatch, Error: align.ErrMagnitude, Explanation: "10 times too large"}}}
		savePair(b, db, zh, en, &r)
	}
	s, err := New(context.Background(), db, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/?sort=open", nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkIndexText measures the tokenization that feeds FTS5.
func BenchmarkIndexText(b *testing.B) {
	text := "2024年，全市城乡居民基本养老保险参保人数达到312.6万人，比上年增长2.4%。全年发放养老金共计18.75亿元，惠及老年人46.3万名。"
	if _, err := IndexText(text); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		IndexText(text)
	}
}
