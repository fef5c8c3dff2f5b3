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

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// ErrEmpty is returned for a file with no article text.
var ErrEmpty = errors.New("no text")

// ErrBinary is returned for a file that is not text in any supported encoding.
var ErrBinary = errors.New("binary or undecodable content")

// Load reads and parses the file at path. The error names the file.
func Load(path string) (*Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return Parse(path, data)
}

// Parse decodes data, read from the file named path, into a Document. HTML is
// recognised by the file extension or by its content. The error names path.
func Parse(path string, data []byte) (*Document, error) {
	sum := sha256.Sum256(data)
	doc := &Document{Path: path, Hash: hex.EncodeToString(sum[:])}
	text, enc, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	doc.Encoding = enc
	if isHTML(path, text) {
		doc.Format = "html"
		gq, err := goquery.NewDocumentFromReader(strings.NewReader(text))
		if err != nil {
			return nil, fmt.Errorf("%s: parse html: %w", path, err)
		}
		doc.Title = strings.TrimSpace(gq.Find("title").First().Text())
		gq.Find("script, style, nav, header, footer").Remove()
		var paras []string
		gq.Find("p").Each(func(_ int, s *goquery.Selection) {
			if t := strings.TrimSpace(s.Text()); t != "" {
				paras = append(paras, t)
			}
		})
		text = strings.Join(paras, "\n")
	} else {
		doc.Format = "text"
	}
	doc.Text = text
	doc.Paragraphs = Paragraphs(text)
	if len(doc.Paragraphs) == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrEmpty)
	}
	doc.Lang = DocumentLang(text, doc.Paragraphs)
	return doc, nil
}

func isHTML(path, text string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return true
	}
	head := strings.ToLower(text[:min(len(text), 512)])
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html")
}

func decode(data []byte) (string, string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", ErrBinary
	}
	if utf8.Valid(data) {
		return string(data), "utf-8", nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", ErrBinary
	}
	return string(out), "gb18030", nil
}

// Paragraphs splits text into its non-blank lines, trimmed of surrounding
// white space, each tagged with its language.
func Paragraphs(text string) []Paragraph {
	var out []Paragraph
	pos := 0 // code points before line
	for len(text) > 0 {
		line := text
		rest := ""
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, rest = text[:i], text[i+1:]
		}
		n := utf8.RuneCountInString(line)
		lead := utf8.RuneCountInString(line) - utf8.RuneCountInString(strings.TrimLeft(line, " \t\r\u3000\u00a0"))
		trimmed := strings.TrimSpace(strings.Trim(line, " \t\r\u3000\u00a0"))
		if trimmed != "" {
			start := pos + lead
			end := start + utf8.RuneCountInString(trimmed)
			out = append(out, Paragraph{Span: Span{start, end}, Lang: TextLang(trimmed)})
		}
		pos += n + 1
		text = rest
		if rest == "" {
			break
		}
	}
	return out
}
