package corpus

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

const (
	hans = "全市累计建成城市社区养老服务设施3132个，街道养老服务中心社会化运营率达100%。为50.25万残疾人发放补贴4.39亿元。"
	hant = "全港共有1,268間安老院舍，提供約7.6萬個宿位。長者生活津貼全年發放總額達245.6億元，受惠長者約58萬人。"
	en   = "The city distributed 439 million yuan of subsidies to 502,500 disabled people."
)

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestDecode(t *testing.T) {
	utf16le := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)
	utf16be := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM)
	page := func(charset, body string) string {
		return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=` + charset + `"></head><body><p>` + body + `</p></body></html>`
	}
	tests := []struct {
		name string
		data []byte
		text string // "" means the input as UTF-8
		enc  string
		err  error
	}{
		{"utf-8", []byte(hans), hans, "utf-8", nil},
		{"utf-8 BOM", append([]byte("\xef\xbb\xbf"), hans...), hans, "utf-8", nil},
		{"utf-16le BOM", encode(t, utf16le, hant), hant, "utf-16le", nil},
		{"utf-16be BOM", encode(t, utf16be, en), en, "utf-16be", nil},
		{"utf-16le no BOM", encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), en+en), en + en, "utf-16le", nil},
		{"gbk sniffed", encode(t, simplifiedchinese.GBK, hans), hans, "gbk", nil},
		{"gb18030 sniffed", encode(t, simplifiedchinese.GB18030, hans+"副局长李𫖯"), hans + "副局长李𫖯", "gb18030", nil},
		{"big5 sniffed", encode(t, traditionalchinese.Big5, hant), hant, "big5", nil},
		{"big5 short", encode(t, traditionalchinese.Big5, "長者服務數字"), "長者服務數字", "big5", nil},
		{"gbk short", encode(t, simplifiedchinese.GBK, "养老服务"), "养老服务", "gbk", nil},
		{"windows-1252 sniffed", encode(t, charmap.Windows1252, "The “café” report — 12 pages."), "The “café” report — 12 pages.", "windows-1252", nil},
		{"declared gb2312", encode(t, simplifiedchinese.GBK, page("gb2312", hans)), page("gb2312", hans), "gbk", nil},
		{"declared big5", encode(t, traditionalchinese.Big5, page("big5", hant)), page("big5", hant), "big5", nil},
		{"declared gbk, is utf-8", []byte(page("gbk", hans)), page("gbk", hans), "utf-8", nil},
		{"declared utf-8, is gbk", encode(t, simplifiedchinese.GBK, page("utf-8", hans)), page("utf-8", hans), "gbk", nil},
		{"declared gbk, is big5", encode(t, traditionalchinese.Big5, page("gbk", hant)), page("gbk", hant), "big5", nil},
		{"declared big5, is gbk", encode(t, simplifiedchinese.GBK, page("big5", hans)), page("big5", hans), "gbk", nil},
		{"ascii declared gbk", []byte(page("gbk", "Hello")), page("gbk", "Hello"), "gbk", nil},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "", "", ErrBinary},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "", "", ErrBinary},
		{"nul bytes", []byte("abc\x00\x01\x02def\x00ghi\x00\x00\x00"), "", "", ErrBinary},
		{"control characters", []byte(strings.Repeat("\x01\x02\x03abc", 50)), "", "", ErrBinary},
		{"random high bytes", randomHigh(4000), "", "", ErrUndecodable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode(tt.data)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v (decoded as %s)", err, tt.err, enc)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if enc != tt.enc {
				t.Errorf("encoding = %q, want %q", enc, tt.enc)
			}
			if text != tt.text {
				t.Errorf("text = %q, want %q", text, tt.text)
			}
		})
	}
}

func randomHigh(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(0x80 + r.IntN(0x80))
	}
	return b
}

