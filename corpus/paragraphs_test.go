package corpus

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceParagraphs is Paragraphs as it was before it read each line in
// one pass; FuzzParagraphs holds the two to the same answers.
func referenceParagraphs(text string) []Paragraph {
	var out []Paragraph
	var counts []scriptCounts
	var total scriptCounts
	pos := 0 // code points before line
	for len(text) > 0 {
		line := text
		rest := ""
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, rest = text[:i], text[i+1:]
		}
		n := utf8.RuneCountInString(line)
		left := strings.TrimLeft(line, " \t\r\f\v\u3000\u00a0\ufeff")
		lead := n - utf8.RuneCountInString(left)
		trimmed := strings.TrimRight(left, " \t\r\f\v\u3000\u00a0\ufeff")
		if trimmed != "" {
			start := pos + lead
			end := start + utf8.RuneCountInString(trimmed)
			c := countScripts(trimmed)
			total.add(c)
			counts = append(counts, c)
			out = append(out, Paragraph{Span: Span{start, end}})
		}
		pos += n + 1
		text = rest
		if rest == "" {
			break
		}
	}
	variant := ZhHans
	if total.trad > total.simp {
		variant = ZhHant
	}
	for i := range out {
		out[i].Lang = counts[i].lang(variant)
	}
	return out
}

// referenceCountScripts is countScripts as it was.
func referenceCountScripts(s string) scriptCounts {
	var c scriptCounts
	run := 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				c.latin++
				run++
				continue
			}
			if run >= 2 {
				c.englishWord++
			}
			run = 0
			continue
		}
		if run >= 2 {
			c.englishWord++
		}
		run = 0
		if isHan(r) {
			c.han++
			switch f := hanClass(r); {
			case f&hanSimplified != 0:
				c.simp++
			case f&hanTraditional != 0:
				c.trad++
			}
		}
	}
	if run >= 2 {
		c.englishWord++
	}
	return c
}

func FuzzParagraphs(f *testing.F) {
	f.Add(hans + "\n\n  " + en + "\r\n\u3000\u3000" + hant)
	f.Add("\ufeff  a\n\u00a0\n\xff\xfe x \v")
	f.Add("\n\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Paragraphs(s), referenceParagraphs(s); !reflect.DeepEqual(got, want) {
			t.Errorf("Paragraphs(%q) = %v, want %v", s, got, want)
		}
		if got, want := countScripts(s), referenceCountScripts(s); got != want {
			t.Errorf("countScripts(%q) = %+v, want %+v", s, got, want)
		}
	})
}

// referenceIsHTML is isHTML as it was, with strings.ToLower.
func referenceIsHTML(text string) bool {
	head := strings.ToLower(strings.TrimSpace(text[:min(len(text), 1024)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.Contains(head, "<html") && strings.Contains(head, "<head")
}

func FuzzIsHTML(f *testing.F) {
	f.Add("<!DOCTYPE HTML><p>")
	f.Add("  <HtMl><HEAD>")
	f.Add("x <html> \u0130 <head>")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isHTML("x.txt", []byte(s)), referenceIsHTML(s); got != want {
			t.Errorf("isHTML(%q) = %v, want %v", s, got, want)
		}
	})
}
