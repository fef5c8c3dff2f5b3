package ingest

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"figures/align"
	"figures/corpus"
	"figures/store"
)

// Options configure a batch ingest.
type Options struct {
	// Paths are files or folders (walked recursively).
	Paths []string
	// FS, when set, is where Paths are read from (the demo reads the sample
	// corpus embedded in the binary); otherwise they are OS paths.
	FS fs.FS
	// Progress, when set, is called after every file with the running totals.
	Progress func(Summary)
}

// Summary counts what a batch did.
type Summary struct {
	Files     int   `json:"files"`     // files looked at
	Documents int   `json:"documents"` // new documents stored
	Skipped   int   `json:"skipped"`   // already stored (same content)
	Claims    int   `json:"claims"`
	Pairs     int   `json:"pairs"`
	Errors    int   `json:"errors"`
	Bytes     int64 `json:"bytes"`
	// Failures lists the files that failed, with the reason.
	Failures []Failure `json:"failures,omitempty"`
}

// Failure is a file that could not be ingested.
type Failure struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Run ingests a batch into db. A file that fails is recorded (in the summary
// and the store's errors table) and the batch goes on; the returned error is
// for failures of the store itself.
func Run(ctx context.Context, db *store.DB, opt Options) (Summary, error) {
	var sum Summary
	var zh, en []align.Side
	var zhIDs, enIDs []int64
	for _, root := range opt.Paths {
		fsys := opt.FS
		if fsys == nil {
			fsys = osFS{}
		}
		err := fs.WalkDir(fsys, root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return sum.fail(ctx, db, path, err)
			}
			if d.IsDir() {
				return nil
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".txt", ".html", ".htm":
			default:
				return nil
			}
			sum.Files++
			data, err := fs.ReadFile(fsys, path)
			if err != nil {
				return sum.fail(ctx, db, path, err)
			}
			sum.Bytes += int64(len(data))
			doc, err := corpus.Parse(path, data)
			if err != nil {
				return sum.fail(ctx, db, path, err)
			}
			side, err := Analyze(doc)
			if err != nil {
				return sum.fail(ctx, db, path, err)
			}
			id, inserted, err := db.SaveDocument(ctx, side)
			if err != nil {
				return err
			}
			if !inserted {
				sum.Skipped++
				return nil
			}
			sum.Documents++
			sum.Claims += len(side.Claims)
			if doc.Lang.IsChinese() {
				zh, zhIDs = append(zh, side), append(zhIDs, id)
			} else {
				en, enIDs = append(en, side), append(enIDs, id)
			}
			if opt.Progress != nil {
				opt.Progress(sum)
			}
			return nil
		})
		if err != nil {
			return sum, err
		}
	}
	for _, p := range align.PairDocuments(zh, en) {
		r := align.Check(zh[p.ZH], en[p.EN])
		if _, err := db.SavePair(ctx, zhIDs[p.ZH], enIDs[p.EN], p.Score, &r); err != nil {
			return sum, err
		}
		sum.Pairs++
	}
	return sum, nil
}

func (s *Summary) fail(ctx context.Context, db *store.DB, path string, err error) error {
	s.Errors++
	reason := err.Error()
	s.Failures = append(s.Failures, Failure{Path: path, Reason: reason})
	if err := db.SaveError(ctx, path, reason); err != nil {
		return fmt.Errorf("ingest %s: %w", path, err)
	}
	return nil
}

// osFS reads OS paths as they are (absolute or relative), unlike os.DirFS.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return os.Open(name) }