func TestLang(t *testing.T) {
	tests := []struct {
		text string
		want Lang
	}{
		{hans, ZhHans},
		{hant, ZhHant},
		{en, English},
		{"2022年", ZhHans},   // no variant evidence: simplified by default
		{"12,345", Unknown}, // no letters
		{"GDP增长3.9%，CPI上涨2.1%", ZhHans},
		{"重庆市民政局 Chongqing Civil Affairs Bureau held a meeting on Monday", English},
	}
	for _, tt := range tests {
		if got := TextLang(tt.text); got != tt.want {
			t.Errorf("TextLang(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDocumentLang(t *testing.T) {
	tests := []struct {
		text string
		want Lang
	}{
		{hans + "\n" + hans, ZhHans},
		{hant + "\n2022年1月24日", ZhHant}, // the date line takes the document's variant
		{en + "\n" + en + "\n" + hans[:30], English},
		{hans + "\n" + en, Mixed},
	}
	for _, tt := range tests {
		paras := Paragraphs(tt.text)
		if got := DocumentLang(tt.text, paras); got != tt.want {
			t.Errorf("DocumentLang(%q) = %q, want %q", tt.text, got, tt.want)
		}
		for _, p := range paras {
			if strings.HasPrefix(tt.text, hant) && p.Lang != ZhHant {
				t.Errorf("paragraph %v of a traditional text is %q", p.Span, p.Lang)
			}
		}
	}
}

func TestHanClasses(t *testing.T) {
	for _, tt := range []struct {
		chars string
		flag  uint8
	}{
		{"这们发为国说经济", hanSimplified},
		{"這們發為國說經濟", hanTraditional},
		{"的人年月日一是在", hanCommon},
	} {
		for _, r := range tt.chars {
			if hanClass(r)&tt.flag == 0 {
				t.Errorf("%c: class %b, want flag %b", r, hanClass(r), tt.flag)
			}
		}
	}
	for _, r := range "的人年月日一是在" {
		if hanClass(r)&(hanSimplified|hanTraditional) != 0 {
			t.Errorf("%c is in both sets, got class %b", r, hanClass(r))
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
		err  error
	}{
		{"empty.txt", nil, ErrEmpty},
		{"blank.txt", []byte(" \n\t\n"), ErrEmpty},
		{"chrome-only.html", []byte("<html><body><script>var a=1</script><style>p{}</style></body></html>"), ErrEmpty},
		{"image.html", []byte("\x89PNG\r\n\x1a\n\x00\x00"), ErrBinary},
		{"ideographic-space.txt", []byte("\u3000\u3000\r\n\u00a0"), ErrEmpty},
		{"nav-only.html", []byte(`<html><head><title>首页</title></head><body><nav><ul><li><a href="/">首页</a></li>` +
			`<li><a href="/a">政务公开</a></li></ul></nav><div class="footer">版权所有 ICP备12345678号</div></body></html>`), ErrEmpty},
	} {
		_, err := Parse(tt.name, tt.data)
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.err)
		}
		if err != nil && !strings.Contains(err.Error(), tt.name) {
			t.Errorf("%s: error %q does not name the file", tt.name, err)
		}
	}
}

// Pages the HTML parser refuses as they are (more than 512 elements open
// at once) are read with their layout flattened: the article survives and
// the paragraphs stay apart.
func TestParseDeeplyNested(t *testing.T) {
	const article = "<p>全市发放补贴4.39亿元，惠及50.25万人。</p><p>社会化运营率达83.5%。</p>"
	for _, tt := range []struct{ name, page string }{
		{"tables", "<html><body>" + strings.Repeat("<table><tr><td>", 500) + article + strings.Repeat("</td></tr></table>", 500) + "</body></html>"},
		{"unclosed", "<html><head><title>公报</title></head><body>" + strings.Repeat("<div><table><tr><td><span>", 3000) + article},
		{"divs", strings.Repeat("<div>", 100000) + article + strings.Repeat("</div>", 100000)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.name+".html", []byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			want := "全市发放补贴4.39亿元，惠及50.25万人。\n社会化运营率达83.5%。"
			if doc.Text != want {
				t.Errorf("text %q, want %q", doc.Text, want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"发布时间：2022-01-24 10:30", "2022-01-24"},
		{"2022年01月24日", "2022-01-24"},
		{"２０２２年１月２４日", "2022-01-24"},
		{"2022/1/24", "2022-01-24"},
		{"2022.01.24", "2022-01-24"},
		{"20220124", "2022-01-24"},
		{"2022-01-24T08:15:00+08:00", "2022-01-24"},
		{"Updated: 24 January 2022", "2022-01-24"},
		{"Updated: Jan 24, 2022 10:00", "2022-01-24"},
		{"January 24th, 2022", "2022-01-24"},
		{"二〇二二年一月二十四日", "2022-01-24"},
		{"二零二三年十二月三十一日", "2023-12-31"},
		{"民國111年1月24日", "2022-01-24"},
		{"2022-02-30", ""},
		{"访问量12345678", ""},
		{"3132个", ""},
	} {
		got, _ := ParseDate(tt.in)
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// checkSpans checks the invariants every later stage relies on.
func checkSpans(t *testing.T, doc *Document) {
	t.Helper()
	if !utf8.ValidString(doc.Text) {
		t.Fatalf("text is not valid UTF-8")
	}
	ix := NewIndex(doc.Text)
	prev := 0
	for _, p := range doc.Paragraphs {
		if p.Start < prev || p.End <= p.Start || p.End > ix.Len() {
			t.Fatalf("paragraph %v out of order or range (text has %d code points)", p.Span, ix.Len())
		}
		s := ix.Slice(p.Span)
		if strings.TrimSpace(s) != s || strings.Contains(s, "\n") {
			t.Fatalf("paragraph %v = %q is not a trimmed line", p.Span, s)
		}
		prev = p.End
	}
}
