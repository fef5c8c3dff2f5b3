// Package storetest builds small, fully known figures stores for tests: a
// checked document pair with a match, each common mistranslation, a dropped
// and an added figure, one document on each side with no counterpart, a
// reviewer's decision and an ingest error. It needs neither gse nor the
// extractor or aligner, so tests that use it do not change when those
// stages improve.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"

	"figures/align"
	"figures/corpus"
	"figures/extract"
	"figures/segment"
	"figures/store"
)

// Fixed is the timestamp Freeze writes into every time column, so that
// dumps and exports of a fixture store are byte-for-byte stable.
const Fixed = "2026-01-01T00:00:00Z"

// The texts of the fixture documents. Paragraphs are separated by "\n".
const (
	ZHText = "全年为50.25万名残疾人发放补贴4.39亿元。全市建成社区养老服务站3132个，培育社会工作者6.6万人。\n" +
		"社会化运营率达83.5%，比上年提高2.3个百分点。"
	ENText = "Subsidies of 4.39 billion yuan were paid to 502,500 disabled people. The city built 3,312 community elderly care stations.\n" +
		"The operation rate reached 83.5%, up 2.3% from the previous year. A further 120 \"time bank\" volunteers joined."
	ZHOnlyText = "全市办理婚姻登记17.54万对，其中结婚登记12.3万对。"
	ENOnlyText = "The city's charity system received donations of 163 million yuan and helped more than 661,000 people."
)

// Doc builds a plain-text Document from text as corpus would: one paragraph
// per line, each with the language given.
func Doc(path, text string, lang corpus.Lang) *corpus.Document {
	sum := sha256.Sum256([]byte(text))
	d := &corpus.Document{Path: path, Hash: hex.EncodeToString(sum[:]), Format: "text",
		Encoding: "utf-8", Lang: lang, Text: text}
	pos := 0
	for _, line := range strings.Split(text, "\n") {
		n := utf8.RuneCountInString(line)
		d.Paragraphs = append(d.Paragraphs, corpus.Paragraph{Span: corpus.Span{Start: pos, End: pos + n}, Lang: lang})
		pos += n + 1
	}
	return d
}

// Side splits doc into sentences at 。 and ". " (enough for the fixtures)
// and attaches claims made by the given specs, each located by its text.
func Side(doc *corpus.Document, specs ...Spec) align.Side {
	s := align.Side{Doc: doc}
	grammar := doc.Lang.Grammar()
	for pi, p := range doc.Paragraphs {
		runes := []rune(doc.Text)[p.Start:p.End]
		start := 0
		for i := 0; i < len(runes); i++ {
			end := runes[i] == '。' || (runes[i] == '.' && (i+1 == len(runes) || runes[i+1] == ' '))
			if !end && i+1 < len(runes) {
				continue
			}
			s.Sentences = append(s.Sentences, segment.Sentence{Index: len(s.Sentences), Para: pi, Lang: grammar,
				Span: corpus.Span{Start: p.Start + start, End: p.Start + i + 1},
				Text: string(runes[start : i+1])})
			start = i + 1
			for start < len(runes) && runes[start] == ' ' {
				start++
			}
			i = start - 1
		}
	}
	for _, sp := range specs {
		s.Claims = append(s.Claims, sp.claim(s))
	}
	return s
}

// Spec describes a claim by its text; Side finds its offsets and sentence.
type Spec struct {
	Text, Kind, Value, ValueMax, Unit, Qualifier, Context string
}

func (sp Spec) claim(s align.Side) extract.Claim {
	i := strings.Index(s.Doc.Text, sp.Text)
	if i < 0 {
		panic(fmt.Sprintf("storetest: %q not in %s", sp.Text, s.Doc.Path))
	}
	start := utf8.RuneCountInString(s.Doc.Text[:i])
	end := start + utf8.RuneCountInString(sp.Text)
	sent := -1
	for _, x := range s.Sentences {
		if x.Start <= start && end <= x.End {
			sent = x.Index
		}
	}
	q := sp.Qualifier
	if q == "" {
		q = "exact"
	}
	return extract.Claim{File: s.Doc.Path, Lang: s.Doc.Lang.Grammar(), Sentence: sent, Text: sp.Text,
		Start: start, End: end, Kind: extract.Kind(sp.Kind), Value: sp.Value, ValueMax: sp.ValueMax,
		Unit: sp.Unit, Qualifier: extract.Qualifier(q), Context: sp.Context}
}

