package ingest

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/PuerkitoBio/goquery"

	"figures/align"
	"figures/corpus"
	"figures/corpus/gen"
	"figures/segment"
	"figures/store"
)

// benchCorpus generates stories into an in-memory file system and returns
// it with the size of its files and the decoded article texts.
func benchCorpus(b *testing.B, stories int) (fstest.MapFS, int64, []string) {
	fsys, size, docs := benchDocs(b, stories)
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = d.Text
	}
	return fsys, size, texts
}

// benchDocs is benchCorpus with the parsed documents.
func benchDocs(b *testing.B, stories int) (fstest.MapFS, int64, []*corpus.Document) {
	b.Helper()
	g, err := gen.New(gen.Config{Seed: 99, ErrorRate: 0.05})
	if err != nil {
		b.Fatal(err)
	}
	fsys := fstest.MapFS{}
	var size int64
	var docs []*corpus.Document
	for range stories {
		for _, f := range g.Next() {
			fsys["c/"+f.Path] = &fstest.MapFile{Data: f.Data}
			size += int64(len(f.Data))
			doc, err := corpus.Parse(f.Path, f.Data)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, doc)
		}
	}
	return fsys, size, docs
}

// ingestOnce ingests the batch into a new store and returns the summary
// and the time ingest.Run took (opening and closing the store are not
// timed: a newsroom's store exists before its daily batch).
func ingestOnce(b *testing.B, fsys fstest.MapFS) (Summary, time.Duration) {
	b.Helper()
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	sum, err := Run(context.Background(), db, Options{Paths: []string{"c"}, FS: fsys})
	if err != nil {
		b.Fatal(err)
	}
	return sum, time.Since(start)
}

// BenchmarkIngest measures a whole batch: decoding, HTML, segmentation,
// extraction, storing and pairing, on all cores with one writer. Opening
// and closing the store are in ns/op but not in docs/s.
func BenchmarkIngest(b *testing.B) {
	fsys, size, _ := benchCorpus(b, 300)
	if _, err := segment.Segmenter(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	var docs int
	var took, cpu time.Duration
	for b.Loop() {
		c := cpuTime()
		sum, d := ingestOnce(b, fsys)
		cpu += cpuTime() - c
		docs += sum.Documents
		took += d
	}
	b.ReportMetric(float64(docs)/took.Seconds(), "docs/s")
	if cpu > 0 {
		// CPU time per document, all threads (a steadier measure than
		// docs/s on a machine other work shares).
		b.ReportMetric(float64(cpu.Microseconds())/float64(docs), "cpu-µs/doc")
	}
}

// segmentAll segments every text with gse on the given number of
// goroutines, which take the texts in turn (no channel: a hand-off per
// text would cost gse more than it does ingest, whose workers have a
// whole file to read and analyse each).
func segmentAll(b *testing.B, texts []string, goroutines int) {
	seg, err := segment.Segmenter()
	if err != nil {
		b.Fatal(err)
	}
	parallelOn(goroutines, len(texts), func(i int) { seg.Segment([]byte(texts[i])) })
}

// analyzeAll runs Analyze (sentence splitting, gse and extraction) over
// docs on the given number of goroutines, as segmentAll runs gse.
func analyzeAll(b *testing.B, docs []*corpus.Document, goroutines int) {
	parallelOn(goroutines, len(docs), func(i int) {
		if _, err := Analyze(docs[i]); err != nil {
			b.Error(err)
		}
	})
}

// readAll reads every file of fsys as ingest's workers do (decoding, HTML
// with goquery, then Analyze) on the given number of goroutines, without
// storing anything.
func readAll(b *testing.B, fsys fstest.MapFS, goroutines int) {
	names := make([]string, 0, len(fsys))
	for name := range fsys {
		names = append(names, name)
	}
	parallelOn(goroutines, len(names), func(i int) {
		d, err := corpus.Parse(names[i], fsys[names[i]].Data)
		if err == nil {
			_, err = Analyze(d)
		}
		if err != nil {
			b.Error(err)
		}
	})
}

// parseHTMLAll parses every HTML file of fsys with goquery and nothing
// else, on the given number of goroutines: the part of reading a batch
// that the project's choice of HTML parser fixes.
func parseHTMLAll(b *testing.B, fsys fstest.MapFS, goroutines int) {
	var pages [][]byte
	for name, f := range fsys {
		if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm") {
			pages = append(pages, f.Data)
		}
	}
	parallelOn(goroutines, len(pages), func(i int) {
		if _, err := goquery.NewDocumentFromReader(bytes.NewReader(pages[i])); err != nil {
			b.Error(err)
		}
	})
}

