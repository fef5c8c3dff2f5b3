package corpus

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ErrUndecodable is returned for bytes that no supported encoding reads as
// plausible text.
var ErrUndecodable = errors.New("undecodable text: no supported encoding (UTF-8, UTF-16, GBK, GB18030, Big5) fits")

// sniffLimit caps how much of a file is scored per candidate encoding when
// the encoding has to be guessed: enough for any bulletin, bounded for a
// huge file.
const sniffLimit = 1 << 20

// Decode returns data as UTF-8 text and the name of the encoding it was read
// from. The encoding is taken, in order, from a byte-order mark, from the
// page's own declaration (<meta charset>, http-equiv Content-Type, an XML
// declaration) when that declaration decodes the bytes cleanly, and
// otherwise by sniffing: valid UTF-8 is UTF-8, and anything else is decoded
// with each candidate (GBK/GB18030, Big5, UTF-8 with errors, Windows-1252)
// and the one that reads most like a bulletin wins (common Chinese
// characters score, replacement characters, control characters and scripts
// a bulletin does not use cost).
//
// Binary content (NUL bytes, control characters, known file signatures) is
// ErrBinary; bytes no encoding reads well are ErrUndecodable. The returned
// text is always valid UTF-8.
func Decode(data []byte) (text, enc string, err error) {
	b, enc, err := decode(data)
	if err != nil {
		return "", "", err
	}
	return string(b), enc, nil
}

// decode is Decode returning bytes: data itself when it is UTF-8 already,
// so that Parse can hand an HTML page to the parser without copying it.
func decode(data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return toValidBytes(data[3:]), "utf-8", nil
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		name := "utf-16le"
		if data[0] == 0xfe {
			name = "utf-16be"
		}
		return decodeUTF16(data, name)
	}
	if kind := binaryKind(data); kind != "" {
		return nil, "", fmt.Errorf("%w (%s)", ErrBinary, kind)
	}
	if name := utf16NoBOM(data); name != "" {
		return decodeUTF16(data, name)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, "", fmt.Errorf("%w (NUL bytes)", ErrBinary)
	}
	declared, decEnc := declaredEncoding(data)
	if utf8.Valid(data) {
		if decEnc != nil && decEnc != encoding.Nop && isASCII(data) && !isUTF8Label(declared) {
			// ASCII reads the same in every supported encoding: keep the
			// page's word for it.
			return data, declared, nil
		}
		return data, "utf-8", nil
	}
	if decEnc != nil && !isUTF8Label(declared) {
		if out, err := decodeAll(decEnc, data); err == nil {
			if s := score(out); s.clean() {
				// Clean means no bad character: no invalid byte, no
				// U+FFFD, no NUL; toValid would change nothing.
				return out, declared, nil
			}
		}
	}
	return sniff(data)
}

// candidate is one encoding tried by sniff.
type candidate struct {
	name string
	enc  encoding.Encoding
	bias int // small preference when scores tie
}

// candidates are tried in this order; UTF-8 is first so that it wins ties.
var candidates = []candidate{
	{"utf-8", nil, 3},
	{"gbk", simplifiedchinese.GBK, 2},
	{"big5", traditionalchinese.Big5, 1},
	{"windows-1252", charmap.Windows1252, 0},
}

// decodeAll is enc.NewDecoder().Bytes(data) with room made up front for
// Chinese text, which grows by half in UTF-8 (two bytes a character in
// GBK or Big5, three in UTF-8): Bytes starts from the input's size and
// grows and copies its output on the way.
func decodeAll(enc encoding.Encoding, data []byte) ([]byte, error) {
	out, _, err := transform.Append(enc.NewDecoder(), make([]byte, 0, len(data)+len(data)/2+16), data)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// sniffOrder is the order sniff tries the candidates in: the likeliest
// winners first, so that a candidate that cannot catch up with the best
// so far is given up early. (Ties still go to the earlier candidate in
// candidates.)
var sniffOrder = []int{1, 2, 0, 3}

// sniffChunk is how much decoded text sniff scores between checks of
// whether a candidate can still win.
const sniffChunk = 8 << 10

func sniff(data []byte) ([]byte, string, error) {
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
	// bestOut is the best candidate's decoded sample, work the buffer the
	// next candidate is decoded into.
	var bestOut, work []byte
	for _, i := range sniffOrder {
		c := candidates[i]
		var floor *int // the total to beat; nil before the first candidate
		if best >= 0 {
			floor = &bestScore.total
		}
		s, out, ok := sniffScore(c, sample, work[:0], floor)
		if !ok {
			work = out
			continue
		}
		s.total += c.bias
		if best < 0 || s.total > bestScore.total || s.total == bestScore.total && i < best {
			best, bestScore = i, s
			bestOut, work = out, bestOut
		} else {
			work = out
		}
	}
	if best < 0 || !bestScore.plausible() {
		return nil, "", ErrUndecodable
	}
	c := candidates[best]
	if c.enc == nil {
		return toValidBytes(data), c.name, nil
	}
	name := c.name
	out, err := bestOut, error(nil)
	if len(sample) < len(data) {
		out, err = decodeAll(c.enc, data)
	}
	if c.name == "gbk" && err == nil && bytes.Contains(out, []byte("\ufffd")) {
		// GB18030 extends GBK with four-byte sequences; use it when GBK
		// alone leaves characters undecoded.
		if g, gerr := decodeAll(simplifiedchinese.GB18030, data); gerr == nil &&
			bytes.Count(g, []byte("\ufffd")) < bytes.Count(out, []byte("\ufffd")) {
			out, err, name = g, nil, "gb18030"
		}
	}
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrUndecodable, err)
	}
	return toValidBytes(out), name, nil
}

