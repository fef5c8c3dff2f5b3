package corpus

import "unicode/utf8"

// Index converts code-point offsets in one text to byte offsets, for slicing.
type Index struct {
	text  string
	bytes []int32 // bytes[i] is the byte offset of code point i; len = runes+1
}

// NewIndex indexes text.
func NewIndex(text string) *Index {
	ix := &Index{text: text, bytes: make([]int32, 0, utf8.RuneCountInString(text)+1)}
	for i := range text {
		ix.bytes = append(ix.bytes, int32(i))
	}
	ix.bytes = append(ix.bytes, int32(len(text)))
	return ix
}

// Len is the number of code points in the text.
func (ix *Index) Len() int { return len(ix.bytes) - 1 }

// Byte returns the byte offset of code point i, clamped to the text.
func (ix *Index) Byte(i int) int {
	if i < 0 {
		return 0
	}
	if i >= len(ix.bytes) {
		return len(ix.text)
	}
	return int(ix.bytes[i])
}

// Slice returns the text of span sp.
func (ix *Index) Slice(sp Span) string {
	return ix.text[ix.Byte(sp.Start):ix.Byte(sp.End)]
}
