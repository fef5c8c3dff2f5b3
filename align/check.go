package align

import (
	"figures/extract"
)

// Check aligns zh with en and links their figures. A placeholder until the
// sentence aligner lands: one bead per document, figures linked when their
// kinds and values are equal.
func Check(zh, en Side) Report {
	r := Report{ZH: summary(zh), EN: summary(en)}
	b := Bead{Score: 0}
	for i := range zh.Sentences {
		b.ZH = append(b.ZH, i)
	}
	for j := range en.Sentences {
		b.EN = append(b.EN, j)
	}
	r.Alignment = []Bead{b}
	used := make([]bool, len(en.Claims))
	for _, z := range zh.Claims {
		found := false
		for j, e := range en.Claims {
			if !used[j] && e.Kind == z.Kind && sameValue(z.Value, e.Value) {
				used[j], found = true, true
				r.Links = append(r.Links, Link{ZH: z, EN: e, Verdict: Match, Bead: 0,
					Explanation: z.Text + " and " + e.Text + " agree"})
				break
			}
		}
		if !found {
			r.Dropped = append(r.Dropped, z)
		}
	}
	for j, e := range en.Claims {
		if !used[j] {
			r.Added = append(r.Added, e)
		}
	}
	return r
}

func sameValue(a, b string) bool {
	x, ok1 := extract.ParseDecimal(a)
	y, ok2 := extract.ParseDecimal(b)
	return ok1 && ok2 && x.Cmp(y) == 0
}

func summary(s Side) DocSummary {
	d := DocSummary{}
	if s.Doc != nil {
		d.File = s.Doc.Path
	}
	d.Sentences = make([]SentenceSpan, len(s.Sentences))
	for i, x := range s.Sentences {
		d.Sentences[i] = SentenceSpan{Start: x.Start, End: x.End, Text: x.Text}
	}
	return d
}
