// Package ingest runs the pipeline over batches of bulletins: it reads and
// decodes files (corpus), splits them (segment), extracts their figures
// (extract), pairs Chinese originals with English versions and checks them
// (align), and stores everything (store).
//
// A batch streams: one goroutine walks the inputs, GOMAXPROCS workers read,
// decode, segment and extract files in parallel, and one writer stores the
// documents as they arrive, in groups of up to 64 that commit together (each
// document inside a savepoint of its own, so it is stored whole or not at
// all), so memory does not grow with the size of the batch and a crash
// loses at most the open group. Pairing runs after the documents are
// stored, block by block from the store (see pair.go).
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sync"
	"time"

	"figures/align"
	"figures/corpus"
	"figures/store"
)

// Options configure a batch ingest.
type Options struct {
	// Paths are files or folders (walked recursively). "-" reads a list of
	// paths from Stdin, one per line.
	Paths []string
	// FS, when set, is where Paths are read from (the demo reads the sample
	// corpus embedded in the binary); otherwise they are OS paths.
	FS fs.FS
	// Progress, when set, is called with the running totals after every
	// file and every pairing block, from one goroutine at a time.
	Progress func(Summary)

	// Stdin is where "-" reads its list of paths (os.Stdin when nil).
	Stdin io.Reader
	// Workers is the number of files analysed at once; 0 means GOMAXPROCS.
	Workers int
	// MaxFileSize is the largest file read, in bytes; larger ones fail
	// with a clear error rather than filling memory. 0 means 64 MiB.
	MaxFileSize int64
	// Note, when set, is told about files that are passed over without
	// being an error (a type figures does not read).
	Note func(path, note string)
	// NoPairing skips pairing and checking after the documents are stored.
	NoPairing bool
}

// Summary counts what a batch did.
type Summary struct {
	Files       int   `json:"files"`       // files read (.txt, .html, .htm)
	Documents   int   `json:"documents"`   // new documents stored
	Skipped     int   `json:"skipped"`     // already stored (same content)
	Unsupported int   `json:"unsupported"` // files of other types and links to folders, passed over
	Claims      int   `json:"claims"`      // claims of the new documents
	Pairs       int   `json:"pairs"`       // document pairs checked and stored
	Mismatches  int   `json:"mismatches"`  // mismatched figures in those pairs
	Errors      int   `json:"errors"`      // files that failed
	Bytes       int64 `json:"bytes"`       // bytes read
	// Seconds is the wall time of the batch, PairSeconds the part of it
	// spent pairing and checking.
	Seconds     float64 `json:"seconds"`
	PairSeconds float64 `json:"pair_seconds"`
	// Failures lists the files that failed, with the reason (the first
	// maxFailures; the store's errors table has them all).
	Failures []Failure `json:"failures,omitempty"`

	// Found and FoundBytes count the files found so far (walking runs
	// ahead of reading); Walked is set once every input has been walked.
	// With Files and Bytes they give a progress bar its total.
	Found      int   `json:"-"`
	FoundBytes int64 `json:"-"`
	Walked     bool  `json:"-"`
	// PairBlocks and PairBlocksDone count the pairing blocks (documents of
	// nearby dates, or of one folder when undated) once pairing has begun.
	PairBlocks, PairBlocksDone int `json:"-"`
}

// Failure is a file that could not be ingested.
type Failure struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

const maxFailures = 1000

// result is what a worker (or the walker) hands the writer.
type result struct {
	path  string
	size  int64
	side  *align.Side   // analysed document, to store
	known *store.DocRef // already stored
	err   error         // failed
	note  string        // passed over
}

type job struct {
	path string
	size int64
}

