package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync/atomic"
)

// walker lists the files of a batch: named files, folders walked
// recursively, and lists of paths read from standard input ("-").
type walker struct {
	fsys    fs.FS
	stdin   io.Reader
	jobs    chan<- job
	results chan<- result

	found, foundBytes atomic.Int64
	done              atomic.Bool

	// The counter walks the folders ahead of the walker, which waits for
	// the workers, so that progress has a total (and an ETA) early.
	counted, countedBytes atomic.Int64
	countDone             atomic.Bool
}

// count walks the roots (not the lists read from standard input) only to
// count the files to read and their bytes.
func (w *walker) count(ctx context.Context, paths []string) {
	for _, root := range paths {
		if root == "-" {
			return // a list read from standard input has no total ahead
		}
		name := root
		if w.fsys != (osFS{}) {
			name = path.Clean(strings.TrimPrefix(root, "./"))
		}
		fs.WalkDir(w.fsys, name, func(p string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil || w.done.Load() {
				return fs.SkipAll
			}
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if p != name && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if readable[strings.ToLower(path.Ext(p))] {
				w.counted.Add(1)
				if info, err := d.Info(); err == nil {
					w.countedBytes.Add(info.Size())
				}
			}
			return nil
		})
	}
	w.countDone.Store(true)
}

// totals returns the files and bytes found so far, and whether that is
// all of them.
func (w *walker) totals() (int, int64, bool) {
	if w.done.Load() {
		return int(w.found.Load()), w.foundBytes.Load(), true
	}
	if w.countDone.Load() {
		return int(w.counted.Load()), w.countedBytes.Load(), true
	}
	return int(max(w.found.Load(), w.counted.Load())), max(w.foundBytes.Load(), w.countedBytes.Load()), false
}

// readable are the file types figures reads.
var readable = map[string]bool{".txt": true, ".html": true, ".htm": true}

func (w *walker) walk(ctx context.Context, paths []string) {
	for _, p := range paths {
		if ctx.Err() != nil {
			return
		}
		if p == "-" {
			w.walkList(ctx)
			continue
		}
		w.walkRoot(ctx, p)
	}
}

// walkList reads paths from standard input, one a line (as find prints
// them); blank lines are ignored.
func (w *walker) walkList(ctx context.Context) {
	in := w.stdin
	if in == nil {
		in = os.Stdin
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if ctx.Err() != nil {
			return
		}
		p := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(p) == "" {
			continue
		}
		w.walkRoot(ctx, p)
	}
	if err := sc.Err(); err != nil {
		w.send(ctx, result{path: "-", err: fmt.Errorf("read list of paths from standard input: %w", err)})
	}
}

func (w *walker) walkRoot(ctx context.Context, root string) {
	name := root
	if w.fsys != (osFS{}) {
		// An fs.FS takes slash-separated paths without a leading "./".
		name = path.Clean(strings.TrimPrefix(root, "./"))
	}
	err := fs.WalkDir(w.fsys, name, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return fs.SkipAll
		}
		if err != nil {
			w.send(ctx, result{path: p, err: fmt.Errorf("read %s: %w", p, unwrapPathError(err))})
			return nil
		}
		if d.IsDir() {
			if p != name && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir // .git, .cache and the like
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// WalkDir does not follow links: say what this one is rather
			// than letting it fail later as a missing file or a file
			// without an extension.
			info, err := fs.Stat(w.fsys, p)
			switch {
			case err != nil:
				w.send(ctx, result{path: p, err: fmt.Errorf("read %s: broken symbolic link: %w", p, unwrapPathError(err))})
				return nil
			case info.IsDir():
				w.send(ctx, result{path: p, note: "skipped: a symbolic link to a folder is not followed (name the folder itself to ingest it)"})
				return nil
			}
		}
		ext := strings.ToLower(path.Ext(p))
		if !readable[ext] {
			w.send(ctx, result{path: p, note: fmt.Sprintf("skipped: %s is not a type figures reads (.txt, .html, .htm)", typeName(ext))})
			return nil
		}
		var size int64
		if info, err := d.Info(); err == nil {
			size = info.Size()
		}
		w.found.Add(1)
		w.foundBytes.Add(size)
		select {
		case w.jobs <- job{path: p, size: size}:
		case <-ctx.Done():
			return fs.SkipAll
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipAll) {
		w.send(ctx, result{path: root, err: err})
	}
}

func (w *walker) send(ctx context.Context, r result) {
	select {
	case w.results <- r:
	case <-ctx.Done():
	}
}

func typeName(ext string) string {
	if ext == "" {
		return "a file without an extension"
	}
	return ext
}
