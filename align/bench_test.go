package align

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"figures/corpus"
	"figures/corpus/gen"
	"figures/extract"
	"figures/segment"
)

// bulletin templates: a Chinese sentence and its English version, each
// with one or two figures.
var templates = [][2]string{
	{"全市累计建成社区养老服务站%d个，运营率达到%d.%d%%。", "The city built %d community elderly care stations, with an operation rate of %d.%d%%."},
	{"全年发放高龄津贴%d.%d亿元，惠及老年人%d万人。", "Old-age allowances of %d.%d hundred million yuan reached %d0,000 elderly people."},
	{"新建改扩建校舍面积%d万平方米，新增学位%d个。", "New school buildings covered %d0,000 square metres, adding %d places."},
	{"全市公交客运量%d万人次，同比增长%d.%d%%。", "Buses carried %d0,000 passengers, up %d.%d%% year on year."},
	{"培育家庭农场%d家、农民合作社%d家。", "It fostered %d family farms and %d farmer cooperatives."},
	{"会议强调，要进一步加强组织领导，狠抓工作落实。", "The meeting stressed stronger leadership and implementation."},
	{"城镇调查失业率为%d.%d%%，比上年同期下降%d.%d个百分点。", "The surveyed urban unemployment rate was %d.%d%%, down %d.%d percentage points."},
	{"全市森林覆盖率达到%d.%d%%，完成营造林面积%d万亩。", "Forest coverage reached %d.%d%%, and afforestation covered %d0,000 mu."},
}

// benchPair makes an n-sentence bulletin and an English version that
// merges one sentence pair in ten, drops one sentence in twenty and swaps
// two paragraphs.
func benchPair(n int) (Side, Side) {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	var zs, es []string
	for i := 0; i < n; i++ {
		t := templates[rng.IntN(len(templates))]
		args := []any{rng.IntN(9000) + 100, rng.IntN(90) + 10, rng.IntN(9), rng.IntN(90) + 10}
		z := fmt.Sprintf(t[0], args...)
		e := fmt.Sprintf(t[1], args...)
		if i%8 == 0 {
			z, e = "\n"+z, "\n"+e
		}
		zs = append(zs, z)
		switch {
		case i%20 == 7: // dropped
		case i%10 == 3 && len(es) > 0 && es[len(es)-1][0] != '\n': // merged
			es[len(es)-1] += " " + e
		default:
			es = append(es, e)
		}
	}
	// Swap two paragraphs of the English.
	if len(es) > 40 {
		a, b := 16, 32
		for a < len(es) && es[a][0] != '\n' {
			a++
		}
		for b < len(es) && es[b][0] != '\n' {
			b++
		}
		c := b + 1
		for c < len(es) && es[c][0] != '\n' {
			c++
		}
		if c <= len(es) {
			var sw []string
			sw = append(sw, es[:a]...)
			sw = append(sw, es[b:c]...)
			sw = append(sw, es[a:b]...)
			sw = append(sw, es[c:]...)
			es = sw
		}
	}
	return units("zh", zs...), units("en", es...)
}

func benchmarkAlign(b *testing.B, n int) {
	zh, en := benchPair(n)
	b.ReportMetric(float64(len(zh.Sentences)), "zh-sentences")
	b.ReportMetric(float64(len(en.Sentences)), "en-sentences")
	for b.Loop() {
		Align(zh, en)
	}
}

func BenchmarkAlign50(b *testing.B)   { benchmarkAlign(b, 50) }
func BenchmarkAlign200(b *testing.B)  { benchmarkAlign(b, 200) }
func BenchmarkAlign500(b *testing.B)  { benchmarkAlign(b, 500) }
func BenchmarkAlign2000(b *testing.B) { benchmarkAlign(b, 2000) }

// benchmarkCheckLines checks an n-sentence pair written one sentence a
// line, as plain-text bulletins often are, with its figures extracted: every
// sentence is a paragraph, which once made paragraph reordering and figure
// linking cost n² memory and time.
func benchmarkCheckLines(b *testing.B, n int) {
	zh, en := benchPair(n)
	for _, s := range []*Side{&zh, &en} {
		for k := range s.Sentences {
			s.Sentences[k].Para = k
		}
		s.Claims = extract.Sentences(s.Sentences)
	}
	b.ReportMetric(float64(len(zh.Claims)+len(en.Claims)), "figures")
	for b.Loop() {
		Check(zh, en)
	}
}

func BenchmarkCheckLines500(b *testing.B)  { benchmarkCheckLines(b, 500) }
func BenchmarkCheckLines5000(b *testing.B) { benchmarkCheckLines(b, 5000) }