// Run ingests a batch into db. A file that fails is recorded (in the summary
// and the store's errors table) and the batch goes on; the returned error is
// for failures of the store itself and for cancellation.
func Run(ctx context.Context, db *store.DB, opt Options) (Summary, error) {
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	fsys := opt.FS
	if fsys == nil {
		fsys = osFS{}
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	maxSize := opt.MaxFileSize
	if maxSize <= 0 {
		maxSize = 64 << 20
	}

	// Workers read (is this file stored?) while the writer writes: keep
	// their connections open rather than reopening one per query.
	db.SQL().SetMaxIdleConns(workers + 4)
	loader, err := db.NewLoader(ctx)
	if err != nil {
		return Summary{}, err
	}
	defer loader.Close()
	writer, err := db.NewWriter(ctx)
	if err != nil {
		return Summary{}, err
	}
	defer writer.Close()

	jobs := make(chan job, workers*4)
	results := make(chan result, workers*4)
	w := &walker{fsys: fsys, stdin: opt.Stdin, jobs: jobs, results: results}
	go func() {
		defer close(jobs)
		w.walk(ctx, opt.Paths)
		w.done.Store(true)
	}()
	if opt.Progress != nil {
		go w.count(ctx, opt.Paths)
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := analyzeFile(ctx, loader, fsys, j, maxSize)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var sum Summary
	keys := newPairKeys()
	recent := newRecentSides(recentSideBytes)
	progress := func() {
		if opt.Progress != nil {
			sum.Found, sum.FoundBytes, sum.Walked = w.totals()
			sum.Seconds = time.Since(start).Seconds()
			opt.Progress(sum)
		}
	}
	// Documents are stored in groups (see store.Writer.AddDocument): what
	// the open group holds is counted in pending, and in the summary once
	// the group has committed.
	var pending struct{ documents, skipped, claims int }
	commit := func() error {
		if err := writer.Commit(ctx); err != nil {
			return err
		}
		sum.Documents += pending.documents
		sum.Skipped += pending.skipped
		sum.Claims += pending.claims
		pending.documents, pending.skipped, pending.claims = 0, 0, 0
		return nil
	}
	// The age of the open group: it commits groupAge after it began,
	// however slowly documents arrive.
	age := time.NewTimer(groupAge)
	age.Stop()
	defer age.Stop()
	aging := false
	var storeErr error
	for {
		var r result
		var ok bool
		select {
		case r, ok = <-results:
		case <-age.C:
			aging = false
			if storeErr == nil {
				if storeErr = commit(); storeErr != nil {
					cancel()
				}
				progress()
			}
			continue
		}
		if !ok {
			break
		}
		if storeErr != nil || ctx.Err() != nil {
			continue // drain, so the workers can finish
		}
		if r.note != "" {
			sum.Unsupported++
			if opt.Note != nil {
				opt.Note(r.path, r.note)
			}
			continue
		}
		sum.Files++
		sum.Bytes += r.size
		switch {
		case r.err != nil:
			storeErr = sum.fail(ctx, writer, r.path, r.err)
		case r.known != nil:
			sum.Skipped++
			// A known document is paired again only if its block was never
			// worked through (a run killed while pairing): rerunning a
			// finished batch changes nothing.
			done, err := db.PairingDone(ctx, r.known.ID)
			if err != nil {
				storeErr = err
				break
			}
			if !done {
				keys.add(*r.known)
			}
		default:
			id, inserted, err := addDocument(ctx, writer, *r.side)
			var docErr *store.DocumentError
			if errors.As(err, &docErr) {
				// The store refused the document (a bug upstream): it
				// fails like an unreadable file, and the batch goes on.
				storeErr = sum.fail(ctx, writer, r.path, err)
				break
			}
			if err != nil {
				storeErr = err
				break
			}
			if !inserted {
				pending.skipped++
			} else {
				pending.documents++
				pending.claims += len(r.side.Claims)
				if !opt.NoPairing {
					recent.add(id, *r.side)
				}
			}
			d := r.side.Doc
			keys.add(store.DocRef{ID: id, Path: d.Path, Hash: d.Hash, Lang: d.Lang, Date: d.Date})
		}
		if storeErr != nil && ctx.Err() != nil && errors.Is(storeErr, ctx.Err()) {
			// Cancelled between the loop's check and the store's: nothing
			// was lost, and the open group is committed below like any
			// cancelled batch's.
			storeErr = nil
		}
		if storeErr == nil && writer.Pending() >= groupDocs {
			storeErr = commit()
		}
		if storeErr != nil {
			cancel()
		}
		switch n := writer.Pending(); {
		case n > 0 && !aging:
			age.Reset(groupAge)
			aging = true
		case n == 0 && aging:
			age.Stop()
			aging = false
		}
		progress()
	}
	sum.Walked = true
	sum.Found, sum.FoundBytes = int(w.found.Load()), w.foundBytes.Load()
	if storeErr != nil {
		// The open group is rolled back: its documents were never counted.
		writer.Rollback()
		sum.Seconds = time.Since(start).Seconds()
		return sum, storeErr
	}
	// At the end of the input, and when the batch is cancelled (Ctrl-C):
	// every document in the open group is whole, so they are kept.
	if err := commit(); err != nil {
		sum.Seconds = time.Since(start).Seconds()
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		sum.Seconds = time.Since(start).Seconds()
		progress()
		return sum, err
	}
	if !opt.NoPairing {
		pairStart := time.Now()
		err := pairBatch(ctx, db, loader, writer, recent, keys, &sum, progress)
		sum.PairSeconds = time.Since(pairStart).Seconds()
		if err != nil {
			sum.Seconds = time.Since(start).Seconds()
			return sum, err
		}
	}
	sum.Seconds = time.Since(start).Seconds()
	progress()
	return sum, nil
}

// Group commit: the writer commits its open group when it holds
// groupDocs documents (and errors), when it is groupAge old, at the end of
// the input and before pairing. 64 documents take a commit's cost off
// all but one in 64; beyond that a commit saves little more, and a crash
// or a lock held elsewhere would cost more.
const (
	groupDocs = 64
	groupAge  = 200 * time.Millisecond
)

// addDocument adds a document to the writer's open group. When no group
// is open, beginning one may find the database locked by another process
// for longer than the busy timeout: nothing is lost then, and it is tried
// again a few times. Within an open group there is no lock to wait for.
func addDocument(ctx context.Context, w *store.Writer, side align.Side) (int64, bool, error) {
	for attempt := 0; ; attempt++ {
		open := w.Pending() > 0
		id, inserted, err := w.AddDocument(ctx, side)
		if err == nil || open || !store.IsBusy(err) || attempt == 4 {
			return id, inserted, err
		}
		select {
		case <-time.After(time.Duration(attempt+1) * 200 * time.Millisecond):
		case <-ctx.Done():
			return 0, false, ctx.Err()
		}
	}
}

// analyzeFile reads, decodes, segments and extracts one file. It runs on a
// worker; only the writer touches the summary and writes to the store.
func analyzeFile(ctx context.Context, loader *store.Loader, fsys fs.FS, j job, maxSize int64) result {
	r := result{path: j.path, size: j.size}
	if j.size > maxSize {
		r.err = fmt.Errorf("%s: file too large (%d MB; the limit is %d MB)", j.path, j.size>>20, maxSize>>20)
		return r
	}
	data, err := readRegular(fsys, j.path, maxSize)
	if err != nil {
		r.err = fmt.Errorf("read %s: %w", j.path, unwrapPathError(err))
		return r
	}
	r.size = int64(len(data))
	// Already stored? Then the file costs a read and a hash, not an analysis.
	sum := sha256.Sum256(data)
	if ref, ok, err := loader.DocumentByHash(ctx, hex.EncodeToString(sum[:])); err == nil && ok {
		r.known = &ref
		return r
	}
	doc, err := corpus.Parse(j.path, data)
	if err != nil {
		r.err = err
		return r
	}
	side, err := Analyze(doc)
	if err != nil {
		r.err = err
		return r
	}
	r.side = &side
	return r
}

// readRegular reads a regular file of at most maxSize bytes. It looks before
// it opens: opening a named pipe blocks until something writes to it, and a
// link to a device such as /dev/zero reports no size but never ends.
func readRegular(fsys fs.FS, path string, maxSize int64) ([]byte, error) {
	info, err := fs.Stat(fsys, path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", fileKind(info.Mode()))
	}
	f, err := fsys.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxSize {
		return nil, fmt.Errorf("file too large (the limit is %d MB)", maxSize>>20)
	}
	return data, nil
}

func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return m.Type().String()
}

// unwrapPathError drops the *fs.PathError wrapper, whose message repeats
// the path the caller already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (s *Summary) fail(ctx context.Context, w *store.Writer, path string, err error) error {
	s.Errors++
	reason := err.Error()
	if len(s.Failures) < maxFailures {
		s.Failures = append(s.Failures, Failure{Path: path, Reason: reason})
	}
	if err := w.AddError(ctx, path, reason); err != nil {
		return fmt.Errorf("ingest %s: %w", path, err)
	}
	return nil
}

// osFS reads OS paths as they are (absolute or relative), unlike os.DirFS.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return os.Open(name) }

// ReadDir lets fs.WalkDir list folders without opening every entry.
func (osFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// Stat lets the walker size files without opening them.
func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// dirOf is the folder that groups undated documents for pairing.
func dirOf(p string) string { return path.Dir(p) }
