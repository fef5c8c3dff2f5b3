package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"figures/corpus/gen"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenSeeds and goldenStories fix the generated corpus the golden file
// records: a few hundred files from several seeds, in every encoding, skin,
// declared (or lying) charset and plain-text layout the generator has, bad
// files included.
var goldenSeeds = []uint64{1, 2, 3, 4}

const goldenStories = 70

// goldenFile is one input of TestParseGolden.
type goldenFile struct {
	path string
	data []byte
}

// goldenFiles returns the generated files, each followed now and then by a
// variant cut short at an arbitrary byte: a page broken mid-tag, or
// mid-character in a multi-byte encoding, takes the decoder's and the HTML
// reader's less travelled paths.
func goldenFiles(t testing.TB) []goldenFile {
	t.Helper()
	var out []goldenFile
	for _, seed := range goldenSeeds {
		g, err := gen.New(gen.Config{Seed: seed, ErrorRate: 0.05, BadRate: 0.03})
		if err != nil {
			t.Fatal(err)
		}
		for i := range goldenStories {
			for j, f := range g.Next() {
				out = append(out, goldenFile{f.Path, f.Data})
				if (i+j)%4 == 0 && len(f.Data) > 64 {
					cut := len(f.Data) * (48 + 15*(i%4)) / 100
					out = append(out, goldenFile{f.Path + fmt.Sprintf("#cut%d", cut), f.Data[:cut]})
				}
			}
		}
	}
	return out
}

// goldenDoc is what the golden file records of one Document: everything
// but the hash of the input (which the generator's bytes fix anyway).
type goldenDoc struct {
	Path       string `json:"path"`
	Err        string `json:"err,omitempty"`
	Format     string `json:"format,omitempty"`
	Encoding   string `json:"encoding,omitempty"`
	Lang       Lang   `json:"lang,omitempty"`
	Title      string `json:"title,omitempty"`
	Date       string `json:"date,omitempty"`
	Source     string `json:"source,omitempty"`
	Paragraphs string `json:"paragraphs,omitempty"` // start-end:lang, space-separated
	Text       string `json:"text,omitempty"`
}

func golden(path string, data []byte) goldenDoc {
	doc, err := Parse(path, data)
	if err != nil {
		return goldenDoc{Path: path, Err: err.Error()}
	}
	var ps []string
	for _, p := range doc.Paragraphs {
		ps = append(ps, fmt.Sprintf("%d-%d:%s", p.Start, p.End, p.Lang))
	}
	return goldenDoc{
		Path: path, Format: doc.Format, Encoding: doc.Encoding, Lang: doc.Lang,
		Title: doc.Title, Date: doc.Date, Source: doc.Source,
		Paragraphs: strings.Join(ps, " "), Text: doc.Text,
	}
}

// TestParseGolden parses a few hundred generated pages and plain-text
// bulletins and compares every field Parse reads with
// testdata/generated.golden, one JSON line a file. The file was recorded
// before the reader was optimised: any change of output, however small,
// shows up here. Rewrite it with -update only for an intended change.
func TestParseGolden(t *testing.T) {
	files := goldenFiles(t)
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetEscapeHTML(false)
	for _, f := range files {
		if err := enc.Encode(golden(f.path, f.data)); err != nil {
			t.Fatal(err)
		}
	}
	compareGolden(t, "testdata/generated.golden", got.Bytes())
}

// TestParseSharedGolden is TestParseGolden for the real bulletins and
// parallel documents under ../shared. Their text must not be copied into
// the project, so the golden file holds only a hash of each Document,
// keyed by the hash of the file it was read from; files not recorded
// there (added later) are left out.
func TestParseSharedGolden(t *testing.T) {
	var paths []string
	for _, dir := range []string{"../../shared/seeds", "../../shared/parallel"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasSuffix(p, "README.md") {
				paths = append(paths, p)
			}
			return nil
		})
	}
	if len(paths) == 0 {
		t.Skip("../shared/seeds and ../shared/parallel are absent: no real bulletins to read")
	}
	const file = "testdata/shared.golden"
	want := map[string]string{}
	if !*update {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test -update to record it)", err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if k, v, ok := strings.Cut(l, " "); ok {
				want[k] = v
			}
		}
	}
	var lines []string
	checked := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		in := sha256.Sum256(data)
		key := hex.EncodeToString(in[:])
		js, err := json.Marshal(golden(filepath.Base(p), data))
		if err != nil {
			t.Fatal(err)
		}
		out := sha256.Sum256(js)
		sum := hex.EncodeToString(out[:])
		lines = append(lines, key+" "+sum)
		if w, ok := want[key]; ok {
			checked++
			if w != sum {
				t.Errorf("%s: the Document read differs from the one recorded", p)
			}
		}
	}
	if *update {
		if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Logf("%d of %d shared files checked against %s", checked, len(paths), file)
}

func compareGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to record it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	shown := 0
	for i := 0; i < max(len(gl), len(wl)) && shown < 5; i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Errorf("%s line %d:\n got %s\nwant %s", file, i+1, g, w)
			shown++
		}
	}
	if shown == 0 {
		t.Errorf("%s differs", file)
	}
}
