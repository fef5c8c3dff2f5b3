package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func addPages(f *testing.F) {
	files, _ := filepath.Glob("testdata/html/*.htm*")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("<html><body><div id=zoom><p>增长3.9%<br>下降1.2个百分点</div></body>"))
	f.Add([]byte("<p><p><table><td>1<td>2</table><pre>a\n b</pre><div><div><div>"))
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"))
}

// FuzzDecode: no panic, valid UTF-8 out, and a known error when not.
func FuzzDecode(f *testing.F) {
	addPages(f)
	f.Add([]byte(hans))
	f.Add([]byte("\xef\xbb\xbf\xe4\xb8"))
	f.Add([]byte("\xfe\xff\xd8\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, enc, err := Decode(data)
		if err != nil {
			if !errors.Is(err, ErrBinary) && !errors.Is(err, ErrUndecodable) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if enc == "" {
			t.Fatal("no encoding named")
		}
		if !utf8.ValidString(text) {
			t.Fatalf("decoded text is not valid UTF-8: %q", text)
		}
	})
}

// FuzzParseHTML: no panic on any page, and paragraph spans that index the
// text as every later stage expects.
func FuzzParseHTML(f *testing.F) {
	addPages(f)
	// Deeper than the HTML parser's limit: read again flattened.
	f.Add([]byte(strings.Repeat("<table><tr><td>", 200) + "<p>增长3.2%。</p><p>惠及50.25万人。"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse("fuzz.html", data)
		if err != nil {
			return
		}
		checkSpans(t, doc)
	})
}

// FuzzParseText is FuzzParseHTML for plain text.
func FuzzParseText(f *testing.F) {
	f.Add([]byte(hans + "\n\n  " + en + "\r\n\u3000\u3000" + hant))
	f.Add([]byte("\n\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse("fuzz.txt", data)
		if err != nil {
			return
		}
		checkSpans(t, doc)
	})
}
