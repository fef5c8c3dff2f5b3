package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// Bad input through every command: one line naming the file, exit 2 (1 for
// ingest), the rest of the batch still done, and nothing half-written.

// zeros is an endless stream, like /dev/zero on standard input.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestExtractGoesOnAfterABadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	zh := write("zh.txt", []byte("全市发放补贴4.39亿元。\n"))
	en := write("en.txt", []byte("Subsidies of 439 million yuan were paid.\n"))
	png := write("image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))
	empty := write("empty.txt", nil)
	blank := write("blank.txt", []byte(" \u3000\n\t\n"))
	for _, tc := range []struct {
		name string
		args []string
		bad  []string // files the errors name, in order
		want string   // a message they carry
	}{
		{"binary in the middle", []string{zh, png, en}, []string{png}, "binary file"},
		{"missing in the middle", []string{zh, filepath.Join(dir, "nowhere.txt"), en}, []string{"nowhere.txt"}, "no such file"},
		{"directory", []string{zh, dir, en}, []string{dir}, "is a directory"},
		{"empty and blank", []string{empty, zh, blank, en}, []string{empty, blank}, "no text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := cli(t, "", append([]string{"extract"}, tc.args...)...)
			if code != exitUsage {
				t.Errorf("exit %d, want 2", code)
			}
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			if len(lines) != len(tc.bad) {
				t.Fatalf("stderr %q: want one line per bad file", errs)
			}
			for i, l := range lines {
				if !strings.HasPrefix(l, "figures extract: ") || !strings.Contains(l, tc.bad[i]) || !strings.Contains(l, tc.want) {
					t.Errorf("error %q does not name %s with %q", l, tc.bad[i], tc.want)
				}
			}
			if !strings.Contains(out, `"file":"`+zh+`"`) || !strings.Contains(out, `"file":"`+en+`"`) {
				t.Errorf("the good files' claims are missing:\n%s", out)
			}
		})
	}
	if !strings.Contains(func() string { _, _, e := cli(t, "", "extract", blank); return e }(), "only white space") {
		t.Error("a file of white space is not reported as such")
	}
}

// Endless input (/dev/zero, /dev/urandom, a disk image) ends in an error,
// not in the machine running out of memory.
func TestEndlessInput(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), env{io.MultiReader(strings.NewReader("全市"), zeros{}), &out, &errb}, []string{"extract"})
	if code != exitUsage || !strings.Contains(errb.String(), "standard input: too large") {
		t.Errorf("extract < endless: exit %d, stderr %q", code, errb.String())
	}
	oneLine(t, "extract < endless", errb.String())
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	code, _, errs := cli(t, "", "check", "/dev/zero", "/dev/zero")
	if code != exitUsage || !strings.Contains(errs, "/dev/zero: too large") {
		t.Errorf("check /dev/zero: exit %d, stderr %q", code, errs)
	}
	oneLine(t, "check /dev/zero", errs)
}

func TestCheckRefusesWhatIsNotAPair(t *testing.T) {
	dir := t.TempDir()
	if err := copySamples(dir); err != nil {
		t.Fatal(err)
	}
	s := func(name string) string { return filepath.Join(dir, name) }
	zh, en := s("qingyu-elderly-care-2023.zh.txt"), s("qingyu-elderly-care-2023.en.txt")
	otherZH, otherEN := s("yunlan-civil-affairs-2024.zh.txt"), s("tinglan-social-assistance-2024.en.html")
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string // in stderr
		out  string // in stdout
	}{
		{"same file", []string{zh, zh}, 2, "are the same document", ""},
		{"two Chinese", []string{zh, otherZH}, 2, "both read as Chinese (zh-Hans, zh-Hans)", ""},
		{"two English", []string{en, otherEN}, 2, "both read as English", ""},
		{"not a translation", []string{zh, otherEN}, 2, "do not look like an original and its translation: none of the", ""},
		{"not a translation, forced", []string{"--force", zh, otherEN}, -1, "warning: ", "WARNING: "},
		{"English first", []string{en, zh}, 1, "note: " + en + " reads as en and " + zh + " as zh-Hans; checking them the other way round",
			"figures check: " + zh + " (Chinese) against " + en + " (English)"},
		{"the pair", []string{zh, en}, 1, "", "PROBLEMS (2)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := cli(t, "", append([]string{"check"}, tc.args...)...)
			if tc.code >= 0 && code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			if tc.err == "" && errs != "" || !strings.Contains(errs, tc.err) {
				t.Errorf("stderr %q, want %q", errs, tc.err)
			}
			if errs != "" {
				oneLine(t, tc.name, errs)
			}
			if !strings.Contains(out, tc.out) {
				t.Errorf("stdout lacks %q:\n%s", tc.out, out)
			}
			if code == exitUsage && out != "" {
				t.Errorf("a refused check printed a report:\n%s", out)
			}
		})
	}
}