// BenchmarkIngestVsSegment compares, in one run, the whole ingest of a
// generated batch (reading and decoding files, HTML, sentence splitting,
// gse, extraction, storing, pairing and checking) with gse segmentation
// alone over the same text: the decoded article texts of that batch.
// Every iteration times gse on one goroutine, gse on all cores and one
// ingest, one after the other, so both sides see the same machine load.
// gse makes gsePasses passes over the texts each time: a single pass is
// short enough for one garbage collection (which marks gse's large
// dictionary) to halve its measured speed.
//
// The headline ratio compares like with like: ingest runs as in production
// (GOMAXPROCS workers and one writer) and gse alone runs on GOMAXPROCS
// goroutines, so the ratio is what the rest of the pipeline costs on top of
// segmentation, on any number of cores. The metrics:
//
//   - ingest/gse: ingest throughput over gse's, both on all cores (the
//     target is 0.5);
//   - docs/gse: the same without the pairing phase (reading, analysing
//     and storing documents only);
//   - html/gse: goquery's HTML parse alone, over the batch's HTML pages,
//     against gse alone over the whole batch's article text: gse and the
//     HTML parser together already cost 1 + 1/html/gse times gse alone;
//   - analyze/gse: sentence splitting, gse and extraction alone (Analyze
//     over the parsed documents, on all cores) against gse alone: the
//     ceiling of ingest/gse, which also decodes, parses HTML, stores,
//     pairs and checks;
//   - read/gse: the same with decoding and HTML (corpus.Parse, then
//     Analyze, over the files): ingest's ceiling before anything is stored,
//     paired or checked;
//   - store/gse: the single writer alone storing the batch's analysed
//     documents into a new store (group commit, as ingest stores them)
//     against gse alone on all cores: however fast everything else, one
//     writer caps ingest/gse there;
//   - ingest/gse-1core: ingest on all cores against gse on one goroutine,
//     the way gse's speed is usually quoted. It flatters ingest by up to
//     the number of cores and is reported for comparison only;
//   - ingest/gse-cpu: the same comparison in CPU time (user and system,
//     garbage collection included) per MB of text, where the system can
//     tell: what the ratio would be on idle cores that scale perfectly. On
//     a machine other work shares, it is the steadiest of the three;
//   - store/gse-cpu: the writer alone (as store/gse) in CPU time: with
//     gse, SQLite and nothing else, ingest/gse-cpu could reach at most
//     1/(1 + 1/store/gse-cpu);
//   - ingest-text-MB/s, gse-text-MB/s, gse-1core-text-MB/s: article text
//     per second, and ingest-docs/s.
//
// Opening the new store each iteration is not timed (see ingestOnce).
func BenchmarkIngestVsSegment(b *testing.B) {
	fsys, _, parsed := benchDocs(b, 300)
	texts := make([]string, len(parsed))
	for i, d := range parsed {
		texts[i] = d.Text
	}
	var textBytes int64
	for _, t := range texts {
		textBytes += int64(len(t))
	}
	sides := make([]align.Side, len(parsed))
	for i, d := range parsed {
		s, err := Analyze(d)
		if err != nil {
			b.Fatal(err)
		}
		sides[i] = s
	}
	cores := runtime.GOMAXPROCS(0)
	segmentAll(b, texts[:1], 1) // load the dictionary outside the timings
	const gsePasses = 4
	var tIngest, tPair, tSeg1, tSegN, tAnalyze, tRead, tHTML, tStore, cpuSeg, cpuIngest, cpuStore time.Duration
	var docs int
	for b.Loop() {
		s, c := time.Now(), cpuTime()
		for range gsePasses {
			segmentAll(b, texts, 1)
		}
		tSeg1 += time.Since(s)
		s = time.Now()
		for range gsePasses {
			segmentAll(b, texts, cores)
		}
		tSegN += time.Since(s)
		cpuSeg += cpuTime() - c
		s = time.Now()
		analyzeAll(b, parsed, cores)
		tAnalyze += time.Since(s)
		s = time.Now()
		readAll(b, fsys, cores)
		tRead += time.Since(s)
		s = time.Now()
		parseHTMLAll(b, fsys, cores)
		tHTML += time.Since(s)
		c = cpuTime()
		tStore += storeAll(b, sides)
		cpuStore += cpuTime() - c
		c = cpuTime()
		sum, took := ingestOnce(b, fsys)
		cpuIngest += cpuTime() - c
		tIngest += took
		tPair += time.Duration(sum.PairSeconds * float64(time.Second))
		docs += sum.Documents
	}
	mb := float64(b.N) * float64(textBytes) / 1e6 // text ingested, MB
	ingest := mb / tIngest.Seconds()
	docsOnly := mb / (tIngest - tPair).Seconds()
	gseN := gsePasses * mb / tSegN.Seconds()
	gse1 := gsePasses * mb / tSeg1.Seconds()
	b.ReportMetric(ingest/gseN, "ingest/gse")
	b.ReportMetric(docsOnly/gseN, "docs/gse")
	b.ReportMetric(mb/tAnalyze.Seconds()/gseN, "analyze/gse")
	b.ReportMetric(mb/tRead.Seconds()/gseN, "read/gse")
	b.ReportMetric(mb/tHTML.Seconds()/gseN, "html/gse")
	b.ReportMetric(mb/tStore.Seconds()/gseN, "store/gse")
	b.ReportMetric(ingest/gse1, "ingest/gse-1core")
	if cpuIngest > 0 {
		// CPU seconds per MB: gse made 2*gsePasses passes.
		b.ReportMetric((cpuSeg.Seconds()/(2*gsePasses))/cpuIngest.Seconds(), "ingest/gse-cpu")
		b.ReportMetric((cpuSeg.Seconds()/(2*gsePasses))/cpuStore.Seconds(), "store/gse-cpu")
	}
	b.ReportMetric(ingest, "ingest-text-MB/s")
	b.ReportMetric(gseN, "gse-text-MB/s")
	b.ReportMetric(gse1, "gse-1core-text-MB/s")
	b.ReportMetric(float64(docs)/tIngest.Seconds(), "ingest-docs/s")
}

// storeAll stores sides into a new store with one writer, in groups as
// ingest stores them, and returns the time it took (opening and closing
// the store are not timed, as in ingestOnce).
func storeAll(b *testing.B, sides []align.Side) time.Duration {
	b.Helper()
	ctx := context.Background()
	db, err := store.Open(filepath.Join(b.TempDir(), "store.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	w, err := db.NewWriter(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	start := time.Now()
	for _, s := range sides {
		if _, _, err := w.AddDocument(ctx, s); err != nil {
			b.Fatal(err)
		}
		if w.Pending() >= groupDocs {
			if err := w.Commit(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := w.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
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