// BenchmarkAlign500Full searches the whole 500×500 grid (no corridor), to
// show what the band saves.
func BenchmarkAlign500Full(b *testing.B) {
	zh, en := benchPair(500)
	p := DefaultParams()
	p.FullCells = 1 << 30
	for b.Loop() {
		AlignWith(zh, en, p)
	}
}

func BenchmarkCompare(b *testing.B) {
	z := zc("4.39亿元", money, "439000000", "yuan", exact)
	e := ec("4.39 billion yuan", money, "4390000000", "yuan", exact)
	for b.Loop() {
		Compare(z, e)
	}
}

func BenchmarkPairDocuments100(b *testing.B) {
	var zh, en []Side
	for k := 0; k < 100; k++ {
		z, e := benchPair(20 + k%10)
		zh, en = append(zh, z), append(en, e)
	}
	for b.Loop() {
		PairDocuments(zh, en)
	}
}

// TestBenchPairAligns keeps the benchmark input honest: the 500-sentence
// pair must align well, or its timing means nothing.
func TestBenchPairAligns(t *testing.T) {
	zh, en := benchPair(500)
	bs := Align(zh, en)
	aligned := 0
	for _, b := range bs {
		if len(b.ZH) > 0 && len(b.EN) > 0 {
			aligned += len(b.ZH)
		}
	}
	if aligned < 450 {
		t.Errorf("only %d of 500 Chinese sentences aligned", aligned)
	}
}

// genBlock generates days of bulletins (20 stories a day) and analyses them
// as ingest does (sentences, gse words for the claims' context, claims),
// then drops the words as the store does: it returns the Chinese and
// English sides and, for each English side, the index of its Chinese
// original or -1.
func genBlock(b *testing.B, days int) (zh, en []Side) {
	b.Helper()
	g, err := gen.New(gen.Config{Seed: 99, ErrorRate: 0.05})
	if err != nil {
		b.Fatal(err)
	}
	for range 20 * days {
		for _, f := range g.Next() {
			doc, err := corpus.Parse(f.Path, f.Data)
			if err != nil {
				b.Fatal(err)
			}
			sents := segment.Split(doc)
			for i := range sents {
				if err := segment.Words(&sents[i]); err != nil {
					b.Fatal(err)
				}
			}
			claims := extract.Sentences(sents)
			for i := range sents {
				sents[i].Words = nil
			}
			s := Side{Doc: doc, Sentences: sents, Claims: claims}
			if doc.Lang.IsChinese() {
				zh = append(zh, s)
			} else {
				en = append(en, s)
			}
		}
	}
	return zh, en
}

// BenchmarkPairDocumentsBlock pairs one ingest block: the bulletins of a
// day and the days either side (about 50 Chinese and 40 English), as
// ingest reads them back.
func BenchmarkPairDocumentsBlock(b *testing.B) {
	zh, en := genBlock(b, 3)
	for b.Loop() {
		PairDocuments(zh, en)
	}
	b.ReportMetric(float64(len(zh)), "zh-docs")
	b.ReportMetric(float64(len(en)), "en-docs")
}

// BenchmarkCheck checks the pairs of that block, one after the other.
func BenchmarkCheck(b *testing.B) {
	zh, en := genBlock(b, 3)
	pairs := PairDocuments(zh, en)
	for b.Loop() {
		for _, p := range pairs {
			Check(zh[p.ZH], en[p.EN])
		}
	}
	b.ReportMetric(float64(len(pairs)), "pairs")
}

// BenchmarkPrepare prepares the documents of the block, as ingest does
// once per document.
func BenchmarkPrepare(b *testing.B) {
	zh, en := genBlock(b, 3)
	for b.Loop() {
		for _, s := range zh {
			PrepareZH(s)
		}
		for _, s := range en {
			PrepareEN(s)
		}
	}
	b.ReportMetric(float64(len(zh)+len(en)), "docs")
}

func prepareAll(zh, en []Side) (zp, ep []*Prepared) {
	for _, s := range zh {
		zp = append(zp, PrepareZH(s))
	}
	for _, s := range en {
		ep = append(ep, PrepareEN(s))
	}
	return zp, ep
}

// BenchmarkPairPrepared pairs the block's prepared documents.
func BenchmarkPairPrepared(b *testing.B) {
	zp, ep := prepareAll(genBlock(b, 3))
	for b.Loop() {
		PairPrepared(zp, ep)
	}
}

// BenchmarkCheckPrepared checks the pairs of the block's prepared
// documents.
func BenchmarkCheckPrepared(b *testing.B) {
	zp, ep := prepareAll(genBlock(b, 3))
	pairs := PairPrepared(zp, ep)
	for b.Loop() {
		for _, p := range pairs {
			CheckPrepared(zp[p.ZH], ep[p.EN])
		}
	}
	b.ReportMetric(float64(len(pairs)), "pairs")
}