// sniffScore scores sample read as candidate c, decoding it into buf
// (grown as needed) and returning that too. It gives up, returning false,
// when the decoder fails, or when floor is set and c can no longer score
// more than *floor: no character scores more than 1 per byte of input (a
// common Han character, +2, takes two bytes in GBK or Big5, three in
// UTF-8; punctuation, +1, one byte in Windows-1252), so the bytes left
// bound what c can still gain.
func sniffScore(c candidate, sample, buf []byte, floor *int) (textScore, []byte, bool) {
	var s textScore
	beaten := func(left int) bool { return floor != nil && s.total+c.bias+left < *floor }
	if c.enc == nil {
		for start := 0; start < len(sample); {
			end := min(len(sample), start+sniffChunk)
			// Cut before a character, not inside one (at most three
			// bytes back; a run of stray continuation bytes is cut
			// anywhere, as a decoder reads each of them alone).
			for k := end; k > end-3 && k > start && k < len(sample); k-- {
				if utf8.RuneStart(sample[k]) {
					end = k
					break
				}
			}
			s.add(sample[start:end])
			start = end
			if beaten(len(sample) - start) {
				return s, buf, false
			}
		}
		return s, buf, true
	}
	dec := c.enc.NewDecoder()
	src := sample
	for {
		buf = slices.Grow(buf, sniffChunk)
		chunk := buf[len(buf) : len(buf)+sniffChunk]
		nDst, nSrc, err := dec.Transform(chunk, src, true)
		s.add(chunk[:nDst])
		buf = buf[:len(buf)+nDst]
		src = src[nSrc:]
		switch {
		case err == nil:
			return s, buf, true
		case err != transform.ErrShortDst:
			return s, buf, false
		case beaten(len(src)):
			return s, buf, false
		}
	}
}

// textScore sums how plausible a decoded text is as a bulletin.
type textScore struct {
	total       int // the score compared between candidates
	runes       int // non-ASCII runes seen
	bad         int // replacement characters and control characters
	implausible int // scripts a Chinese or English bulletin does not use
	han, common int // Han characters, and those among the common ones
	ascii       int // ASCII letters and digits
}

// clean reports whether a declared encoding decoded the text with no sign
// of being the wrong one.
func (s textScore) clean() bool {
	return s.bad == 0 && s.implausible*20 <= s.runes && s.common*10 >= s.han*7
}

// plausible reports whether the best guess is good enough to use: a few
// broken characters are tolerated, a mostly broken text is not, and Chinese
// text is mostly made of common characters (a wrong decoding, or random
// bytes, gives rare ones).
func (s textScore) plausible() bool {
	if s.runes == 0 {
		return true
	}
	if s.han*2 < s.runes && s.runes*4 > s.ascii {
		// Neither Chinese nor mostly ASCII: what random bytes read as Latin-1 look like.
		return false
	}
	return s.bad*20 <= s.runes && s.implausible*4 <= s.runes && s.common*10 >= s.han*6
}

func score(text []byte) textScore {
	var s textScore
	s.add(text)
	return s
}

// add scores text, which must not end inside a character.
func (s *textScore) add(text []byte) {
	classes := hanTable()
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		switch c := text[i]; {
		case c < utf8.RuneSelf:
		case c >= 0xe1 && c <= 0xec && i+2 < len(text) && text[i+1]&0xc0 == 0x80 && text[i+2]&0xc0 == 0x80:
			// A three-byte character, most of Chinese text, decoded in
			// place (for these lead bytes any two continuation bytes
			// are valid: no overlong form, no surrogate).
			r, size = rune(c&0x0f)<<12|rune(text[i+1]&0x3f)<<6|rune(text[i+2]&0x3f), 3
		default:
			r, size = utf8.DecodeRune(text[i:])
		}
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
		case r >= 0x4e00 && r <= 0x9fff:
			// The Unified Ideographs, most of what is scored: the isHan
			// case below, tested first.
			s.han++
			if classes[r-hanBase]&hanCommon != 0 {
				s.common++
				s.total += 2
			} else {
				s.total--
			}
		case r == utf8.RuneError:
			s.bad++
			s.total -= 8
		case r <= 0x9f: // C1 controls
			s.bad++
			s.total -= 4
		case isHan(r):
			s.han++
			if r < 0xa000 && classes[r-hanBase]&hanCommon != 0 { // hanClass, the table looked up once
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
}

// binaryKind names the kind of a binary file, or returns "" for text.
func binaryKind(data []byte) string {
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
		ctl += int(controlByte[b]) // a table, not a branch: most bytes are not
	}
	if ctl > 0 && ctl*100 > len(head) {
		return "control characters"
	}
	return ""
}

