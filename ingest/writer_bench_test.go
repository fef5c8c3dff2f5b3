package ingest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"figures/align"
	"figures/corpus"
	"figures/store"
)

// analyzedCorpus is benchCorpus analysed: the sides ingest's workers hand
// the writer, and the article texts gse would segment.
func analyzedCorpus(b *testing.B, stories int) ([]align.Side, []string) {
	b.Helper()
	fsys, _, texts := benchCorpus(b, stories)
	var sides []align.Side
	for name, f := range fsys {
		doc, err := corpus.Parse(name, f.Data)
		if err != nil {
			b.Fatal(err)
		}
		side, err := Analyze(doc)
		if err != nil {
			b.Fatal(err)
		}
		sides = append(sides, side)
	}
	return sides, texts
}

// BenchmarkStoreDocuments measures the writer alone: the documents of a
// generated batch, analysed beforehand, stored into a new store by one
// Writer, in groups of groupDocs as ingest stores them (group=64) and,
// for comparison, each in a transaction of its own (tx=doc). It is the
// floor of ingest's document phase, which has one writer however many
// cores analyse: the writer's text MB/s over gse's on one core says how
// many cores of analysis one writer keeps up with. Each iteration also
// times gse over the same texts on one goroutine, turn about with the
// writer, so both see the same machine load.
//
// Metrics: store-text-MB/s (article text stored per second, wall time),
// store-cpu-µs/doc (CPU time of the process per document, the steadier),
// gse-1core-text-MB/s, and store/gse-1core (the first over the third).
func BenchmarkStoreDocuments(b *testing.B) {
	sides, texts := analyzedCorpus(b, 300)
	var textBytes int64
	for _, s := range sides {
		textBytes += int64(len(s.Doc.Text))
	}
	segmentAll(b, texts[:1], 1) // load the dictionary outside the timings
	ctx := context.Background()
	grouped := func(w *store.Writer, s align.Side) error {
		if _, _, err := w.AddDocument(ctx, s); err != nil {
			return err
		}
		if w.Pending() >= groupDocs {
			return w.Commit(ctx)
		}
		return nil
	}
	single := func(w *store.Writer, s align.Side) error {
		_, _, err := w.SaveDocument(ctx, s)
		return err
	}
	for _, mode := range []struct {
		name string
		save func(*store.Writer, align.Side) error
	}{{"group=64", grouped}, {"tx=doc", single}} {
		b.Run(mode.name, func(b *testing.B) {
			var tStore, tSeg, cpuStore time.Duration
			for b.Loop() {
				s := time.Now()
				segmentAll(b, texts, 1)
				tSeg += time.Since(s)

				db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
				if err != nil {
					b.Fatal(err)
				}
				w, err := db.NewWriter(ctx)
				if err != nil {
					b.Fatal(err)
				}
				s, c := time.Now(), cpuTime()
				for _, side := range sides {
					if err := mode.save(w, side); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Commit(ctx); err != nil {
					b.Fatal(err)
				}
				tStore += time.Since(s)
				cpuStore += cpuTime() - c
				w.Close()
				db.Close()
			}
			mb := float64(b.N) * float64(textBytes) / 1e6
			store, gse := mb/tStore.Seconds(), mb/tSeg.Seconds()
			b.ReportMetric(store, "store-text-MB/s")
			b.ReportMetric(gse, "gse-1core-text-MB/s")
			b.ReportMetric(store/gse, "store/gse-1core")
			if cpuStore > 0 {
				b.ReportMetric(float64(cpuStore.Microseconds())/float64(b.N*len(sides)), "store-cpu-µs/doc")
			}
		})
	}
}
