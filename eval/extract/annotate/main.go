// Command annotate prints every sentence of the given files that holds a
// number, with the claims figures extracts marked inline as
// [text|kind value unit qualifier <context>]. It is a reading aid for
// reviewing the extractor over real bulletins: a digit outside brackets is
// a number the extractor left alone.
//
//	go run -tags sqlite_fts5 ./eval/extract/annotate ../shared/seeds/004_*.txt
package main

import (
	"fmt"
	"os"
	"strings"
	"unicode"

	"figures/corpus"
	"figures/ingest"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: annotate FILE...")
		os.Exit(2)
	}
	for _, path := range os.Args[1:] {
		if err := annotate(path); err != nil {
			fmt.Fprintln(os.Stderr, "annotate:", err)
			os.Exit(1)
		}
	}
}

func annotate(path string) error {
	doc, err := corpus.Load(path)
	if err != nil {
		return err
	}
	side, err := ingest.Analyze(doc)
	if err != nil {
		return fmt.Errorf("analyze %s: %w", path, err)
	}
	fmt.Printf("== %s\n\n", path)
	runes := []rune(doc.Text)
	ci := 0
	for _, s := range side.Sentences {
		var b strings.Builder
		pos := s.Start
		claims := 0
		for ci < len(side.Claims) && side.Claims[ci].Start < s.End {
			c := side.Claims[ci]
			b.WriteString(string(runes[pos:c.Start]))
			v := c.Value
			if c.ValueMax != "" {
				v += ".." + c.ValueMax
			}
			q := ""
			if c.Qualifier != "exact" {
				q = " " + string(c.Qualifier)
			}
			fmt.Fprintf(&b, "[%s|%s %s %s%s <%s>]", c.Text, c.Kind, v, c.Unit, q, c.Context)
			pos = c.End
			ci++
			claims++
		}
		b.WriteString(string(runes[pos:s.End]))
		txt := string(runes[s.Start:s.End])
		if claims > 0 || strings.ContainsFunc(txt, numeral) {
			fmt.Printf("%s %d: %s\n\n", s.Lang, s.Index, b.String())
		}
	}
	return nil
}

func numeral(r rune) bool {
	return unicode.IsDigit(r) || strings.ContainsRune("一二两三四五六七八九十百千万亿半成〇零壹贰叁", r)
}
