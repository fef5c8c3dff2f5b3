package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"figures/corpus"
	"figures/store"
)

// Provenance, end to end: every sentence and every claim that figures
// prints or stores is the code-point slice [start, end) of the decoded
// document text, whatever the input's encoding, width or markup.

// inputDocs loads every path as figures reads it.
func inputDocs(t *testing.T, paths []string) map[string]*corpus.Document {
	t.Helper()
	docs := map[string]*corpus.Document{}
	for _, p := range paths {
		d, err := corpus.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		docs[p] = d
	}
	return docs
}

func TestProvenanceExtract(t *testing.T) {
	samplesDir := t.TempDir()
	if err := copySamples(samplesDir); err != nil {
		t.Fatal(err)
	}
	sampleFiles, _ := filepath.Glob(filepath.Join(samplesDir, "*"))
	sets := map[string][]string{"samples": sampleFiles, "encodings": encodedFiles(t)}
	if seeds, _ := filepath.Glob(filepath.Join(repoRoot, "..", "shared", "seeds", "*.txt")); len(seeds) > 0 {
		sets["seeds"] = seeds
	} else {
		t.Log("../shared/seeds is absent: only the samples are checked")
	}
	for name, files := range sets {
		t.Run(name, func(t *testing.T) {
			docs := inputDocs(t, files)
			code, out, errs := cli(t, "", append([]string{"extract"}, files...)...)
			if code != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			recs := checkRecords(t, out, docs)
			per := map[string]int{}
			values := map[string]string{}
			for _, r := range recs {
				per[r["file"].(string)]++
				values[r["file"].(string)] += " " + r["value"].(string)
			}
			if name == "encodings" {
				for _, f := range files {
					if values[f] != " 213 45000 83.5 439000000" {
						t.Errorf("%s: values%s, want 213 45000 83.5 439000000", filepath.Base(f), values[f])
					}
				}
			}
			for _, f := range files {
				if per[f] == 0 {
					t.Errorf("%s: no claims", filepath.Base(f))
				}
			}
		})
	}
}

// encodedFiles writes one bulletin in Big5, GB18030, UTF-16 with a BOM and
// UTF-8 with a BOM, with full-width figures, as text and as HTML.
func encodedFiles(t *testing.T) []string {
	t.Helper()
	const hans = "全市共有养老机构２１３家，床位4.5万张，入住率达８３．５％。\n2023年发放补贴4.39亿元。\n"
	const hant = "全市共有養老機構２１３家，床位4.5萬張，入住率達８３．５％。\n2023年發放補貼4.39億元。\n"
	page := func(charset, body string) string {
		return "<html><head><meta charset=\"" + charset + "\"><title>公報</title></head><body><nav>首頁 | 新聞</nav><div class=\"article\"><p>" +
			strings.ReplaceAll(strings.TrimSpace(body), "\n", "</p><p>") + "</p></div><div class=\"footer\">版權所有</div></body></html>"
	}
	dir := t.TempDir()
	var files []string
	for _, f := range []struct {
		name string
		enc  encoding.Encoding
		text string
	}{
		{"big5.txt", traditionalchinese.Big5, hant},
		{"big5.html", traditionalchinese.Big5, page("big5", hant)},
		{"gb18030.html", simplifiedchinese.GB18030, page("gb18030", hans)},
		{"gbk-undeclared.html", simplifiedchinese.GBK, page("utf-8", hans)},
		{"utf16.txt", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), hans},
		{"utf8bom.txt", unicode.UTF8BOM, hans},
	} {
		b, err := f.enc.NewEncoder().Bytes([]byte(f.text))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, f.name)
		os.WriteFile(p, b, 0o644)
		files = append(files, p)
	}
	return files
}

// checkReport is the part of `figures check --format json` that carries
// offsets.
type checkReport struct {
	ZH, EN struct {
		File      string
		Sentences []struct {
			Start, End int
			Text       string
		}
	}
	Links []struct {
		ZH, EN *claimRecord
	}
	Dropped, Added []claimRecord
}

