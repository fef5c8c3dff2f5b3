package ingest

import (
	"context"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"figures/corpus"
	"figures/corpus/gen"
	"figures/segment"
	"figures/store"
)

// benchCorpus generates stories into an in-memory file system and returns
// it with the size of its files and the decoded article texts.
func benchCorpus(b *testing.B, stories int) (fstest.MapFS, int64, []string) {
	b.Helper()
	g, err := gen.New(gen.Config{Seed: 99, ErrorRate: 0.05})
	if err != nil {
		b.Fatal(err)
	}
	fsys := fstest.MapFS{}
	var size int64
	var texts []string
	for range stories {
		for _, f := range g.Next() {
			fsys["c/"+f.Path] = &fstest.MapFile{Data: f.Data}
			size += int64(len(f.Data))
			doc, err := corpus.Parse(f.Path, f.Data)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, doc.Text)
		}
	}
	return fsys, size, texts
}

func ingestOnce(b *testing.B, fsys fstest.MapFS) Summary {
	b.Helper()
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	sum, err := Run(context.Background(), db, Options{Paths: []string{"c"}, FS: fsys})
	if err != nil {
		b.Fatal(err)
	}
	return sum
}

// BenchmarkIngest measures a whole batch: decoding, HTML, segmentation,
// extraction, storing and pairing, on all cores with one writer.
func BenchmarkIngest(b *testing.B) {
	fsys, size, _ := benchCorpus(b, 300)
	if _, err := segment.Segmenter(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	var docs int
	start := time.Now()
	for b.Loop() {
		docs += ingestOnce(b, fsys).Documents
	}
	b.ReportMetric(float64(docs)/time.Since(start).Seconds(), "docs/s")
}

// segmentAll segments every text with gse on the given number of
// goroutines.
func segmentAll(b *testing.B, texts []string, goroutines int) {
	seg, err := segment.Segmenter()
	if err != nil {
		b.Fatal(err)
	}
	var wg sync.WaitGroup
	next := make(chan string)
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range next {
				seg.Segment([]byte(t))
			}
		}()
	}
	for _, t := range texts {
		next <- t
	}
	close(next)
	wg.Wait()
}

// BenchmarkIngestVsSegment measures, in one run, gse segmentation alone
// over the article texts of a generated batch and ingesting the batch
// (decoding, HTML, sentence splitting, gse, extraction, storing, pairing
// and checking), and reports throughput ratios:
//
//   - ingest/gse: the whole ingest on all cores against gse on one
//     goroutine, the way gse's speed is usually quoted (target 0.5);
//   - docs/gse: the same without the pairing phase;
//   - ingest/gse-all-cores: the whole ingest against gse on all cores.
func BenchmarkIngestVsSegment(b *testing.B) {
	fsys, _, texts := benchCorpus(b, 300)
	var textBytes int64
	for _, t := range texts {
		textBytes += int64(len(t))
	}
	cores := runtime.GOMAXPROCS(0)
	segmentAll(b, texts[:1], 1) // load the dictionary outside the timings
	var tIngest, tPair, tSeg1, tSegN time.Duration
	for b.Loop() {
		s := time.Now()
		segmentAll(b, texts, 1)
		tSeg1 += time.Since(s)
		s = time.Now()
		segmentAll(b, texts, cores)
		tSegN += time.Since(s)
		s = time.Now()
		sum := ingestOnce(b, fsys)
		tIngest += time.Since(s)
		tPair += time.Duration(sum.PairSeconds * float64(time.Second))
	}
	b.ReportMetric(tSeg1.Seconds()/tIngest.Seconds(), "ingest/gse")
	b.ReportMetric(tSeg1.Seconds()/(tIngest-tPair).Seconds(), "docs/gse")
	b.ReportMetric(tSegN.Seconds()/tIngest.Seconds(), "ingest/gse-all-cores")
	n := float64(b.N) * float64(textBytes) / 1e6
	b.ReportMetric(n/tIngest.Seconds(), "ingest-text-MB/s")
	b.ReportMetric(n/tSeg1.Seconds(), "gse-text-MB/s")
}

// BenchmarkAnalyze measures segmentation and extraction of one document,
// without the store.
func BenchmarkAnalyze(b *testing.B) {
	fsys, _, _ := benchCorpus(b, 20)
	var docs []*corpus.Document
	var size int64
	for name, f := range fsys {
		d, err := corpus.Parse(name, f.Data)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		size += int64(len(f.Data))
	}
	if _, err := Analyze(docs[0]); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, d := range docs {
			if _, err := Analyze(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
