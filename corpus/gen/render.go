package gen

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// encodingChoice is how a version may be written, with its weight.
type encodingChoice struct {
	name   string // utf-8, utf-8-bom, gbk, gb18030, big5, utf-16le, utf-16be
	weight int
}

var encodings = [3][]encodingChoice{
	hans: {{"utf-8", 45}, {"utf-8-bom", 5}, {"gbk", 30}, {"gb18030", 10}, {"utf-16le", 5}, {"utf-16be", 5}},
	hant: {{"big5", 50}, {"utf-8", 40}, {"utf-16le", 10}},
	en:   {{"utf-8", 90}, {"utf-8-bom", 5}, {"utf-16le", 5}},
}

func pick(r *rand.Rand, cs []encodingChoice) string {
	total := 0
	for _, c := range cs {
		total += c.weight
	}
	n := r.IntN(total)
	for _, c := range cs {
		if n < c.weight {
			return c.name
		}
		n -= c.weight
	}
	return cs[0].name
}

// render lays one version out as a plain-text file or an HTML page and
// encodes it.
func (g *Generator) render(s *story, a article, v int, date time.Time) File {
	r := g.r
	enc := pick(r, encodings[v])
	f := File{Meta: Meta{Lang: langTag[v], Title: a.title, Date: date.Format("2006-01-02"), Source: a.agency}}
	htmlPage := r.IntN(10) < 6
	if g.cfg.TextOnly {
		htmlPage = false
	}
	if g.cfg.HTMLOnly {
		htmlPage = true
	}
	var text string
	if htmlPage {
		f.Format = "html"
		declared := declaredLabel(r, enc, v)
		f.Declared = declared
		text = g.page(s, a, v, date, declared)
		f.Body = strings.Join(a.paras, "\n")
		f.Encoding = readAs(enc, declared)
	} else {
		f.Format = "text"
		text = plainText(r, a, v, date)
		f.Body = text
		f.Encoding = readAs(enc, "")
	}
	f.BodySHA256 = sha(f.Body)
	f.Data = encode(text, enc)
	return f
}

// declaredLabel is the charset a page declares: usually the truth in one of
// its common spellings, sometimes nothing, now and then a lie.
func declaredLabel(r *rand.Rand, enc string, v int) string {
	switch x := r.IntN(100); {
	case x < 6:
		return ""
	case x < 10 && v != en:
		if enc == "utf-8" || enc == "utf-8-bom" {
			return "lie:gb2312"
		}
		return "lie:utf-8"
	}
	switch enc {
	case "utf-8", "utf-8-bom":
		return []string{"utf-8", "UTF-8"}[r.IntN(2)]
	case "gbk":
		return []string{"gb2312", "GB2312", "gbk"}[r.IntN(3)]
	case "gb18030":
		return "gb18030"
	case "big5":
		return []string{"big5", "Big5"}[r.IntN(2)]
	}
	return "" // UTF-16 pages rely on their byte-order mark
}

// readAs is the encoding figures should report for a file written in enc
// that declares declared. Text written in GB18030 that needs no four-byte
// sequence is GBK, and sniffing calls it that.
func readAs(enc, declared string) string {
	switch enc {
	case "utf-8-bom":
		return "utf-8"
	case "gb18030":
		if declared == "gb18030" {
			return "gb18030"
		}
		return "gbk"
	}
	return enc
}

func encode(text, enc string) []byte {
	var e encoding.Encoding
	switch enc {
	case "utf-8":
		return []byte(text)
	case "utf-8-bom":
		return append([]byte("\xef\xbb\xbf"), text...)
	case "gbk":
		e = simplifiedchinese.GBK
	case "gb18030":
		e = simplifiedchinese.GB18030
	case "big5":
		e = traditionalchinese.Big5
	case "utf-16le":
		e = xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)
	case "utf-16be":
		e = xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM)
	}
	b, err := e.NewEncoder().Bytes([]byte(text))
	if err != nil {
		// The templates are checked to encode (TestTemplatesEncode); reaching
		// this is a bug in them.
		panic(fmt.Sprintf("gen: %s cannot encode %q: %v", enc, text, err))
	}
	return b
}

// plainText lays a version out as a plain-text bulletin: title, dateline,
// blank line, paragraphs.
func plainText(r *rand.Rand, a article, v int, date time.Time) string {
	var b strings.Builder
	nl := "\n"
	if r.IntN(7) == 0 {
		nl = "\r\n"
	}
	b.WriteString(a.title + nl)
	switch v {
	case hans:
		d := []string{date.Format("2006-01-02"), date.Format("2006年01月02日"), fmt.Sprintf("%d年%d月%d日", date.Year(), date.Month(), date.Day())}[r.IntN(3)]
		b.WriteString("发布时间：" + d + "　来源：" + a.agency + nl)
	case hant:
		b.WriteString(fmt.Sprintf("發布日期：%d年%d月%d日　來源：%s", date.Year(), date.Month(), date.Day(), a.agency) + nl)
	case en:
		d := []string{date.Format("January 2, 2006"), date.Format("2 January 2006"), date.Format("2006-01-02")}[r.IntN(3)]
		b.WriteString("Updated: " + d + "  Source: " + a.agency + nl)
	}
	b.WriteString(nl)
	indent := ""
	if v == hans && r.IntN(2) == 0 {
		indent = "\u3000\u3000"
	}
	for _, p := range a.paras {
		b.WriteString(indent + p + nl)
	}
	return b.String()
}

// wrap breaks a paragraph's HTML source the way editors and content
// management systems do: after Chinese punctuation, or at spaces in
// English. A reader must join the lines back without a stray space.
func wrap(r *rand.Rand, p string, v int) string {
	p = html.EscapeString(p)
	if r.IntN(3) != 0 {
		return p
	}
	if v == en {
		words := strings.Split(p, " ")
		var b strings.Builder
		for i, w := range words {
			if i > 0 {
				if i%9 == 0 {
					b.WriteString("\n        ")
				} else {
					b.WriteByte(' ')
				}
			}
			b.WriteString(w)
		}
		return b.String()
	}
	var b strings.Builder
	for _, c := range p {
		b.WriteRune(c)
		if (c == '，' || c == '；') && r.IntN(2) == 0 {
			b.WriteString("\n        ")
		}
	}
	return b.String()
}

// paragraphs writes the article's paragraphs in one of the ways pages do.
func paragraphs(r *rand.Rand, paras []string, v int) string {
	var b strings.Builder
	style := r.IntN(4)
	for _, p := range paras {
		w := wrap(r, p, v)
		switch style {
		case 0:
			indent := ""
			if v != en {
				indent = "\u3000\u3000"
			}
			fmt.Fprintf(&b, "<p>%s%s</p>\n", indent, w)
		case 1:
			fmt.Fprintf(&b, "<p style=\"text-indent:2em; line-height:1.8\">%s</p>\n", w)
		case 2:
			fmt.Fprintf(&b, "<div>%s</div>\n", w)
		default:
			fmt.Fprintf(&b, "&nbsp;&nbsp;&nbsp;&nbsp;%s<br/>\n", w)
		}
	}
	return b.String()
}
