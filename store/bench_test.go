package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

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
