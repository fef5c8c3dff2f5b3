package corpus

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"figures/corpus/gen"
)

func benchDecode(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	zh := strings.Repeat(hans+"\n", 200)
	tw := strings.Repeat(hant+"\n", 200)
	b.Run("utf-8", func(b *testing.B) { benchDecode(b, []byte(zh)) })
	b.Run("gbk-sniffed", func(b *testing.B) { benchDecode(b, encode(b, simplifiedchinese.GBK, zh)) })
	b.Run("big5-sniffed", func(b *testing.B) { benchDecode(b, encode(b, traditionalchinese.Big5, tw)) })
	page := `<html><head><meta charset="gbk"></head><body><p>` + zh + `</p></body></html>`
	b.Run("gbk-declared", func(b *testing.B) { benchDecode(b, encode(b, simplifiedchinese.GBK, page)) })
}

func BenchmarkReadHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/html/cq_civil.html")
	if err != nil {
		b.Fatal(err)
	}
	text, _, err := Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := readHTML([]byte(text)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	files := []string{"testdata/html/cq_civil.html", "testdata/html/hk_press.html", "testdata/html/en_portal.html"}
	var pages [][]byte
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for i, p := range pages {
			if _, err := Parse(files[i], p); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// generatedFiles returns n files from the corpus generator (no bad ones):
// HTML pages in all three skins, or plain-text bulletins, in every encoding
// and declared charset the generator writes.
func generatedFiles(b *testing.B, n int, htmlOnly bool) ([]gen.File, int64) {
	g, err := gen.New(gen.Config{Seed: 11, HTMLOnly: htmlOnly, TextOnly: !htmlOnly})
	if err != nil {
		b.Fatal(err)
	}
	var files []gen.File
	var size int64
	for len(files) < n {
		for _, f := range g.Next() {
			files = append(files, f)
			size += int64(len(f.Data))
		}
	}
	return files, size
}

// BenchmarkParseGenerated parses 200 generated HTML pages, or 200
// plain-text bulletins, per iteration.
func BenchmarkParseGenerated(b *testing.B) {
	for _, kind := range []string{"html", "text"} {
		b.Run(kind, func(b *testing.B) {
			files, size := generatedFiles(b, 200, kind == "html")
			b.SetBytes(size)
			for b.Loop() {
				for _, f := range files {
					if _, err := Parse(f.Path, f.Data); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