// Pair returns the fixture pair: the Chinese original, its English version,
// and the report a perfect checker would give.
func Pair() (zh, en align.Side, r *align.Report) {
	zh = Side(Doc("zh/report.txt", ZHText, corpus.ZhHans),
		Spec{Text: "50.25万名", Kind: "count", Value: "502500", Unit: "person", Context: "残疾人"},
		Spec{Text: "4.39亿元", Kind: "money", Value: "439000000", Unit: "yuan", Context: "补贴"},
		Spec{Text: "3132个", Kind: "count", Value: "3132", Unit: "item", Context: "社区养老服务站"},
		Spec{Text: "6.6万人", Kind: "count", Value: "66000", Unit: "person", Context: "社会工作者"},
		Spec{Text: "83.5%", Kind: "percent", Value: "83.5", Context: "社会化运营率"},
		Spec{Text: "2.3个百分点", Kind: "percent_points", Value: "2.3"},
	)
	en = Side(Doc("en/report.txt", ENText, corpus.English),
		Spec{Text: "4.39 billion yuan", Kind: "money", Value: "4390000000", Unit: "yuan", Context: "subsidies"},
		Spec{Text: "502,500", Kind: "count", Value: "502500", Unit: "person", Context: "disabled people"},
		Spec{Text: "3,312", Kind: "count", Value: "3312", Context: "community elderly care stations"},
		Spec{Text: "83.5%", Kind: "percent", Value: "83.5", Context: "operation rate"},
		Spec{Text: "2.3%", Kind: "percent", Value: "2.3"},
		Spec{Text: "120", Kind: "count", Value: "120", Unit: "person", Context: "volunteers"},
	)
	z, e := zh.Claims, en.Claims
	r = &align.Report{
		ZH: align.DocSummary{File: zh.Doc.Path}, EN: align.DocSummary{File: en.Doc.Path},
		Alignment: []align.Bead{{ZH: []int{0}, EN: []int{0}, Score: 0.9}, {ZH: []int{1}, EN: []int{1}, Score: 0.8},
			{ZH: []int{2}, EN: []int{2}, Score: 0.85}, {ZH: nil, EN: []int{3}, Score: 0.1}},
		Links: []align.Link{
			{ZH: z[0], EN: e[1], Verdict: align.Match, Explanation: "50.25万名 and 502,500 agree", Bead: 0},
			{ZH: z[1], EN: e[0], Verdict: align.Mismatch, Error: align.ErrMagnitude, Bead: 0,
				Explanation: `4.39亿元 is 439,000,000 yuan; the English says "4.39 billion yuan", 10 times too large`},
			{ZH: z[2], EN: e[2], Verdict: align.Mismatch, Error: align.ErrDigits, Bead: 1,
				Explanation: "3132个 is 3,132; the English says 3,312: digits transposed"},
			{ZH: z[4], EN: e[3], Verdict: align.Match, Explanation: "83.5% and 83.5% agree", Bead: 2},
			{ZH: z[5], EN: e[4], Verdict: align.Mismatch, Error: align.ErrPercentVsPoints, Bead: 2,
				Explanation: "2.3个百分点 is a change of 2.3 percentage points; the English says 2.3%, a relative change"},
		},
		Dropped: []extract.Claim{z[3]},
		Added:   []extract.Claim{e[5]},
	}
	for _, s := range []align.Side{zh, en} {
		d := &r.ZH
		if s.Doc == en.Doc {
			d = &r.EN
		}
		for _, x := range s.Sentences {
			d.Sentences = append(d.Sentences, align.SentenceSpan{Start: x.Start, End: x.End, Text: x.Text})
		}
	}
	return zh, en, r
}

// Singles returns the two documents with no counterpart: a Chinese-only and
// an English-only bulletin.
func Singles() (zhOnly, enOnly align.Side) {
	zhOnly = Side(Doc("zh/marriage.txt", ZHOnlyText, corpus.ZhHans),
		Spec{Text: "17.54万对", Kind: "count", Value: "175400", Unit: "couple", Context: "婚姻登记"},
		Spec{Text: "12.3万对", Kind: "count", Value: "123000", Unit: "couple", Context: "结婚登记"},
	)
	enOnly = Side(Doc("en/charity.txt", ENOnlyText, corpus.English),
		Spec{Text: "163 million yuan", Kind: "money", Value: "163000000", Unit: "yuan", Context: "donations"},
		Spec{Text: "more than 661,000", Kind: "count", Value: "661000", Unit: "person", Qualifier: "more_than", Context: "people"},
	)
	return zhOnly, enOnly
}

// Populate fills db with the fixture: the pair and its fact-check, the two
// single documents, a reviewer's decision on the 亿 link and one ingest
// error; then Freeze. It returns the pair's id.
func Populate(ctx context.Context, db *store.DB) (pairID int64, err error) {
	zh, en, r := Pair()
	zhID, _, err := db.SaveDocument(ctx, zh)
	if err != nil {
		return 0, err
	}
	enID, _, err := db.SaveDocument(ctx, en)
	if err != nil {
		return 0, err
	}
	if pairID, err = db.SavePair(ctx, zhID, enID, 0.83, r); err != nil {
		return 0, err
	}
	a, b := Singles()
	for _, s := range []align.Side{a, b} {
		if _, _, err := db.SaveDocument(ctx, s); err != nil {
			return 0, err
		}
	}
	l := r.Links[1]
	if _, err := db.SQL().ExecContext(ctx, `INSERT OR REPLACE INTO reviews
		(zh_hash, en_hash, zh_start, zh_end, en_start, en_end, decision, note, decided_at)
		VALUES (?, ?, ?, ?, ?, ?, 'confirmed_error', ?, ?)`,
		zh.Doc.Hash, en.Doc.Hash, l.ZH.Start, l.ZH.End, l.EN.Start, l.EN.End,
		"亿 is 10^8, so 4.39亿 = 439 million, not \"4.39 billion\"", Fixed); err != nil {
		return 0, err
	}
	if err := db.SaveError(ctx, "inbox/broken.html", "inbox/broken.html: binary or undecodable content"); err != nil {
		return 0, err
	}
	return pairID, Freeze(ctx, db)
}

// Freeze sets every time column of db to Fixed.
func Freeze(ctx context.Context, db *store.DB) error {
	for _, q := range []string{
		"UPDATE documents SET ingested_at = ?",
		"UPDATE pairs SET created_at = ?",
		"UPDATE errors SET at = ?",
		"UPDATE reviews SET decided_at = ?",
	} {
		if _, err := db.SQL().ExecContext(ctx, q, Fixed); err != nil {
			return fmt.Errorf("freeze: %w", err)
		}
	}
	return nil
}
