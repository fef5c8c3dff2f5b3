package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"figures/ingest"
	"figures/store"
)

func cmdIngest(ctx context.Context, e env, args []string) int {
	const prog = "figures ingest"
	fs := newFlags(prog)
	dbPath := fs.String("db", "figures.db", "")
	quiet := fs.Bool("quiet", false, "")
	asJSON := fs.Bool("json", false, "")
	workers := fs.Int("workers", 0, "")
	noPair := fs.Bool("no-pair", false, "")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return usageError(e, prog, err)
	}
	if len(paths) == 0 {
		return usageError(e, prog, errors.New("no files or folders given"))
	}
	db, err := store.Open(*dbPath)
	if err != nil {
		return fail(e, prog, exitUsage, createError(*dbPath, err))
	}
	defer db.Close()
	// A read-only database would otherwise show only when the first
	// document is saved, after the segmenter has loaded and files were read.
	if err := probeWritable(ctx, db.SQL()); err != nil {
		return fail(e, prog, exitUsage, fmt.Errorf("cannot write to %s: %w", *dbPath, err))
	}
	defer tuneGC()()

	ui := newIngestUI(e.stderr, !*quiet && isTerminal(e.stderr), *quiet)
	opt := ingest.Options{
		Paths:     paths,
		Stdin:     e.stdin,
		Workers:   *workers,
		NoPairing: *noPair,
		Progress:  ui.progress,
		Note:      ui.note,
	}
	sum, err := ingest.Run(ctx, db, opt)
	ui.finish(sum)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if werr := enc.Encode(sum); werr != nil && err == nil {
			err = fmt.Errorf("write summary: %w", werr)
		}
	}
	if !*quiet {
		writeIngestSummary(e.stderr, sum, *dbPath)
	} else {
		for _, f := range sum.Failures {
			fmt.Fprintf(e.stderr, "figures ingest: %s\n", failureLine(f))
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			// ingest.Run committed every document it had analysed (each
			// whole, in its savepoint): what was stored stays, the rest is
			// done by running the command again.
			err = fmt.Errorf("%w: %s stored; run the same command again to finish the batch", errInterrupted, docs(sum.Documents))
		}
		return fail(e, prog, exitUsage, err)
	}
	if sum.Errors > 0 {
		return 1
	}
	return 0
}

// The garbage collector's settings for a batch, unless GOGC or GOMEMLIMIT
// says otherwise. gse's dictionary is some 200 MB of live heap that every
// collection marks again, so collections are costly and Go's default
// (collect when the heap has doubled) spends a tenth of a batch's CPU
// time on them. Letting the heap triple halves that, for about 230 MB more
// peak memory on the 50 MB corpus; the soft limit makes the collector
// work harder rather than let the heap pass 1 GiB.
const (
	ingestGCPercent   = 200
	ingestMemoryLimit = 1 << 30
)

// tuneGC applies the batch's collector settings and returns the function
// that restores the previous ones.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	pct := debug.SetGCPercent(ingestGCPercent)
	limit := debug.SetMemoryLimit(ingestMemoryLimit)
	return func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// ingestUI draws the progress bars and prints notes and failures as they
// come (above the bars when they are drawn).
type ingestUI struct {
	out   io.Writer
	quiet bool

	mu       sync.Mutex
	sum      ingest.Summary
	reported int // failures printed so far
	last     time.Time
	lastSent int64

	p       *mpb.Progress
	files   *mpb.Bar
	pairing *mpb.Bar
}

func newIngestUI(w io.Writer, bars, quiet bool) *ingestUI {
	ui := &ingestUI{out: w, quiet: quiet, last: time.Now()}
	if !bars {
		return ui
	}
	ui.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(28), mpb.WithRefreshRate(150*time.Millisecond))
	stat := func(f func(s ingest.Summary) string) decor.Decorator {
		return decor.Any(func(decor.Statistics) string {
			ui.mu.Lock()
			defer ui.mu.Unlock()
			return f(ui.sum)
		})
	}
	ui.files = ui.p.New(0, mpb.BarStyle().Lbound("[").Rbound("]"),
		mpb.PrependDecorators(
			decor.Name("ingest ", decor.WC{W: 7}),
			stat(func(s ingest.Summary) string {
				total := count(s.Found)
				if !s.Walked {
					total += "+"
				}
				return fmt.Sprintf("%s/%s files", count(s.Files), total)
			}),
		),
		mpb.AppendDecorators(
			decor.Counters(decor.SizeB1000(0), "% .1f / % .1f"),
			decor.Name(" "),
			decor.EwmaSpeed(decor.SizeB1000(0), "% .1f", 30),
			stat(func(s ingest.Summary) string {
				return fmt.Sprintf(" · %s claims · %d errors", count(s.Claims), s.Errors)
			}),
			decor.Name(" · ETA "),
			decor.OnComplete(decor.EwmaETA(decor.ET_STYLE_MMSS, 30), "done"),
		),
	)
	return ui
}

