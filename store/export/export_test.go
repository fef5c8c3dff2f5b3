package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"figures/store"
	"figures/store/export"
	"figures/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files and the generated part of docs/export.md")

func fixture(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "figures.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := storetest.Populate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./store/export -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./store/export -update rewrites it):\n%s", name, got)
	}
}

func TestGolden(t *testing.T) {
	db := fixture(t)
	for _, table := range export.Names() {
		for _, f := range export.Formats() {
			t.Run(table+"."+string(f), func(t *testing.T) {
				var buf bytes.Buffer
				n, err := export.Write(context.Background(), db.SQL(), table, f, &buf, export.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if n == 0 {
					t.Errorf("no rows: the fixture should fill every table")
				}
				golden(t, table+"."+string(f), buf.Bytes())
			})
		}
	}
}

// CSV and JSONL carry the same values, and the column lists are the ones
// documented: a CSV reader gets back exactly what JSONL says.
func TestCSVMatchesJSONL(t *testing.T) {
	db := fixture(t)
	ctx := context.Background()
	for _, tab := range export.Tables() {
		var c, j bytes.Buffer
		if _, err := export.Write(ctx, db.SQL(), tab.Name, export.CSV, &c, export.Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := export.Write(ctx, db.SQL(), tab.Name, export.JSONL, &j, export.Options{}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&c).ReadAll()
		if err != nil {
			t.Fatalf("%s: CSV does not parse: %v", tab.Name, err)
		}
		for i, col := range tab.Columns {
			if recs[0][i] != col.Name {
				t.Errorf("%s: CSV header column %d = %q, want %q", tab.Name, i, recs[0][i], col.Name)
			}
		}
		lines := strings.Split(strings.TrimSuffix(j.String(), "\n"), "\n")
		if len(lines) != len(recs)-1 {
			t.Fatalf("%s: %d JSONL rows, %d CSV rows", tab.Name, len(lines), len(recs)-1)
		}
		for r, line := range lines {
			dec := json.NewDecoder(strings.NewReader(line))
			dec.UseNumber()
			var obj map[string]any
			if err := dec.Decode(&obj); err != nil {
				t.Fatalf("%s row %d: %v", tab.Name, r, err)
			}
			if len(obj) != len(tab.Columns) {
				t.Errorf("%s row %d: %d keys, want %d", tab.Name, r, len(obj), len(tab.Columns))
			}
			for i, col := range tab.Columns {
				v, ok := obj[col.Name]
				if !ok {
					t.Errorf("%s row %d: no %s", tab.Name, r, col.Name)
					continue
				}
				want := ""
				switch x := v.(type) {
				case nil:
					if col.Null == "" {
						t.Errorf("%s row %d: %s is null but documented as never null", tab.Name, r, col.Name)
					}
				case string:
					want = x
					if col.Type == export.Integer || col.Type == export.Real {
						t.Errorf("%s row %d: %s is a string, want a number", tab.Name, r, col.Name)
					}
				case json.Number:
					want = x.String()
					if col.Type == export.Text || col.Type == export.Decimal {
						t.Errorf("%s row %d: %s is a number, want a string", tab.Name, r, col.Name)
					}
				}
				if got := recs[r+1][i]; got != want {
					t.Errorf("%s row %d %s: CSV %q, JSONL %q", tab.Name, r, col.Name, got, want)
				}
			}
		}
	}
}

// A line break inside a field stays a bare LF (records end in CRLF), so the
// exported document text keeps its offsets.
func TestCSVKeepsTextExact(t *testing.T) {
	db := fixture(t)
	var buf bytes.Buffer
	if _, err := export.Write(context.Background(), db.SQL(), "documents", export.CSV, &buf, export.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "4.39亿元。全市建成社区养老服务站3132个，培育社会工作者6.6万人。\n社会化运营率") {
		t.Error("the LF between paragraphs was not kept as it is")
	}
	if !strings.HasSuffix(buf.String(), "\r\n") || !strings.HasPrefix(buf.String(), "doc_id,path,") {
		t.Errorf("want a header and CRLF record ends; got %.80q", buf.String())
	}
	r := csv.NewReader(&buf)
	recs, _ := r.ReadAll()
	if got := recs[1][len(recs[1])-1]; got != storetest.ZHText {
		t.Errorf("text read back = %q, want %q", got, storetest.ZHText)
	}
}

func TestBOM(t *testing.T) {
	db := fixture(t)
	var buf bytes.Buffer
	if _, err := export.Write(context.Background(), db.SQL(), "errors", export.CSV, &buf, export.Options{BOM: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "\ufefferror_id,") {
		t.Errorf("no BOM: %.20q", buf.String())
	}
}

func TestWriteErrors(t *testing.T) {
	db := fixture(t)
	var buf bytes.Buffer
	if _, err := export.Write(context.Background(), db.SQL(), "nope", export.CSV, &buf, export.Options{}); err == nil ||
		!strings.Contains(err.Error(), "documents, sentences, claims") {
		t.Errorf("unknown table: %v", err)
	}
	if _, err := export.Write(context.Background(), db.SQL(), "claims", "xml", &buf, export.Options{}); err == nil {
		t.Error("unknown format accepted")
	}
}

// docs/export.md carries the generated column reference between markers.
func TestDocsUpToDate(t *testing.T) {
	const begin = "<!-- BEGIN generated: go test ./store/export -update -->\n"
	const end = "<!-- END generated -->"
	path := filepath.Join("..", "..", "docs", "export.md")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the generated-section markers", path)
	}
	want := s[:i+len(begin)] + "\n" + export.Reference() + s[j:]
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if s != want {
		t.Errorf("%s is out of date with the export tables; run go test ./store/export -update", path)
	}
}
