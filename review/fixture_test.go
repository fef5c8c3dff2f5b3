package review

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"figures/align"
	"figures/corpus"
	"figures/extract"
	"figures/segment"
	"figures/store"
)

// The tests build their database by hand: documents with known sentences
// and claims (offsets computed as the text is written), and pairs with
// hand-made reports, saved through the store's own SaveDocument and
// SavePair. That keeps the UI's tests independent of how good the extractor
// and aligner are today, while exercising the real schema and SQLite.

// fig is a claim written into a sentence.
type fig struct {
	Text, Value, Unit string
	Kind              extract.Kind
	Q                 extract.Qualifier
	Context           string
}

// docBuilder writes a document sentence by sentence.
type docBuilder struct {
	doc     corpus.Document
	grammar string // zh | en
	text    strings.Builder
	n       int // code points written
	paraAt  int // code point where the current paragraph starts
	inPara  bool
	sents   []segment.Sentence
	claims  []extract.Claim
}

func newDoc(path, title, date, source string, lang corpus.Lang) *docBuilder {
	b := &docBuilder{grammar: lang.Grammar()}
	b.doc = corpus.Document{Path: path, Title: title, Date: date, Source: source, Lang: lang,
		Format: "text", Encoding: "utf-8"}
	return b
}

func (b *docBuilder) write(s string) {
	b.text.WriteString(s)
	b.n += utf8.RuneCountInString(s)
}

// s writes one sentence made of strings and figs.
func (b *docBuilder) s(parts ...any) *docBuilder {
	if !b.inPara {
		b.paraAt, b.inPara = b.n, true
	} else if b.grammar == "en" {
		b.write(" ")
	}
	start := b.n
	idx := len(b.sents)
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			b.write(p)
		case fig:
			q := p.Q
			if q == "" {
				q = extract.Exact
			}
			c := extract.Claim{File: b.doc.Path, Lang: b.grammar, Sentence: idx, Text: p.Text, Start: b.n,
				Kind: p.Kind, Value: p.Value, Unit: p.Unit, Qualifier: q, Context: p.Context}
			b.write(p.Text)
			c.End = b.n
			b.claims = append(b.claims, c)
		default:
			panic(fmt.Sprintf("docBuilder: %T", p))
		}
	}
	b.sents = append(b.sents, segment.Sentence{Index: idx, Para: len(b.doc.Paragraphs), Lang: b.grammar,
		Span: corpus.Span{Start: start, End: b.n}})
	return b
}

// p ends the paragraph.
func (b *docBuilder) p() *docBuilder {
	if b.inPara {
		b.doc.Paragraphs = append(b.doc.Paragraphs, corpus.Paragraph{Span: corpus.Span{Start: b.paraAt, End: b.n},
			Lang: b.doc.Lang})
		b.write("\n")
		b.inPara = false
	}
	return b
}

func (b *docBuilder) side() align.Side {
	b.p()
	d := b.doc
	d.Text = strings.TrimSuffix(b.text.String(), "\n")
	sum := sha256.Sum256([]byte(d.Path + "\x00" + d.Text))
	d.Hash = hex.EncodeToString(sum[:])
	ix := corpus.NewIndex(d.Text)
	sents := make([]segment.Sentence, len(b.sents))
	for i, s := range b.sents {
		s.Text = ix.Slice(s.Span)
		sents[i] = s
	}
	return align.Side{Doc: &d, Sentences: sents, Claims: b.claims}
}

// claimOf finds the claim with text t.
func claimOf(t testing.TB, s align.Side, text string) extract.Claim {
	t.Helper()
	for _, c := range s.Claims {
		if c.Text == text {
			return c
		}
	}
	t.Fatalf("%s has no claim %q", s.Doc.Path, text)
	return extract.Claim{}
}

// oneToOne aligns sentence i with sentence i.
func oneToOne(n int) []align.Bead {
	out := make([]align.Bead, n)
	for i := range out {
		out[i] = align.Bead{ZH: []int{i}, EN: []int{i}, Score: 0.9}
	}
	return out
}