func (ui *ingestUI) progress(s ingest.Summary) {
	ui.mu.Lock()
	ui.sum = s
	newFailures := s.Failures[min(ui.reported, len(s.Failures)):]
	ui.reported = len(s.Failures)
	now := time.Now()
	delta := s.Bytes - ui.lastSent
	dur := now.Sub(ui.last)
	ui.lastSent, ui.last = s.Bytes, now
	ui.mu.Unlock()

	if ui.p == nil {
		// Without bars the closing summary lists the failures.
		return
	}
	for _, f := range newFailures {
		ui.println("failed: " + failureLine(f))
	}
	total := max(s.FoundBytes, s.Bytes)
	if s.Walked {
		ui.files.SetTotal(total, false)
	} else {
		// Still walking: keep the bar from completing early.
		ui.files.SetTotal(total+1, false)
	}
	if delta > 0 {
		ui.files.EwmaIncrInt64(delta, dur)
	}
	if s.PairBlocks > 0 {
		if !ui.files.Completed() {
			ui.files.SetTotal(-1, true)
		}
		if ui.pairing == nil {
			ui.pairing = ui.p.New(int64(s.PairBlocks), mpb.BarStyle().Lbound("[").Rbound("]"),
				mpb.PrependDecorators(decor.Name("pair   ", decor.WC{W: 7}), decor.CountersNoUnit("%d/%d blocks")),
				mpb.AppendDecorators(decor.Any(func(decor.Statistics) string {
					ui.mu.Lock()
					defer ui.mu.Unlock()
					return fmt.Sprintf("%s pairs · %s mismatched figures", count(ui.sum.Pairs), count(ui.sum.Mismatches))
				})),
			)
		}
		ui.pairing.SetCurrent(int64(s.PairBlocksDone))
	}
}

func (ui *ingestUI) note(path, note string) {
	if !ui.quiet {
		ui.println(escapeLines(path + ": " + note))
	}
}

func (ui *ingestUI) println(s string) {
	if ui.p != nil {
		fmt.Fprintln(ui.p, s)
		return
	}
	fmt.Fprintln(ui.out, "figures ingest:", s)
}

// finish completes the bars and waits for their last frame, so that the
// summary prints below them.
func (ui *ingestUI) finish(s ingest.Summary) {
	if ui.p == nil {
		return
	}
	ui.progress(s)
	if !ui.files.Completed() {
		ui.files.SetTotal(-1, true)
	}
	if ui.pairing != nil && !ui.pairing.Completed() {
		ui.pairing.SetTotal(-1, true)
	}
	ui.p.Wait()
}

// failureLine is one line for a failed file, whatever its name holds.
func failureLine(f ingest.Failure) string {
	if strings.Contains(f.Reason, f.Path) {
		return escapeLines(f.Reason)
	}
	return escapeLines(f.Path + ": " + f.Reason)
}

// probeWritable fails when db cannot be written (a read-only file or
// mount): an update that matches no row still needs the write lock.
func probeWritable(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, "UPDATE documents SET id = id WHERE id < 0")
	return err
}

// writeIngestSummary prints the closing summary for people.
func writeIngestSummary(w io.Writer, s ingest.Summary, dbPath string) {
	mb := float64(s.Bytes) / 1e6
	rates := ""
	if s.Seconds >= 0.5 {
		// Rates over a blink of time are noise (7000 files/s for a rerun).
		rates = fmt.Sprintf(" (%.2f MB/s, %.1f files/s)", mb/s.Seconds, float64(s.Files)/s.Seconds)
	}
	fmt.Fprintf(w, "figures ingest: %s, %.1f MB in %.1f s%s\n", files(s.Files), mb, s.Seconds, rates)
	fmt.Fprintf(w, "  documents  %s new, %s already stored\n", count(s.Documents), count(s.Skipped))
	fmt.Fprintf(w, "  claims     %s\n", count(s.Claims))
	fmt.Fprintf(w, "  pairs      %s checked, %s mismatched figures (pairing took %.1f s)\n", count(s.Pairs), count(s.Mismatches), s.PairSeconds)
	if s.Unsupported > 0 {
		fmt.Fprintf(w, "  skipped    %s (other types, links to folders)\n", files(s.Unsupported))
	}
	fmt.Fprintf(w, "  errors     %s", count(s.Errors))
	if s.Errors > 0 {
		fmt.Fprintf(w, " (all recorded in the errors table of %s)", dbPath)
	}
	fmt.Fprintln(w)
	const show = 10
	for i, f := range s.Failures {
		if i == show {
			fmt.Fprintf(w, "    ... and %d more\n", s.Errors-show)
			break
		}
		fmt.Fprintf(w, "    %s\n", failureLine(f))
	}
}

// files is "1 file" or "n files", n with thousands separators.
func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return count(n) + " files"
}

// docs is "1 new document" or "n new documents".
func docs(n int) string {
	if n == 1 {
		return "1 new document"
	}
	return count(n) + " new documents"
}

// count formats n with thousands separators.
func count(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + count(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
