package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"figures/store"
)

// serveBuf is a bytes.Buffer safe for the server goroutine and the test.
type serveBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *serveBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *serveBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		out  string // in stdout
		err  string // in stderr
	}{
		{[]string{"--help"}, 0, "figures serve --db figures.db", ""},
		{[]string{"--bogus"}, 2, "", "unknown flag --bogus (see figures serve --help)"},
		{[]string{"--db", filepath.Join(dir, "none.db")}, 2, "", "no figures database there"},
		{[]string{"--db", dir}, 2, "", "no figures database there"},
		{[]string{"--addr", "8080"}, 2, "", "want HOST:PORT"},
		{[]string{"extra.db"}, 2, "", `unexpected argument "extra.db"`},
	}
	for _, tc := range tests {
		var out, errb bytes.Buffer
		code := cmdServe(context.Background(), env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, tc.args)
		if code != tc.code || !strings.Contains(out.String(), tc.out) || !strings.Contains(errb.String(), tc.err) {
			t.Errorf("serve %q = %d\nstdout %q\nstderr %q", tc.args, code, out.String(), errb.String())
		}
		if tc.code == 2 && strings.Count(strings.TrimSpace(errb.String()), "\n") > 0 {
			t.Errorf("serve %q: error is not one line: %q", tc.args, errb.String())
		}
	}
}

// TestServe starts the server on a free port, fetches the list, and stops it
// as Ctrl-C would.
func TestServe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "figures.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb serveBuf
	done := make(chan int, 1)
	go func() {
		done <- cmdServe(ctx, env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb},
			[]string{"--db", path, "--addr", "127.0.0.1:0"})
	}()
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	var url string
	for deadline := time.Now().Add(20 * time.Second); url == "" && time.Now().Before(deadline); {
		url = re.FindString(out.String())
		time.Sleep(20 * time.Millisecond)
	}
	if url == "" {
		t.Fatalf("server did not start: %q %q", out.String(), errb.String())
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "The database is empty") {
		t.Errorf("GET %s = %d %q", url, resp.StatusCode, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d: %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop")
	}
}
