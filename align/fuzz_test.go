package align

import (
	"io"
	"testing"

	"figures/corpus"
	"figures/extract"
	"figures/segment"
)

// FuzzCheck runs the whole check on arbitrary document pairs: no panic,
// every sentence in exactly one bead, every figure linked at most once and
// otherwise dropped or added, and a report that writes.
func FuzzCheck(f *testing.F) {
	f.Add("全市建成养老服务设施3132个。\n为50.25万残疾人发放补贴4.39亿元。", "The city built 3,123 facilities.\nSubsidies of 4.39 billion yuan were paid.")
	f.Add("下降3.2%；提高3.2个百分点。", "up 3.2%. 3.2 percentage points.")
	f.Add("", "Only English 12,000.")
	f.Add("一、\n（一）1.", "1. 2. 3.")
	f.Fuzz(checkBody)
}

// checkBody is the body of FuzzCheck.
func checkBody(t *testing.T, zhText, enText string) {
	{
		mk := func(text string) Side {
			ps := corpus.Paragraphs(text)
			doc := &corpus.Document{Text: text, Paragraphs: ps, Lang: corpus.DocumentLang(text, ps)}
			sents := segment.Split(doc)
			return Side{Doc: doc, Sentences: sents, Claims: extract.Sentences(sents)}
		}
		zh, en := mk(zhText), mk(enText)
		r := Check(zh, en)
		zs, es := map[int]int{}, map[int]int{}
		for _, b := range r.Alignment {
			for _, i := range b.ZH {
				zs[i]++
			}
			for _, j := range b.EN {
				es[j]++
			}
		}
		for i := range zh.Sentences {
			if zs[i] != 1 {
				t.Fatalf("Chinese sentence %d in %d beads", i, zs[i])
			}
		}
		for j := range en.Sentences {
			if es[j] != 1 {
				t.Fatalf("English sentence %d in %d beads", j, es[j])
			}
		}
		if len(zs) != len(zh.Sentences) || len(es) != len(en.Sentences) {
			t.Fatalf("beads name sentences that do not exist")
		}
		if len(r.Links)+len(r.Dropped) != len(zh.Claims) || len(r.Links)+len(r.Added) != len(en.Claims) {
			t.Fatalf("%d links, %d dropped, %d added for %d and %d claims", len(r.Links), len(r.Dropped), len(r.Added), len(zh.Claims), len(en.Claims))
		}
		seen := map[[2]int]bool{}
		for _, l := range r.Links {
			for k, c := range []extract.Claim{l.ZH, l.EN} {
				key := [2]int{k, c.Start}
				if seen[key] {
					t.Fatalf("figure %q linked twice", c.Text)
				}
				seen[key] = true
			}
			if l.Explanation == "" {
				t.Fatalf("link %s=%s without explanation", l.ZH.Text, l.EN.Text)
			}
		}
		if err := WriteText(io.Discard, &r); err != nil {
			t.Fatal(err)
		}
	}
}
