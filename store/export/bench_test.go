package export_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"figures/corpus"
	"figures/store/export"
	"figures/store/storetest"
)

// BenchmarkWrite exports the claims of 25 generated documents (10,000
// rows) in each format.
func BenchmarkWrite(b *testing.B) {
	db := fixture(b)
	ctx := context.Background()
	for d := range 25 {
		var text strings.Builder
		var specs []storetest.Spec
		for i := range 200 {
			money := 100000 + d*1000 + i // equal widths: no figure inside another
			fmt.Fprintf(&text, "全市发放补贴%d.5亿元，惠及%d万人。", money, 1000+i)
			specs = append(specs,
				storetest.Spec{Text: fmt.Sprintf("%d.5亿元", money), Kind: "money", Value: fmt.Sprintf("%d50000000", money), Unit: "yuan", Context: "补贴"},
				storetest.Spec{Text: fmt.Sprintf("%d万人", 1000+i), Kind: "count", Value: fmt.Sprintf("%d0000", 1000+i), Unit: "person"})
		}
		side := storetest.Side(storetest.Doc(fmt.Sprintf("gen/%02d.txt", d), text.String(), corpus.ZhHans), specs...)
		if _, _, err := db.SaveDocument(ctx, side); err != nil {
			b.Fatal(err)
		}
	}
	for _, f := range export.Formats() {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			rows := 0
			for b.Loop() {
				n, err := export.Write(ctx, db.SQL(), "claims", f, io.Discard, export.Options{})
				if err != nil {
					b.Fatal(err)
				}
				rows += n
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
