package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"figures/corpus/gen"
)

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	g, _ := gen.New(gen.Config{Seed: 31})
	n := 0
	for range 4 {
		for _, f := range g.Next() {
			p := filepath.Join(dir, filepath.FromSlash(f.Path))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, f.Data, 0o644)
			n++
		}
	}
	os.WriteFile(filepath.Join(dir, "notes.pdf"), []byte("%PDF-1.4"), 0o644)
	os.WriteFile(filepath.Join(dir, "broken.html"), []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0o644)
	db := filepath.Join(t.TempDir(), "f.db")

	var stdout, stderr bytes.Buffer
	code := run(context.Background(), env{strings.NewReader(""), &stdout, &stderr}, []string{"ingest", "--db", db, "--json", dir})
	if code != 1 {
		t.Errorf("exit %d with a broken file, want 1\n%s", code, stderr.String())
	}
	var sum struct {
		Documents, Errors, Unsupported int
		Failures                       []struct{ Path, Reason string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		t.Fatalf("--json: %v\n%s", err, stdout.String())
	}
	if sum.Documents != n || sum.Errors != 1 || sum.Unsupported != 1 {
		t.Errorf("summary %+v, want %d documents, 1 error, 1 unsupported", sum, n)
	}
	for _, want := range []string{"notes.pdf: skipped", "broken.html: binary file", "documents  " + count(n) + " new", "errors     1"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}

	// The same batch again, listed on standard input: nothing new.
	stdout.Reset()
	stderr.Reset()
	list := ""
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if !d.IsDir() && strings.HasSuffix(p, "l") && !strings.HasSuffix(p, "broken.html") {
			list += p + "\n"
		}
		return nil
	})
	code = run(context.Background(), env{strings.NewReader(list), &stdout, &stderr}, []string{"ingest", "--db", db, "--quiet", "-"})
	if code != 0 || stderr.Len() != 0 {
		t.Errorf("rerun from a list: exit %d, stderr %q", code, stderr.String())
	}
}

func TestIngestUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"ingest"}, 2, "no files or folders given"},
		{[]string{"ingest", "--bogus"}, 2, "unknown flag --bogus"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), env{strings.NewReader(""), &stdout, &stderr}, tt.args); code != tt.code {
			t.Errorf("%v: exit %d, want %d", tt.args, code, tt.code)
		}
		if !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: stderr %q lacks %q", tt.args, stderr.String(), tt.want)
		}
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := count(n); got != want {
			t.Errorf("count(%d) = %q, want %q", n, got, want)
		}
	}
}
