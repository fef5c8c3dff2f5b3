package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"figures/align"
	"figures/corpus"
	"figures/store"
	"figures/store/storetest"
)

// bigSide is a 200-sentence Chinese document with 400 claims.
func bigSide(n int) storetestSide {
	var b strings.Builder
	var specs []storetest.Spec
	for i := range 200 {
		money := n*1000 + 100000 + i // same number of digits throughout: no figure is inside another
		fmt.Fprintf(&b, "全市发放补贴%d.5亿元，惠及%d万人。", money, 1000+i)
		specs = append(specs,
			storetest.Spec{Text: fmt.Sprintf("%d.5亿元", money), Kind: "money", Value: fmt.Sprintf("%d50000000", money), Unit: "yuan"},
			storetest.Spec{Text: fmt.Sprintf("%d万人", 1000+i), Kind: "count", Value: fmt.Sprintf("%d0000", 1000+i), Unit: "person"})
	}
	return storetestSide{b.String(), specs}
}

type storetestSide struct {
	text  string
	specs []storetest.Spec
}

func BenchmarkSaveDocument(b *testing.B) {
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	sides := make([]storetestSide, b.N)
	for i := range sides {
		sides[i] = bigSide(i + 1)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := sides[i]
		side := storetest.Side(storetest.Doc(fmt.Sprintf("doc%d.txt", i), s.text, corpus.ZhHans), s.specs...)
		b.StartTimer()
		if _, _, err := db.SaveDocument(ctx, side); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(sides[0].specs))*float64(b.N)/b.Elapsed().Seconds(), "claims/s")
}

// bulletin is a document shaped like a generated bulletin (five
// paragraphs, ten sentences, ten claims, some 600 bytes of text), made
// unique by n.
func bulletin(n int) align.Side {
	var b strings.Builder
	var specs []storetest.Spec
	for i := range 5 {
		if i > 0 {
			b.WriteString("\n")
		}
		money := 100000 + n%10000*5 + i
		fmt.Fprintf(&b, "第%d年全市发放补贴%d.5亿元，惠及%d万人。社会化运营率达%d%%。", 2000+n/10000, money, 1000+i, 10+i)
		specs = append(specs,
			storetest.Spec{Text: fmt.Sprintf("%d.5亿元", money), Kind: "money", Value: fmt.Sprintf("%d50000000", money), Unit: "yuan", Context: "补贴"},
			storetest.Spec{Text: fmt.Sprintf("%d万人", 1000+i), Kind: "count", Value: fmt.Sprintf("%d0000", 1000+i), Unit: "person"})
	}
	return storetest.Side(storetest.Doc(fmt.Sprintf("zh/%d/doc%d.txt", n%7, n), b.String(), corpus.ZhHans), specs...)
}

// BenchmarkWriter stores bulletin-shaped documents with one Writer, in
// groups of 64 as batch ingestion does (group=64), and each in a
// transaction of its own (tx=doc). An op is one document.
func BenchmarkWriter(b *testing.B) {
	ctx := context.Background()
	for _, group := range []bool{true, false} {
		name := "tx=doc"
		if group {
			name = "group=64"
		}
		b.Run(name, func(b *testing.B) {
			db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			w, err := db.NewWriter(ctx)
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			sides := make([]align.Side, 4096)
			for i := range sides {
				sides[i] = bulletin(i)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				s := sides[i%len(sides)]
				if i >= len(sides) { // a new document, not one stored already
					s = bulletin(i)
				}
				i++
				if !group {
					if _, _, err := w.SaveDocument(ctx, s); err != nil {
						b.Fatal(err)
					}
					continue
				}
				if _, _, err := w.AddDocument(ctx, s); err != nil {
					b.Fatal(err)
				}
				if w.Pending() >= 64 {
					if err := w.Commit(ctx); err != nil {
						b.Fatal(err)
					}
				}
			}
			if err := w.Commit(ctx); err != nil {
				b.Fatal(err)
			}
		})
	}
}
