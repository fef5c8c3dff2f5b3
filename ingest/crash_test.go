package ingest

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"figures/corpus"
	"figures/corpus/gen"
	"figures/store"
)

// buildFigures builds the figures command into a temporary folder.
func buildFigures(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "figures")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, "figures/cmd/figures")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestCrashSafety runs a real `figures ingest` over a generated batch and
// kills it with SIGKILL twice, once while it stores documents and once
// while it pairs them. After each kill the database must pass PRAGMA
// integrity_check and foreign_key_check, and every stored document must be
// whole (its sentences and claims are those a fresh analysis finds). Run
// again, the same command must complete the batch with every document
// exactly once, and end where a run that was never killed ends: the same
// documents, sentences and claims, and the same pairs, alignments and
// links.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the figures binary and ingests a batch three times")
	}
	bin := buildFigures(t)
	dir := t.TempDir()
	files := writeCorpus(t, dir, gen.Config{Seed: 21, ErrorRate: 0.05}, 300)
	dbPath := filepath.Join(t.TempDir(), "figures.db")
	args := []string{"ingest", "--quiet", "--db", dbPath, dir}

	// count reads the store read-only, as the ingest writes it: opening it
	// with store.Open would race the ingest to create the schema.
	count := func(q string) int {
		if _, err := os.Stat(dbPath); err != nil {
			return -1
		}
		db, err := sql.Open("sqlite3", "file:"+dbPath+"?mode=ro&_busy_timeout=5000")
		if err != nil {
			return -1
		}
		defer db.Close()
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			return -1
		}
		return n
	}
	killWhen := func(what string, cond func() bool) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		deadline := time.After(2 * time.Minute)
		for {
			select {
			case err := <-done:
				t.Fatalf("ingest finished before it could be killed %s (%v): make the batch larger\n%s", what, err, stderr.String())
			case <-deadline:
				cmd.Process.Kill()
				t.Fatalf("never reached the point to kill it %s", what)
			case <-time.After(10 * time.Millisecond):
			}
			if cond() {
				break
			}
		}
		if err := cmd.Process.Kill(); err != nil { // SIGKILL
			t.Fatal(err)
		}
		err := <-done
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("killed ingest: %v", err)
		}
		t.Logf("killed %s: %d documents, %d pairs stored", what, count("SELECT COUNT(*) FROM documents"), count("SELECT COUNT(*) FROM pairs"))
		checkWhole(t, dbPath)
	}

	// Documents are committed in groups of up to 64: a third of the batch
	// is past the first groups and far from the last, so the kill lands
	// with a group open and most files still to store.
	killWhen("while storing documents", func() bool { return count("SELECT COUNT(*) FROM documents") >= len(files)/3 })
	if n := count("SELECT COUNT(*) FROM documents"); n >= len(files) || count("SELECT COUNT(*) FROM pairs") != 0 {
		t.Errorf("killed after storing %d of %d documents: not while storing", n, len(files))
	}
	killWhen("while pairing", func() bool { return count("SELECT COUNT(*) FROM pairs") >= 10 })

	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	checkWhole(t, dbPath)
	if n := count("SELECT COUNT(*) FROM documents"); n != len(files) {
		t.Errorf("%d documents stored for %d files", n, len(files))
	}
	if n := count("SELECT COUNT(*) FROM (SELECT path FROM documents GROUP BY path HAVING COUNT(*) > 1)"); n != 0 {
		t.Errorf("%d files stored more than once", n)
	}

	// The killed-and-resumed store ends where an uninterrupted run ends.
	clean := filepath.Join(t.TempDir(), "clean.db")
	if out, err := exec.Command(bin, "ingest", "--quiet", "--db", clean, dir).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	for _, q := range []string{
		"SELECT COUNT(*) FROM documents", "SELECT COUNT(*) FROM sentences", "SELECT COUNT(*) FROM claims",
		"SELECT COUNT(*) FROM pairs", "SELECT COUNT(*) FROM links",
	} {
		resumed := count(q)
		c, _ := store.Open(clean)
		var want int
		c.SQL().QueryRow(q).Scan(&want)
		c.Close()
		if resumed != want {
			t.Errorf("%s: %d after kills and a rerun, %d in one clean run", q, resumed, want)
		}
	}
	resumed, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resumed.Close()
	c, err := store.Open(clean)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got, want := pairingDump(t, resumed), pairingDump(t, c); got != want {
		t.Errorf("pairs, alignments and links after kills and a rerun:\n%s\nin one clean run:\n%s", got, want)
	}
}

// checkWhole checks a store after a crash: SQLite's integrity and foreign
// key checks pass, and every document is stored whole.
func checkWhole(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok string
	if err := db.SQL().QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q, %v", ok, err)
	}
	rows, err := db.SQL().Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Errorf("foreign_key_check reports violations")
	}
	rows.Close()
	rows, err = db.SQL().Query(`SELECT d.id, d.path,
		(SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.id),
		(SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.id) FROM documents d`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int64
		var p string
		var sents, claims int
		if err := rows.Scan(&id, &p, &sents, &claims); err != nil {
			t.Fatal(err)
		}
		doc, err := corpus.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		side, err := Analyze(doc)
		if err != nil {
			t.Fatal(err)
		}
		if sents != len(side.Sentences) || claims != len(side.Claims) {
			t.Errorf("%s is half-stored: %d sentences and %d claims, a fresh analysis finds %d and %d",
				p, sents, claims, len(side.Sentences), len(side.Claims))
		}
		n++
	}
	if n == 0 {
		t.Errorf("no documents stored")
	}
}