// controlByte[b] is 1 for the control characters binaryKind counts: all
// below 0x20 but NUL, white space and ESC.
var controlByte = func() (t [256]uint8) {
	for b := range 0x20 {
		switch b {
		case 0, '\t', '\n', '\v', '\f', '\r', 0x1b:
		default:
			t[b] = 1
		}
	}
	return t
}()

// utf16NoBOM recognises UTF-16 without a byte-order mark by its zero bytes:
// mostly-ASCII text has a NUL in every other byte.
func utf16NoBOM(data []byte) string {
	n := min(len(data), 4096) &^ 1
	if n < 8 || bytes.IndexByte(data[:n], 0) < 0 {
		return "" // (no zero byte, the usual case: nothing to count)
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*4 && even*20 < half:
		return "utf-16le"
	case even*10 >= half*4 && odd*20 < half:
		return "utf-16be"
	}
	return ""
}

func decodeUTF16(data []byte, name string) ([]byte, string, error) {
	endian := xunicode.LittleEndian
	if name == "utf-16be" {
		endian = xunicode.BigEndian
	}
	out, err := xunicode.UTF16(endian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		// No BOM: decode as the byte order was guessed.
		out, err = xunicode.UTF16(endian, xunicode.IgnoreBOM).NewDecoder().Bytes(data)
	}
	if err != nil {
		return nil, "", fmt.Errorf("%w: %s: %v", ErrUndecodable, name, err)
	}
	out = bytes.TrimPrefix(out, []byte("\ufeff"))
	if s := score(out); !s.plausible() || bytes.IndexByte(out, 0) >= 0 {
		return nil, "", fmt.Errorf("%w (not valid %s)", ErrBinary, name)
	}
	return toValidBytes(out), name, nil
}

// declaredEncoding returns the charset a page declares in its head (WHATWG
// name, e.g. "gbk" for gb2312) and its encoding, or "", nil. It reads
// <meta charset="gbk">, <meta http-equiv="Content-Type" content="text/html;
// charset=gb2312"> and <?xml version="1.0" encoding="GB18030"?>.
func declaredEncoding(data []byte) (string, encoding.Encoding) {
	// ASCII case folding is all the labels need; bytes.ToLower would
	// decode the head as UTF-8, which a GBK or Big5 page is not, rune by
	// rune. The first kilobyte is read first: a label found there, its
	// value ending inside it, is the one the whole head gives (every
	// match before it lies inside it too).
	var buf [4096]byte
	head := buf[:min(len(data), len(buf))]
	first := head[:min(len(head), 1024)]
	lowerASCIIBytes(first, data[:len(first)])
	label, end := findLabel(first)
	if (label == "" || end >= len(first)) && len(head) > len(first) {
		lowerASCIIBytes(head[len(first):], data[len(first):len(head)])
		label, _ = findLabel(head)
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

// lowerASCIIBytes copies src to dst (at least as long) with ASCII letters
// lower-cased, eight bytes at a time.
func lowerASCIIBytes(dst, src []byte) {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(src); i += 8 {
		w := binary.LittleEndian.Uint64(src[i:])
		// For each byte b < 0x80: b+0x80-'A' has its high bit set when
		// b >= 'A', b+0x80-'Z'-1 when b > 'Z'; a high byte is left as is.
		low := w &^ high
		upper := (low + (0x80-'A')*ones) &^ (low + (0x80-'Z'-1)*ones) &^ w & high
		binary.LittleEndian.PutUint64(dst[i:], w|upper>>2)
	}
	for ; i < len(src); i++ {
		dst[i] = lowerByte(src[i])
	}
}

// findLabel finds the charset label in a lower-cased head and returns it
// and the offset just past it (-1 when there is none).
func findLabel(head []byte) (string, int) {
	label := ""
	rest := head
	for label == "" && len(rest) > 0 {
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
		return "", -1
	}
	return label, len(head) - len(rest)
}

// attrValue reads `= "value"` (quotes optional) at the start of b and
// returns the value and what follows it.
func attrValue(b []byte) (string, []byte) {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '=' {
		return "", b
	}
	b = bytes.TrimLeft(b[1:], " \t\r\n\"'")
	end := 0
	for end < len(b) && (b[end] >= 'a' && b[end] <= 'z' || b[end] >= '0' && b[end] <= '9' || bytes.IndexByte([]byte("-_:."), b[end]) >= 0) {
		end++
	}
	return string(b[:end]), b[end:]
}

func isUTF8Label(name string) bool { return name == "utf-8" || name == "" }

func isASCII(data []byte) bool {
	for _, b := range data {
		if b >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// toValidBytes is toValid for bytes: b itself when it is valid already.
func toValidBytes(b []byte) []byte {
	if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 {
		return b
	}
	return []byte(toValid(string(b)))
}

// toValid replaces invalid UTF-8 and NUL characters, so that Text is safe to
// index and to store.
func toValid(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	s = strings.ToValidUTF8(s, "\ufffd")
	return strings.ReplaceAll(s, "\x00", "\ufffd")
}
