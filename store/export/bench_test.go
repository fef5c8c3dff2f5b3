package export_test

import (
	"context"
	"io"
	"testing"

	"figures/store/export"
	"figures/store/storetest"
)

// BenchmarkWrite exports the fixture's links (the widest table) repeatedly.
func BenchmarkWrite(b *testing.B) {
	db := fixture(b)
	ctx := context.Background()
	_ = storetest.Fixed
	for _, f := range export.Formats() {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			rows := 0
			for b.Loop() {
				n, err := export.Write(ctx, db.SQL(), "links", f, io.Discard, export.Options{})
				if err != nil {
					b.Fatal(err)
				}
				rows += n
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