// export -o never replaces what is not a regular file: a device or a named
// pipe is written to, a symbolic link's target is replaced (the link
// stays), a directory is an error.
func TestExportOutputs(t *testing.T) {
	db := populated(t)
	dir := t.TempDir()
	want, err := os.ReadFile(filepath.Join(repoRoot, "store", "export", "testdata", "pairs.csv"))
	if err != nil {
		t.Fatal(err)
	}

	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	if code, _, errs := cli(t, "", "export", "--db", db, "--table", "pairs", "-o", fifo); code != 0 {
		t.Fatalf("export to a FIFO: exit %d, %s", code, errs)
	}
	if b := <-got; !bytes.Equal(b, want) {
		t.Errorf("the FIFO's reader got %q", b)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}

	target := filepath.Join(dir, "real.csv")
	os.WriteFile(target, []byte("old"), 0o644)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cli(t, "", "export", "--db", db, "--table", "pairs", "-o", link); code != 0 {
		t.Fatalf("export to a link: exit %d, %s", code, errs)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(target); !bytes.Equal(b, want) {
		t.Errorf("the link's target holds %q", b)
	}

	code, _, errs := cli(t, "", "export", "--db", db, "--table", "pairs", "-o", dir)
	if code != exitUsage || !strings.Contains(errs, dir+": is a directory") {
		t.Errorf("export to a directory: exit %d, %q", code, errs)
	}
	code, _, errs = cli(t, "", "export", "--db", db, "--table", "pairs", "-o", filepath.Join(dir, "no", "such", "x.csv"))
	if code != exitUsage || !strings.Contains(errs, "x.csv: no such file or directory") || strings.Contains(errs, ".tmp") {
		t.Errorf("export into a missing folder: exit %d, %q", code, errs)
	}
	oneLine(t, "export into a missing folder", errs)
}

func TestIngestFailureLinesAreOneLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad\nname.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	code, _, errs := cli(t, "", "ingest", "--quiet", "--db", filepath.Join(t.TempDir(), "f.db"), dir)
	if code != exitFindings {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
	if len(lines) != 2 {
		t.Errorf("want one line per failed file, got %q", errs)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "figures ingest: ") {
			t.Errorf("line %q", l)
		}
	}
	if !strings.Contains(errs, `bad\nname.txt: binary file`) {
		t.Errorf("the file with a line break in its name is not named: %q", errs)
	}
}

func TestProbeWritable(t *testing.T) {
	path := populated(t)
	rw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if err := probeWritable(context.Background(), rw); err != nil {
		t.Errorf("writable database: %v", err)
	}
	ro, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := probeWritable(context.Background(), ro); err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Errorf("read-only database: %v", err)
	}
	var n int
	rw.QueryRow("SELECT count(*) FROM documents").Scan(&n)
	if n == 0 {
		t.Error("the probe changed the database")
	}
}

// A port in use fails at once, before the search index is built.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	code, _, errs := cli(t, "", "serve", "--db", populated(t), "--addr", ln.Addr().String())
	if code != exitUsage || !strings.Contains(errs, "address already in use") || strings.Contains(errs, "indexed") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	oneLine(t, "serve on a port in use", errs)
}

// No command adds figures' tables to another program's SQLite database, and
// the reading commands refuse an empty file instead of creating a schema in
// it.
func TestForeignDatabase(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "notes?#%.sqlite")
	db, err := sql.Open("sqlite3", "file:"+sqliteURIPath(other))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(other)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	zh := filepath.Join(dir, "zh.txt")
	os.WriteFile(zh, []byte("全市发放补贴4.39亿元。\n"), 0o644)
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{[]string{"export", "--db", other, "--table", "claims"}, "is an SQLite database but not a figures store"},
		{[]string{"ingest", "--quiet", "--db", other, zh}, "is an SQLite database but not a figures store"},
		{[]string{"demo", "--db", other}, "is an SQLite database but not a figures store"},
		{[]string{"serve", "--db", other, "--addr", "127.0.0.1:0"}, "is an SQLite database but not a figures store"},
		{[]string{"export", "--db", empty, "--table", "claims"}, "empty file, not a figures store"},
		{[]string{"serve", "--db", empty, "--addr", "127.0.0.1:0"}, "empty file, not a figures store"},
	} {
		code, _, errs := cli(t, "", tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.err) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errs)
		}
		oneLine(t, strings.Join(tc.args, " "), errs)
	}
	if after, _ := os.ReadFile(other); !bytes.Equal(before, after) {
		t.Error("the other program's database was changed")
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Error("the empty file was given a schema")
	}
	// Ingesting into an empty file makes it a figures database.
	if code, _, errs := cli(t, "", "ingest", "--quiet", "--db", empty, zh); code != 0 {
		t.Errorf("ingest into an empty file: exit %d, %s", code, errs)
	}
}

// A database that cannot be created is explained: SQLite alone says "no
// such file or directory" whatever the cause.
func TestDatabaseCannotBeCreated(t *testing.T) {
	dir := t.TempDir()
	zh := filepath.Join(dir, "zh.txt")
	os.WriteFile(zh, []byte("全市发放补贴4.39亿元。\n"), 0o644)
	missing := filepath.Join(dir, "no", "such")
	for _, args := range [][]string{
		{"ingest", "--db", filepath.Join(missing, "f.db"), zh},
		{"demo", "--db", filepath.Join(missing, "f.db")},
	} {
		code, _, errs := cli(t, "", args...)
		if code != exitUsage || !strings.Contains(errs, "cannot create "+filepath.Join(missing, "f.db")+": folder "+missing+": no such file or directory") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
		oneLine(t, args[0], errs)
	}
}
