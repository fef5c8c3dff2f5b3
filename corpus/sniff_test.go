package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// referenceSniff is sniff as it was before it gave up on candidates that
// could no longer win and kept the winner's decoding: every candidate
// decoded and scored whole, then the winner decoded again.
func referenceSniff(data []byte) (string, string, error) {
	sample := data
	if len(sample) > sniffLimit {
		sample = sample[:sniffLimit]
		// Do not cut a multi-byte character in two: back up to an ASCII byte.
		for i := len(sample) - 1; i > len(sample)-8 && i > 0; i-- {
			if sample[i] < 0x80 {
				sample = sample[:i+1]
				break
			}
		}
	}
	best, bestScore := -1, textScore{}
	for i, c := range candidates {
		var s textScore
		if c.enc == nil {
			s = score(sample)
		} else {
			out, err := c.enc.NewDecoder().Bytes(sample)
			if err != nil {
				continue
			}
			s = score(out)
		}
		s.total += c.bias
		if best < 0 || s.total > bestScore.total {
			best, bestScore = i, s
		}
	}
	if best < 0 || !bestScore.plausible() {
		return "", "", ErrUndecodable
	}
	c := candidates[best]
	if c.enc == nil {
		return toValid(string(data)), c.name, nil
	}
	name := c.name
	out, err := c.enc.NewDecoder().Bytes(data)
	if c.name == "gbk" {
		// GB18030 extends GBK with four-byte sequences; use it when GBK
		// alone leaves characters undecoded.
		if g, gerr := simplifiedchinese.GB18030.NewDecoder().Bytes(data); gerr == nil &&
			strings.Count(string(g), "\ufffd") < strings.Count(string(out), "\ufffd") {
			out, err, name = g, nil, "gb18030"
		}
	}
	if err != nil {
		return "", "", fmt.Errorf("%w: %v", ErrUndecodable, err)
	}
	return toValid(string(out)), name, nil
}

func checkSniff(t *testing.T, data []byte) {
	t.Helper()
	out, enc, err := sniff(data)
	text := string(out)
	wtext, wenc, werr := referenceSniff(data)
	if text != wtext || enc != wenc || !errors.Is(err, werr) && (err == nil || werr == nil || err.Error() != werr.Error()) {
		t.Errorf("sniff(%q) = %q, %q, %v; before: %q, %q, %v", data, text, enc, err, wtext, wenc, werr)
	}
}

func TestSniffAsBefore(t *testing.T) {
	long := strings.Repeat(hans, 400) // long enough for several chunks
	for _, data := range [][]byte{
		encode(t, simplifiedchinese.GBK, hans),
		encode(t, simplifiedchinese.GBK, long),
		encode(t, simplifiedchinese.GB18030, long+"副局长李𫖯"),
		encode(t, traditionalchinese.Big5, strings.Repeat(hant, 300)),
		append(encode(t, simplifiedchinese.GBK, long), "\xff\xfe"...),
		[]byte("caf\xe9 " + strings.Repeat("r\xe9sum\xe9 ", 3000)),
		randomHigh(40000),
		append([]byte(long), 0xff),
		// Over sniffLimit: the sample is scored, the whole file decoded.
		encode(t, simplifiedchinese.GBK, strings.Repeat(hans, 12000)),
	} {
		checkSniff(t, data)
	}
}

func FuzzSniff(f *testing.F) {
	f.Add(encode(f, simplifiedchinese.GBK, hans))
	f.Add(encode(f, traditionalchinese.Big5, hant))
	f.Add([]byte("caf\xe9"))
	f.Fuzz(func(t *testing.T, data []byte) { checkSniff(t, data) })
}

// referenceScore is score as it was, rune by rune with
// utf8.DecodeRuneInString.
func referenceScore(text string) textScore {
	var s textScore
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				s.ascii++
			}
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v' || r == 0x7f {
				s.bad++
				s.total -= 4
			}
			continue
		}
		s.runes++
		switch {
		case r == utf8.RuneError:
			s.bad++
			s.total -= 8
		case r <= 0x9f: // C1 controls
			s.bad++
			s.total -= 4
		case isHan(r):
			s.han++
			if hanClass(r)&hanCommon != 0 {
				s.common++
				s.total += 2
			} else {
				s.total-- // a rare character: fine now and then, suspicious en masse
			}
		case r >= 0x3000 && r <= 0x303f, r >= 0xff01 && r <= 0xff5e, r >= 0x2010 && r <= 0x2027:
			s.total++ // CJK, full-width and general punctuation
		case r >= 0xe000 && r <= 0xf8ff, r >= 0x3040 && r <= 0x30ff, r >= 0xac00 && r <= 0xd7af,
			r >= 0x0370 && r <= 0x04ff, r >= 0x2500 && r <= 0x257f, r >= 0x3100 && r <= 0x312f:
			// Private use, kana, hangul, Greek, Cyrillic, box drawing,
			// bopomofo: what a wrong Chinese decoding produces.
			s.implausible++
			s.total -= 2
		case r <= 0xff:
			// Latin-1 letters and signs: neutral.
		default:
			s.total--
		}
	}
	return s
}

