package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// ErrEmpty is returned for a file with no article text.
var ErrEmpty = errors.New("no text")

// ErrBinary is returned for a file that is not text: an image, an archive,
// a PDF, or bytes full of control characters.
var ErrBinary = errors.New("binary file, not text")

// Load reads and parses the file at path. The error names the file.
func Load(path string) (*Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return Parse(path, data)
}

// Parse decodes data, read from the file named path, into a Document. HTML is
// recognised by the file extension or by its content; for HTML, Text is the
// article body without the page around it. The error names path and wraps
// ErrEmpty, ErrBinary or ErrUndecodable.
func Parse(path string, data []byte) (*Document, error) {
	sum := sha256.Sum256(data)
	doc := &Document{Path: path, Hash: hex.EncodeToString(sum[:])}
	if len(data) == 0 {
		return nil, fmt.Errorf("%s: %w (empty file)", path, ErrEmpty)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: %w (only white space)", path, ErrEmpty)
	}
	decoded, enc, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	doc.Encoding = enc
	var text string
	if isHTML(path, decoded) {
		// The page goes to the parser as bytes, not copied into a
		// string first: only the article's text is kept.
		doc.Format = "html"
		a, err := readHTML(decoded)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		doc.Title, doc.Date, doc.Source = a.Title, a.Date, a.Source
		text = a.Body
	} else {
		doc.Format = "text"
		text = string(decoded)
		var lines []string
		for _, l := range strings.Split(text[:min(len(text), 1<<16)], "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if tail := text[max(0, len(text)-2048):]; len(text) > 1<<16 {
			for _, l := range strings.Split(tail, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, l)
				}
			}
		}
		doc.Title, doc.Date, doc.Source = textMeta(lines)
	}
	doc.Text = text
	doc.Paragraphs = Paragraphs(text)
	if len(doc.Paragraphs) == 0 {
		return nil, fmt.Errorf("%s: %w (no article text found)", path, ErrEmpty)
	}
	doc.Lang = DocumentLang(text, doc.Paragraphs)
	return doc, nil
}

// isHTML reports whether a file is HTML by its name or by the first
// kilobyte of its text.
func isHTML(path string, text []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".shtml", ".xhtml":
		return true
	}
	// ASCII case folding in place of strings.ToLower: no other character
	// lower-cases to a letter of these tags (only İ and the Kelvin sign
	// lower-case to ASCII, to i and k).
	head := bytes.TrimSpace(text[:min(len(text), 1024)])
	return hasPrefixASCIIFold(head, "<!doctype html") || hasPrefixASCIIFold(head, "<html") ||
		indexASCIIFold(head, "<html") >= 0 && indexASCIIFold(head, "<head") >= 0
}

// hasPrefixASCIIFold reports whether s starts with the lower-case ASCII
// prefix, ASCII letters of s in either case.
func hasPrefixASCIIFold(s []byte, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerByte(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}

// indexASCIIFold is strings.Index for a lower-case ASCII word, ASCII
// letters of s in either case.
func indexASCIIFold(s []byte, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		if lowerByte(s[i]) == word[0] && hasPrefixASCIIFold(s[i:], word) {
			return i
		}
	}
	return -1
}

// Paragraphs splits text into its non-blank lines, trimmed of surrounding
// white space, each tagged with its language. A Chinese paragraph with no
// character unique to simplified or traditional Chinese takes the variant
// of the text as a whole.
func Paragraphs(text string) []Paragraph {
	lines := strings.Count(text, "\n") + 1
	out := make([]Paragraph, 0, lines)
	counts := make([]scriptCounts, 0, lines)
	var total scriptCounts
	pos := 0 // code points before line
	for len(text) > 0 {
		line := text
		rest := ""
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, rest = text[:i], text[i+1:]
		}
		// One pass over the line: its length, where its text starts and
		// ends inside the white space around it, and its scripts (the
		// white space adds nothing to those).
		var sc scriptCounter
		n, first, last := 0, -1, -1
		for i, size := 0, 0; i < len(line); i, n = i+size, n+1 {
			if c := line[i]; c < utf8.RuneSelf {
				// ASCII, scriptCounter.add's first case written in.
				size = 1
				if 'a' <= c|0x20 && c|0x20 <= 'z' {
					sc.c.latin++
					sc.run++
				} else {
					sc.add(rune(c))
				}
				if c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v' {
					if first < 0 {
						first = n
					}
					last = n
				}
				continue
			}
			r, ok := cjkAt(line, i)
			if size = 3; !ok {
				r, size = utf8.DecodeRuneInString(line[i:])
			}
			if !paragraphSpace(r) {
				if first < 0 {
					first = n
				}
				last = n
			}
			sc.add(r)
		}
		if first >= 0 {
			c := sc.counts()
			total.add(c)
			counts = append(counts, c)
			out = append(out, Paragraph{Span: Span{pos + first, pos + last + 1}})
		}
		pos += n + 1
		text = rest
		if rest == "" {
			break
		}
	}
	if len(out) == 0 {
		return nil
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

// paragraphSpace is the white space trimmed from paragraphs.
func paragraphSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\f', '\v', '\u3000', '\u00a0', '\ufeff':
		return true
	}
	return false
}
