package segment

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"figures/corpus"
)

var (
	gseOnce sync.Once
	gseSeg  *gse.Segmenter
	gseErr  error
)

// Segmenter returns the process-wide gse segmenter, loading its embedded
// simplified and traditional dictionaries on first use (about two seconds).
// gse.NewEmbed is used rather than gse.New so that a moved binary still works.
func Segmenter() (*gse.Segmenter, error) {
	gseOnce.Do(func() {
		seg, err := gse.NewEmbed("zh")
		if err != nil {
			gseErr = fmt.Errorf("load gse dictionary: %w", err)
			return
		}
		seg.SkipLog = true
		gseSeg = &seg
	})
	return gseSeg, gseErr
}

// Words fills in s.Words for a Chinese sentence with gse's tokens and
// part-of-speech tags. English sentences are left alone.
func Words(s *Sentence) error {
	if s.Lang != "zh" {
		return nil
	}
	seg, err := Segmenter()
	if err != nil {
		return err
	}
	b := []byte(s.Text)
	toks := seg.Segment(b)
	s.Words = s.Words[:0]
	// gse reports byte offsets; convert to code points as we go.
	runeAt, lastByte := s.Start, 0
	if cap(s.Words) < len(toks) {
		s.Words = make([]Word, 0, len(toks))
	}
	for _, t := range toks {
		runeAt += utf8.RuneCount(b[lastByte:t.Start()])
		n := utf8.RuneCount(b[t.Start():t.End()])
		s.Words = append(s.Words, Word{
			Span: corpus.Span{Start: runeAt, End: runeAt + n},
			// b is a copy of s.Text: the word shares the sentence's bytes
			// rather than holding a copy of its own.
			Text: s.Text[t.Start():t.End()],
			Pos:  t.Token().Pos(),
		})
		runeAt += n
		lastByte = t.End()
	}
	return nil
}
