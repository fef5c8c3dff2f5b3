package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBinary builds the real figures binary into a temporary folder (so it
// also proves a moved binary finds its embedded dictionary and samples) and
// drives it as a shell script would: exit statuses, streams, files.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "figures")
	build := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := t.TempDir()
	sh := func(stdin string, args ...string) (int, string, string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = work
		cmd.Stdin = strings.NewReader(stdin)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case err == nil:
			return 0, out.String(), errb.String()
		case errors.As(err, &ee):
			return ee.ExitCode(), out.String(), errb.String()
		default:
			t.Fatalf("run %v: %v", args, err)
			return -1, "", ""
		}
	}

	if code, out, _ := sh("", "--help"); code != 0 || !strings.Contains(out, "Commands:") {
		t.Errorf("--help: exit %d", code)
	}
	for _, n := range commandNames() {
		if code, out, _ := sh("", n, "--help"); code != 0 || !strings.HasPrefix(out, "Usage: figures "+n) {
			t.Errorf("%s --help: exit %d, %.40q", n, code, out)
		}
	}
	if code, _, errs := sh("", "extract", "--bogus"); code != 2 || strings.Count(errs, "\n") != 1 {
		t.Errorf("extract --bogus: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := sh("", "check", "missing-zh.txt", "missing-en.txt"); code != 2 || !strings.Contains(errs, "missing-zh.txt") {
		t.Errorf("check of missing files: exit %d, stderr %q", code, errs)
	}

	// The demo writes ./figures.db by default, twice without harm.
	for range 2 {
		code, out, errs := sh("", "demo", "--samples", "samples")
		if code != 0 || !strings.Contains(out, "In all: 4 pairs") {
			t.Fatalf("demo: exit %d, stderr %q\n%s", code, errs, out)
		}
	}
	if _, err := os.Stat(filepath.Join(work, "figures.db")); err != nil {
		t.Errorf("demo did not write figures.db in the working folder: %v", err)
	}

	// Standard input to extract, a pipe as a shell would give it.
	code, out, errs := sh("全年发放补贴4.39亿元。\n", "extract")
	if code != 0 || !strings.Contains(out, `"file":"-"`) || !strings.Contains(out, `"value":"439000000"`) {
		t.Errorf("extract from stdin: exit %d, stderr %q, out %s", code, errs, out)
	}

	// check on the copied samples; 0 or 1 depending on what the aligner finds.
	code, out, _ = sh("", "check", "samples/jianglan-charity-2023.zh.txt", "samples/jianglan-charity-2023.en.txt")
	if code != 0 && code != 1 || out == "" {
		t.Errorf("check: exit %d, output %q", code, out)
	}

	// export to a file and to stdout.
	if code, _, errs := sh("", "export", "--table", "links", "-o", "links.csv"); code != 0 || !strings.Contains(errs, "links.csv") {
		t.Errorf("export -o: exit %d, stderr %q", code, errs)
	}
	b, _ := os.ReadFile(filepath.Join(work, "links.csv"))
	if !bytes.HasPrefix(b, []byte("link_id,pair_id,zh_doc,en_doc,verdict,")) {
		t.Errorf("links.csv starts %.60q", b)
	}
	if code, out, _ := sh("", "export", "--table", "claims", "--format", "jsonl"); code != 0 || strings.Count(out, "\n") < 100 {
		t.Errorf("export claims jsonl: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
}