func FuzzScore(f *testing.F) {
	f.Add([]byte(hans + hant + en))
	f.Add([]byte("\xe4\xb8\xad\xe4\xb8\xe0\xa0\x80\xed\xa0\x80\xec\x80\x80\x00\x7f\xc2\x85"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := score(b), referenceScore(string(b)); got != want {
			t.Errorf("score(%q) = %+v, want %+v", b, got, want)
		}
	})
}

func FuzzLowerASCIIBytes(f *testing.F) {
	f.Add([]byte("<META CHARSET=GB2312>\x80\xc1\xdaZ@[`{"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got := make([]byte, len(b))
		lowerASCIIBytes(got, b)
		for i, c := range b {
			if got[i] != lowerByte(c) {
				t.Fatalf("lowerASCIIBytes(%q) = %q", b, got)
			}
		}
	})
}

// referenceBinaryKind is binaryKind as it was, control characters tested
// one comparison at a time.
func referenceBinaryKind(data []byte) string {
	for _, m := range []struct{ magic, kind string }{
		{"%PDF-", "PDF document"},
		{"\x89PNG", "PNG image"},
		{"GIF8", "GIF image"},
		{"\xff\xd8\xff", "JPEG image"},
		{"PK\x03\x04", "ZIP archive or Office document"},
		{"\xd0\xcf\x11\xe0", "Office document"},
		{"\x1f\x8b", "gzip archive"},
		{"\x7fELF", "executable"},
		{"MZ", "executable"},
		{"Rar!", "RAR archive"},
		{"7z\xbc\xaf", "7-Zip archive"},
	} {
		if bytes.HasPrefix(data, []byte(m.magic)) {
			return m.kind
		}
	}
	head := data[:min(len(data), 8192)]
	ctl := 0
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1b && b != 0 {
			ctl++
		}
	}
	if ctl > 0 && ctl*100 > len(head) {
		return "control characters"
	}
	return ""
}

func FuzzBinaryKind(f *testing.F) {
	f.Add([]byte("\x01\x02\x1b\x00\x0b\x1f abc"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := binaryKind(b), referenceBinaryKind(b); got != want {
			t.Errorf("binaryKind(%q) = %q, want %q", b, got, want)
		}
	})
}

// referenceDeclaredEncoding is declaredEncoding as it was, reading the
// whole 4 KB head at once.
func referenceDeclaredEncoding(data []byte) (string, encoding.Encoding) {
	// ASCII case folding is all the labels need; bytes.ToLower would
	// decode the head as UTF-8, which a GBK or Big5 page is not, rune by
	// rune.
	var buf [4096]byte
	head := buf[:min(len(data), len(buf))]
	for i, c := range data[:len(head)] {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		head[i] = c
	}
	label := ""
	for rest := head; label == "" && len(rest) > 0; {
		i := bytes.Index(rest, []byte("charset"))
		j := bytes.Index(rest, []byte("encoding"))
		switch {
		case i < 0 && j < 0:
			rest = nil
			continue
		case i < 0 || j >= 0 && j < i:
			label, rest = attrValue(rest[j+len("encoding"):])
			if label != "" && !bytes.Contains(head[:min(len(head), 64)], []byte("<?xml")) {
				label = "" // only an XML declaration's encoding= counts
			}
		default:
			// Only inside a <meta> tag.
			if k := bytes.LastIndexByte(rest[:i], '<'); k < 0 || !bytes.HasPrefix(rest[k:], []byte("<meta")) {
				rest = rest[i+len("charset"):]
				continue
			}
			label, rest = attrValue(rest[i+len("charset"):])
		}
	}
	if label == "" {
		return "", nil
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return "", nil
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		name = label
	}
	return name, enc
}

func FuzzDeclaredEncoding(f *testing.F) {
	pad := strings.Repeat("<p>x</p>", 127)
	for _, s := range []string{
		`<meta charset="GB2312">`, `<?xml version="1.0" encoding="Big5"?>`, `<meta encoding=charset=gbk>`,
		pad + `<meta charset="gbk">`, pad[:1010] + `<META CHARSET=big5>`, pad[:1016] + `<meta charset=utf-8>`,
		`<p>charset=gbk</p><meta http-equiv="Content-Type" content="text/html; charset=gb18030">`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		name, enc := declaredEncoding(data)
		wname, wenc := referenceDeclaredEncoding(data)
		if name != wname || enc != wenc {
			t.Errorf("declaredEncoding(%q) = %q, want %q", data, name, wname)
		}
	})
}

// TestDeclaredEncodingChunks puts declarations across the first
// kilobyte's end, where declaredEncoding's first look stops.
func TestDeclaredEncodingChunks(t *testing.T) {
	decls := []string{`<meta charset="gbk">`, `<META charset=big5 >`, `<meta http-equiv="Content-Type" content="text/html; charset=GB2312">`,
		`<?xml version="1.0" encoding="gb18030"?>`, `charset=utf-8`, `<meta encoding=charset=gbk>`, `<meta charset=>`}
	for pad := 960; pad <= 1040; pad++ {
		for _, d := range decls {
			for _, tail := range []string{"", `<meta charset="big5">`} {
				data := []byte(strings.Repeat("a", pad) + d + tail)
				name, enc := declaredEncoding(data)
				wname, wenc := referenceDeclaredEncoding(data)
				if name != wname || enc != wenc {
					t.Fatalf("pad %d, %q: %q, want %q", pad, d, name, wname)
				}
			}
		}
	}
}
