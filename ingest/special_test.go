package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe or a link to a device inside a folder is reported and
// skipped: opening the pipe would block forever, and reading /dev/zero would
// never end.
func TestSpecialFilesAreRejected(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("全市共有养老机构213家。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), openStore(t), Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 1 || sum.Errors != 2 {
		t.Fatalf("%d documents and %d errors, want 1 and 2: %+v", sum.Documents, sum.Errors, sum.Failures)
	}
	for _, f := range sum.Failures {
		if !strings.Contains(f.Reason, "not a regular file") {
			t.Errorf("%s: reason %q does not say it is not a regular file", f.Path, f.Reason)
		}
	}
}

// Symbolic links inside a folder: a link to a file is read, a link to a
// folder is skipped with a note saying why, and a broken link is an error
// that says it is one.
func TestSymlinksInFolders(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	target := filepath.Join(other, "a.txt")
	if err := os.WriteFile(target, []byte("全市共有养老机构213家。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, to := range map[string]string{"file.txt": target, "folder": other, "broken.txt": filepath.Join(other, "gone.txt")} {
		if err := os.Symlink(to, filepath.Join(dir, link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	sum, err := Run(context.Background(), openStore(t), Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 1 || sum.Unsupported != 1 || sum.Errors != 1 {
		t.Fatalf("%d documents, %d skipped, %d errors; want 1, 1, 1: %+v", sum.Documents, sum.Unsupported, sum.Errors, sum.Failures)
	}
	if r := sum.Failures[0].Reason; !strings.Contains(r, "broken symbolic link") {
		t.Errorf("broken link reported as %q", r)
	}
}
