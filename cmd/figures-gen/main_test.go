package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenWritesCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	var out, errb bytes.Buffer
	if code := run([]string{"--out", dir, "--size", "300KB", "--seed", "5", "--bad", "0.05"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var total int64
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m struct{ Path string }
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(m.Path)))
		if err != nil {
			t.Fatalf("manifest names %s: %v", m.Path, err)
		}
		total += info.Size()
		n++
	}
	if total < 300e3 || total > 340e3 {
		t.Errorf("corpus is %d bytes, asked for 300KB", total)
	}
	if !strings.Contains(out.String(), "wrote") {
		t.Errorf("no summary: %q", out.String())
	}
	// The same command into a non-empty folder is refused.
	if code := run([]string{"--out", dir}, &out, &errb); code != 2 {
		t.Errorf("writing into a non-empty folder: exit %d, want 2", code)
	}
}

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
	}{{"50MB", 50e6}, {"500kb", 500e3}, {"1.5GB", 1.5e9}, {"1234", 1234}, {"2M", 2e6}} {
		got, err := parseSize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "MB", "-3MB", "lots"} {
		if _, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q) succeeded", bad)
		}
	}
}