// The check report's sentences and claims point into each document's text.
func TestProvenanceCheck(t *testing.T) {
	dir := t.TempDir()
	if err := copySamples(dir); err != nil {
		t.Fatal(err)
	}
	pairs := [][2]string{
		{filepath.Join(dir, "tinglan-social-assistance-2024.zh.html"), filepath.Join(dir, "tinglan-social-assistance-2024.en.html")},
		{filepath.Join(dir, "qingyu-elderly-care-2023.zh.txt"), filepath.Join(dir, "qingyu-elderly-care-2023.en.txt")},
	}
	if seeds, _ := filepath.Glob(filepath.Join(repoRoot, "..", "shared", "seeds", "00[02]_*.txt")); len(seeds) == 2 {
		pairs = append(pairs, [2]string{seeds[1], seeds[0]})
	}
	for _, p := range pairs {
		t.Run(filepath.Base(p[0]), func(t *testing.T) {
			docs := inputDocs(t, p[:])
			code, out, errs := cli(t, "", "check", "--format", "json", p[0], p[1])
			if code > 1 || errs != "" {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			var r checkReport
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			for _, side := range []struct {
				file  string
				sents []struct {
					Start, End int
					Text       string
				}
			}{{r.ZH.File, r.ZH.Sentences}, {r.EN.File, r.EN.Sentences}} {
				runes := []rune(docs[side.file].Text)
				if len(side.sents) == 0 {
					t.Errorf("%s: no sentences", side.file)
				}
				for i, s := range side.sents {
					if s.Start < 0 || s.End > len(runes) || s.Start >= s.End || string(runes[s.Start:s.End]) != s.Text {
						t.Errorf("%s sentence %d: %q is not the text's [%d:%d]", side.file, i, s.Text, s.Start, s.End)
					}
				}
			}
			var claims []claimRecord
			for _, l := range r.Links {
				claims = append(claims, *l.ZH, *l.EN)
			}
			claims = append(append(claims, r.Dropped...), r.Added...)
			if len(claims) == 0 {
				t.Fatal("no claims in the report")
			}
			for _, c := range claims {
				runes := []rune(docs[c.File].Text)
				if c.Start < 0 || c.End > len(runes) || c.Start >= c.End || string(runes[c.Start:c.End]) != c.Text {
					t.Errorf("%s: claim %q is not the text's [%d:%d]", c.File, c.Text, c.Start, c.End)
				}
			}
		})
	}
}

// In the demo database, every paragraph, sentence and claim is a slice of
// documents.text.
func TestProvenanceStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errs := cli(t, "", "demo", "--db", path); code != 0 {
		t.Fatalf("demo: exit %d, %s", code, errs)
	}
	db, err := store.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	texts := map[int64][]rune{}
	rows, err := db.SQL().Query("SELECT id, text FROM documents")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			t.Fatal(err)
		}
		texts[id] = []rune(text)
	}
	rows.Close()
	if len(texts) != 11 {
		t.Fatalf("%d documents, want the 11 samples", len(texts))
	}
	for _, q := range []struct{ what, sql string }{
		{"sentence", `SELECT doc_id, start, "end", text FROM sentences`},
		{"claim", `SELECT doc_id, start, "end", text FROM claims`},
		{"paragraph", `SELECT doc_id, start, "end", NULL FROM paragraphs`},
	} {
		rows, err := db.SQL().QueryContext(context.Background(), q.sql)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var doc int64
			var start, end int
			var text *string
			if err := rows.Scan(&doc, &start, &end, &text); err != nil {
				t.Fatal(err)
			}
			n++
			runes := texts[doc]
			if start < 0 || end > len(runes) || start >= end {
				t.Errorf("document %d: %s [%d:%d] outside its text (%d code points)", doc, q.what, start, end, len(runes))
				continue
			}
			if text != nil && string(runes[start:end]) != *text {
				t.Errorf("document %d: %s %q is not the text's [%d:%d] %q", doc, q.what, *text, start, end, string(runes[start:end]))
			}
		}
		rows.Close()
		if n == 0 {
			t.Errorf("no %ss stored", q.what)
		}
	}
}

// Full-width digits keep their offsets on the original characters, and
// values are exact decimals, however many digits they carry.
func TestProvenanceWidthAndExactValues(t *testing.T) {
	const zh = "全市城市社区养老服务设施３１３２个，社会化运营率达８３．５％。\n" +
		"发放补贴4.39亿元，惠及1.005万人，累计投入12.345678亿元。\n" +
		"其中0.1亿元用于培训，0.2亿元用于设备，增长0.3%。\n" +
		"账户余额9007199254740993元，折合1.23456789012345678万人次。\n"
	const en = "Subsidies of 4.39 billion yuan reached 1.005 million people, and 12.345678 billion yuan was invested.\n" +
		"Of this, 0.1 million yuan went to training and 0.3 percent more to equipment.\n"
	dir := t.TempDir()
	zhPath := filepath.Join(dir, "zh.txt")
	enPath := filepath.Join(dir, "en.txt")
	os.WriteFile(zhPath, []byte(zh), 0o644)
	os.WriteFile(enPath, []byte(en), 0o644)
	docs := inputDocs(t, []string{zhPath, enPath})
	code, out, errs := cli(t, "", "extract", zhPath, enPath)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	got := map[string]string{}
	for _, r := range checkRecords(t, out, docs) {
		got[r["text"].(string)] = r["value"].(string)
	}
	for _, c := range []struct{ text, value string }{
		{"３１３２个", "3132"},
		{"８３．５％", "83.5"},
		{"4.39亿元", "439000000"},
		{"1.005万人", "10050"},
		{"12.345678亿元", "1234567800"},
		{"0.1亿元", "10000000"},
		{"0.2亿元", "20000000"},
		{"0.3%", "0.3"},
		{"9007199254740993元", "9007199254740993"}, // 2^53+1: not a float64
		{"1.23456789012345678万人次", "12345.6789012345678"},
		{"4.39 billion yuan", "4390000000"},
		{"1.005 million", "1005000"},
		{"12.345678 billion yuan", "12345678000"},
		{"0.1 million yuan", "100000"},
		{"0.3 percent", "0.3"},
	} {
		v, ok := got[c.text]
		switch {
		case !ok:
			t.Errorf("%s: not a claim (claims: %v)", c.text, got)
		case v != c.value:
			t.Errorf("%s: value %s, want %s", c.text, v, c.value)
		}
	}
	// The full-width claims sit on the full-width characters themselves.
	runes := []rune(docs[zhPath].Text)
	for _, w := range []string{"３１３２个", "８３．５％"} {
		i := strings.Index(zh, w)
		start := len([]rune(zh[:i]))
		if string(runes[start:start+len([]rune(w))]) != w {
			t.Fatalf("test text: %s not at %d", w, start)
		}
		if !strings.Contains(out, `"text":"`+w+`","start":`+itoa(start)+`,"end":`+itoa(start+len([]rune(w)))) {
			t.Errorf("%s: not reported at [%d:%d]:\n%s", w, start, start+len([]rune(w)), out)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
