// Package corpus turns raw bulletin files (plain text or HTML, in UTF-8, GBK,
// GB18030, Big5 or UTF-16) into Documents: decoded article text with the
// metadata a fact-checker needs (title, date, source, language).
//
// Every later stage points into Document.Text with half-open offsets counted
// in Unicode code points, so Text is never rewritten after it is built here;
// normalization (full-width digits, NFKC) happens on copies that keep a map
// back to Text (see Fold).
package corpus

// Lang names the language of a document or paragraph.
type Lang string

// The languages figures distinguishes. Documents carry one of all four;
// paragraphs and sentences are read with the Chinese or English grammar.
const (
	ZhHans  Lang = "zh-Hans" // simplified Chinese
	ZhHant  Lang = "zh-Hant" // traditional Chinese
	English Lang = "en"
	Mixed   Lang = "mixed" // substantial Chinese and English paragraphs
	Unknown Lang = ""
)

// IsChinese reports whether l is read with the Chinese grammar.
func (l Lang) IsChinese() bool { return l == ZhHans || l == ZhHant }

// Grammar returns "zh" or "en": the extractor a text in language l is read with.
func (l Lang) Grammar() string {
	if l.IsChinese() {
		return "zh"
	}
	return "en"
}

// Span is a half-open range [Start, End) of code points in Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Paragraph is one paragraph of a document with the language detected for it.
type Paragraph struct {
	Span
	Lang Lang `json:"lang"`
}

// Document is one decoded bulletin.
type Document struct {
	// Path is where the document was read from ("-" for stdin, "sample:..."
	// for the embedded demo corpus).
	Path string `json:"path"`
	// Hash is the hex SHA-256 of the raw bytes as read, before decoding; it
	// identifies a version of a file for idempotent ingestion.
	Hash string `json:"hash"`
	// Format is "text" or "html".
	Format string `json:"format"`
	// Encoding is the name of the character encoding the bytes were decoded
	// from ("utf-8", "gbk", "gb18030", "big5", "utf-16le", ...).
	Encoding string `json:"encoding"`
	// Lang is the dominant language: zh-Hans, zh-Hant, en or mixed.
	Lang Lang `json:"lang"`
	// Title, Date (YYYY-MM-DD) and Source (publishing site or agency) are
	// read from HTML metadata or datelines; empty when not found.
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
	// Text is the decoded article text: for plain text the whole file minus a
	// byte-order mark, for HTML the article body with paragraphs separated by
	// "\n". All offsets in figures point into Text, in code points.
	Text string `json:"text"`
	// Paragraphs partition the non-blank lines of Text, in order.
	Paragraphs []Paragraph `json:"paragraphs"`
}