// fixture is the test database and the ids the tests look for.
type fixture struct {
	db                 *store.DB
	path               string
	pension            align.Side // zh of pair 1
	pensEN             align.Side
	pensionReport      *align.Report
	pair1              int64 // pension pair: one magnitude mismatch, one dropped, one added
	pair2              int64 // budget pair: percent vs points, all else matches
	zh1, en1, zh2, en2 int64
	elderly            int64 // zh, no counterpart: 老年 but not 养老
	script             int64 // en, no counterpart, with <script> in its text
	travel             int64 // zh, no counterpart: 亿 but not 亿元
}

const (
	pensionZH = "市民政局发布2024年养老服务工作情况"
	pensionEN = "Civil Affairs Bureau reports on elderly care services in 2024"
	scriptJS  = "<script>window.pwned=1</script>"
)

func buildFixture(t testing.TB) *fixture {
	t.Helper()
	dir := t.TempDir()
	f := &fixture{path: filepath.Join(dir, "figures.db")}
	db, err := store.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f.db = db

	zh := newDoc("bulletins/2024-03-05-pension.zh.txt", pensionZH, "2024-03-05", "市民政局", corpus.ZhHans).
		s("2024年，全市城乡居民基本养老保险参保人数达到", fig{Text: "312.6万人", Kind: extract.Count, Value: "3126000", Unit: "person", Context: "参保人"}, "，比上年增长", fig{Text: "2.4%", Kind: extract.Percent, Value: "2.4"}, "。").
		s("全年发放养老金共计", fig{Text: "18.75亿元", Kind: extract.Money, Value: "1875000000", Unit: "yuan", Context: "养老金"}, "，惠及老年人", fig{Text: "46.3万名", Kind: extract.Count, Value: "463000", Unit: "person", Context: "老年人"}, "。").p().
		s("新建社区养老服务站", fig{Text: "126个", Kind: extract.Count, Value: "126", Unit: "item", Context: "养老服务站"}, "，新增养老床位", fig{Text: "3800余张", Kind: extract.Count, Value: "3800", Unit: "bed", Q: extract.MoreThan, Context: "养老床位"}, "。").
		side()
	en := newDoc("bulletins/2024-03-05-pension.en.txt", pensionEN, "2024-03-05", "市民政局", corpus.English).
		s("In 2024, ", fig{Text: "3.126 million", Kind: extract.Count, Value: "3126000", Unit: "person", Context: "residents"}, " urban and rural residents were enrolled in the basic pension insurance scheme, up ", fig{Text: "2.4%", Kind: extract.Percent, Value: "2.4"}, " year on year.").
		s("Pension payments totalled ", fig{Text: "18.75 billion yuan", Kind: extract.Money, Value: "18750000000", Unit: "yuan", Context: "pension payments"}, ", benefiting ", fig{Text: "463,000", Kind: extract.Count, Value: "463000", Unit: "person", Context: "elderly people"}, " elderly people.").p().
		s("New community care stations were built and ", fig{Text: "more than 3,800", Kind: extract.Count, Value: "3800", Unit: "bed", Q: extract.MoreThan, Context: "beds"}, " beds were added, with ", fig{Text: "1,200", Kind: extract.Count, Value: "1200", Unit: "person", Context: "staff"}, " new staff <b>trained</b>.").
		side()
	f.pension, f.pensEN = zh, en
	rep := align.Report{Alignment: oneToOne(3)}
	link := func(z, e, v string, class align.ErrorClass, expl string, bead int) {
		rep.Links = append(rep.Links, align.Link{ZH: claimOf(t, zh, z), EN: claimOf(t, en, e), Verdict: align.Verdict(v),
			Error: class, Explanation: expl, Bead: bead})
	}
	link("312.6万人", "3.126 million", "match", "", "312.6万人 is 3,126,000; the English says 3,126,000", 0)
	link("2.4%", "2.4%", "match", "", "", 0)
	link("18.75亿元", "18.75 billion yuan", "mismatch", align.ErrMagnitude,
		"18.75亿元 is 1,875,000,000 yuan; the English says 18.75 billion yuan, 10 times too large", 1)
	link("46.3万名", "463,000", "match", "", "", 1)
	link("3800余张", "more than 3,800", "match", "", "", 2)
	rep.Dropped = []extract.Claim{claimOf(t, zh, "126个")}
	rep.Added = []extract.Claim{claimOf(t, en, "1,200")}
	f.zh1, f.en1, f.pair1 = savePair(t, db, zh, en, &rep)
	f.pensionReport = &rep

	zh2 := newDoc("bulletins/2024-04-10-budget.zh.txt", "一季度财政收支情况", "2024-04-10", "市财政局", corpus.ZhHans).
		s("一季度全市一般公共预算收入", fig{Text: "86.4亿元", Kind: extract.Money, Value: "8640000000", Unit: "yuan"}, "，同比增长", fig{Text: "5.1%", Kind: extract.Percent, Value: "5.1"}, "。").
		s("税收收入占比提高", fig{Text: "3.2个百分点", Kind: extract.PercentPoints, Value: "3.2"}, "。").
		side()
	en2 := newDoc("bulletins/2024-04-10-budget.en.txt", "Fiscal revenue and expenditure in the first quarter", "2024-04-10", "市财政局", corpus.English).
		s("General public budget revenue reached ", fig{Text: "8.64 billion yuan", Kind: extract.Money, Value: "8640000000", Unit: "yuan"}, " in the first quarter, up ", fig{Text: "5.1%", Kind: extract.Percent, Value: "5.1"}, ".").
		s("The share of tax revenue rose by ", fig{Text: "3.2%", Kind: extract.Percent, Value: "3.2"}, ".").
		side()
	rep2 := align.Report{Alignment: oneToOne(2)}
	rep2.Links = []align.Link{
		{ZH: claimOf(t, zh2, "86.4亿元"), EN: claimOf(t, en2, "8.64 billion yuan"), Verdict: align.Match},
		{ZH: claimOf(t, zh2, "5.1%"), EN: claimOf(t, en2, "5.1%"), Verdict: align.Match},
		{ZH: claimOf(t, zh2, "3.2个百分点"), EN: claimOf(t, en2, "3.2%"), Verdict: align.Mismatch, Error: align.ErrPercentVsPoints,
			Explanation: "3.2个百分点 is 3.2 percentage points; the English says 3.2%, a relative change", Bead: 1},
	}
	f.zh2, f.en2, f.pair2 = savePair(t, db, zh2, en2, &rep2)

	f.elderly = saveDoc(t, db, newDoc("bulletins/2024-05-01-population.zh.txt", "老年人口情况", "2024-05-01", "市统计局", corpus.ZhHans).
		s("全市60岁以上老年人口达到", fig{Text: "210万人", Kind: extract.Count, Value: "2100000", Unit: "person", Context: "老年人口"}, "，占总人口的", fig{Text: "21.5%", Kind: extract.Percent, Value: "21.5"}, "。").
		side())
	f.travel = saveDoc(t, db, newDoc("bulletins/2024-05-06-travel.zh.txt", "五一假期旅游情况", "2024-05-06", "市文旅局", corpus.ZhHans).
		s("假期全市接待游客", fig{Text: "1.2亿人次", Kind: extract.Count, Value: "120000000", Unit: "person-time", Context: "游客"}, "。").
		side())
	f.script = saveDoc(t, db, newDoc("bulletins/2024-06-01-notice.en.txt", "Website notice <b>bold</b>", "2024-06-01", "web office", corpus.English).
		s("The old application form contained ", scriptJS, " and was removed.").
		s("About ", fig{Text: "2,500", Kind: extract.Count, Value: "2500", Q: extract.Approx}, " applications were affected.").
		side())
	return f
}

func saveDoc(t testing.TB, db *store.DB, s align.Side) int64 {
	t.Helper()
	id, _, err := db.SaveDocument(context.Background(), s)
	if err != nil {
		t.Fatalf("save %s: %v", s.Doc.Path, err)
	}
	return id
}

func savePair(t testing.TB, db *store.DB, zh, en align.Side, r *align.Report) (zhID, enID, pairID int64) {
	t.Helper()
	zhID, enID = saveDoc(t, db, zh), saveDoc(t, db, en)
	pairID, err := db.SavePair(context.Background(), zhID, enID, 0.92, r)
	if err != nil {
		t.Fatalf("save pair: %v", err)
	}
	return zhID, enID, pairID
}

// newServer returns a review server over f's database.
func newServer(t testing.TB, f *fixture) *Server {
	t.Helper()
	s, err := New(context.Background(), f.db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SyncIndex(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// get requests path from s and returns the status and body.
func get(t testing.TB, s http.Handler, path string) (int, string) {
	t.Helper()
	req := httptest.NewRequest("GET", "http://127.0.0.1:8080"+path, nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}
