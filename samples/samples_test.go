package samples_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"figures/samples"
)

func corpusFiles(t *testing.T) []string {
	t.Helper()
	var names []string
	err := fs.WalkDir(samples.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return names
}

func readUTF8(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(samples.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(name, ".zh.html") {
		if b, err = simplifiedchinese.GBK.NewDecoder().Bytes(b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return string(b)
}

// The issue asks for at least 4 Chinese bulletins with English versions,
// 2 English-only and 1 Chinese-only, one of them a GBK page.
func TestCorpusShape(t *testing.T) {
	names := corpusFiles(t)
	base := map[string][]string{}
	for _, n := range names {
		stem := n[:strings.Index(n, ".")]
		base[stem] = append(base[stem], n)
	}
	pairs, zhOnly, enOnly := 0, 0, 0
	for _, files := range base {
		switch {
		case len(files) == 2:
			pairs++
		case strings.Contains(files[0], ".zh."):
			zhOnly++
		default:
			enOnly++
		}
	}
	if pairs < 4 || enOnly < 2 || zhOnly < 1 {
		t.Errorf("%d pairs, %d English-only, %d Chinese-only; want at least 4, 2, 1", pairs, enOnly, zhOnly)
	}
}

// Each GBK page in corpus/ is exactly its UTF-8 source in src/, encoded.
func TestGBKPagesMatchSources(t *testing.T) {
	srcs, _ := filepath.Glob(filepath.Join("src", "*.html"))
	if len(srcs) == 0 {
		t.Fatal("no sources in src/")
	}
	for _, src := range srcs {
		want, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		gbk, err := fs.ReadFile(samples.FS, filepath.Base(src))
		if err != nil {
			t.Fatalf("%v (run go generate ./samples)", err)
		}
		if bytes.Equal(gbk, want) {
			t.Errorf("%s is not GBK-encoded", src)
		}
		got, err := simplifiedchinese.GBK.NewDecoder().Bytes(gbk)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("corpus/%s differs from %s (run go generate ./samples)", filepath.Base(src), src)
		}
		if !bytes.Contains(want, []byte("charset=gb2312")) && !bytes.Contains(want, []byte(`charset="gb2312"`)) &&
			!bytes.Contains(want, []byte("<meta charset=\"gb2312\">")) {
			t.Errorf("%s does not declare its charset", src)
		}
	}
}

// README.md lists exactly the files in corpus/.
func TestManifestListsEveryFile(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([^`]+)` \\|").FindAllStringSubmatch(string(readme), -1) {
		listed[m[1]] = true
	}
	for _, n := range corpusFiles(t) {
		if !listed[n] {
			t.Errorf("%s is not in the README's file table", n)
		}
		delete(listed, n)
	}
	for n := range listed {
		t.Errorf("README lists %s, which is not in corpus/", n)
	}
}

func TestInjectedErrorsOccur(t *testing.T) {
	errs, err := samples.InjectedErrors()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, e := range errs {
		zh, en := readUTF8(t, e.ZHFile), readUTF8(t, e.ENFile)
		if strings.Count(zh, e.ZH) != 1 {
			t.Errorf("%q occurs %d times in %s, want once", e.ZH, strings.Count(zh, e.ZH), e.ZHFile)
		}
		if strings.Count(en, e.EN) != 1 {
			t.Errorf("%q occurs %d times in %s, want once", e.EN, strings.Count(en, e.EN), e.ENFile)
		}
		kinds[e.Error]++
		switch {
		case strings.Contains(e.ZH, "亿"):
			kinds["亿 as billion"]++
		case strings.Contains(e.ZH, "万"):
			kinds["万 as thousand"]++
		}
	}
	for _, k := range []string{"亿 as billion", "万 as thousand", "digits", "percent_vs_points"} {
		if kinds[k] == 0 {
			t.Errorf("no injected error of kind %s", k)
		}
	}
}

// Every sample is a realistic bulletin: several paragraphs, 10-30 figures.
func TestSamplesAreSubstantial(t *testing.T) {
	num := regexp.MustCompile(`\d[\d,.]*`)
	tag := regexp.MustCompile(`(?s)<(script|style).*?</(script|style)>|<[^>]+>`)
	for _, n := range corpusFiles(t) {
		text := readUTF8(t, n)
		if strings.HasSuffix(n, ".html") {
			body := text
			for _, marker := range []string{`id="zoom"`, `class="article-con"`, `class="content"`, `class="article-body"`} {
				if i := strings.Index(body, marker); i >= 0 {
					body = body[i:]
					if j := strings.Index(body, "</div>"); j >= 0 {
						body = body[:j]
					}
					break
				}
			}
			text = tag.ReplaceAllString(body, "\n")
		}
		paras := 0
		for _, l := range strings.Split(text, "\n") {
			if len(strings.TrimSpace(l)) > 40 {
				paras++
			}
		}
		figs := len(num.FindAllString(text, -1))
		if paras < 4 || figs < 10 || figs > 45 {
			t.Errorf("%s: %d paragraphs, %d numbers; want a realistic bulletin", n, paras, figs)
		}
	}
}
