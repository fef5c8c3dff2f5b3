package align

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// lexicon.tsv is a hand-written bilingual lexicon of bulletin vocabulary
// (see the header of the file for its format). It is evidence for the
// sentence aligner, not a translation dictionary: a Chinese sentence and an
// English sentence that share many concepts are likely translations.
//
//go:embed data/lexicon.tsv
var lexiconTSV string

// Lexicon maps Chinese words and English words to shared concept ids.
type Lexicon struct {
	zh      map[string][]int32     // Chinese form -> concepts
	zhMax   int                    // longest Chinese form, in runes
	zhFirst map[rune]int           // first character of a Chinese form -> longest form it begins, in runes
	enExact map[string][]int32     // English word -> concepts (single-word forms)
	enPre   map[string][]int32     // English prefix (from "word*") -> concepts
	enMin   int                    // shortest prefix
	enPreBy map[string][]preForm   // prefix forms by their first enMin characters, shortest first
	multi   map[string][]multiForm // multi-word English forms, by multiKey of their first word
	n       int                    // number of concepts
}

// preForm is an English prefix form ("subsid" of "subsid*").
type preForm struct {
	text     string
	concepts []int32
}

// multiForm is an English form of several words: every word must occur.
type multiForm struct {
	words   []enWord
	concept int32
}

type enWord struct {
	text   string
	prefix bool
}

var (
	lexOnce sync.Once
	lex     *Lexicon
	lexErr  error
)

// DefaultLexicon returns the embedded lexicon, parsed once per process.
func DefaultLexicon() (*Lexicon, error) {
	lexOnce.Do(func() { lex, lexErr = ParseLexicon(lexiconTSV) })
	return lex, lexErr
}

func mustLexicon() *Lexicon {
	l, err := DefaultLexicon()
	if err != nil {
		panic(err) // the embedded file is tested; this cannot happen in a release
	}
	return l
}

// ParseLexicon reads a lexicon in the format of data/lexicon.tsv.
func ParseLexicon(data string) (*Lexicon, error) {
	l := &Lexicon{zh: map[string][]int32{}, zhFirst: map[rune]int{}, enExact: map[string][]int32{}, enPre: map[string][]int32{},
		multi: map[string][]multiForm{}, enMin: 1 << 30}
	for ln, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		zhPart, enPart, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(zhPart) == "" || strings.TrimSpace(enPart) == "" {
			return nil, fmt.Errorf("lexicon line %d: want \"中文|…<TAB>english|…\", got %q", ln+1, line)
		}
		c := int32(l.n)
		l.n++
		for _, z := range strings.Split(zhPart, "|") {
			z = strings.TrimSpace(z)
			if z == "" {
				continue
			}
			l.zh[z] = appendUnique(l.zh[z], c)
			n := utf8.RuneCountInString(z)
			l.zhMax = max(l.zhMax, n)
			first, _ := utf8.DecodeRuneInString(z)
			l.zhFirst[first] = max(l.zhFirst[first], n)
		}
		for _, e := range strings.Split(enPart, "|") {
			var words []enWord
			for _, w := range strings.Fields(strings.ToLower(e)) {
				p := strings.HasSuffix(w, "*")
				words = append(words, enWord{text: strings.TrimSuffix(w, "*"), prefix: p})
			}
			switch {
			case len(words) == 0:
				continue
			case len(words) > 1:
				k := multiKey(words[0].text)
				l.multi[k] = append(l.multi[k], multiForm{words: words, concept: c})
			case words[0].prefix:
				l.enPre[words[0].text] = appendUnique(l.enPre[words[0].text], c)
				l.enMin = min(l.enMin, utf8.RuneCountInString(words[0].text))
			default:
				l.enExact[words[0].text] = appendUnique(l.enExact[words[0].text], c)
			}
		}
	}
	l.enPreBy = map[string][]preForm{}
	for p, cs := range l.enPre {
		k, _ := firstRunes(p, l.enMin)
		l.enPreBy[k] = append(l.enPreBy[k], preForm{p, cs})
	}
	for _, fs := range l.enPreBy {
		sort.Slice(fs, func(i, j int) bool {
			return len(fs[i].text) < len(fs[j].text) || len(fs[i].text) == len(fs[j].text) && fs[i].text < fs[j].text
		})
	}
	return l, nil
}

// firstRunes returns the first n characters of w, and false when w is
// shorter.
func firstRunes(w string, n int) (string, bool) {
	k := 0
	for i := range w {
		if k == n {
			return w[:i], true
		}
		k++
	}
	return w, k == n
}

func appendUnique(s []int32, c int32) []int32 {
	for _, x := range s {
		if x == c {
			return s
		}
	}
	return append(s, c)
}

// Concepts returns the number of concepts in the lexicon.
func (l *Lexicon) Concepts() int { return l.n }

// zhConcepts appends the concepts of a Chinese text by forward maximum
// matching: at each position the longest lexicon form is taken, so 国家
// (country) does not also count as 家 (home).
func (l *Lexicon) zhConcepts(dst []int32, runes []rune, minLen int) []int32 {
	for i := 0; i < len(runes); {
		if !unicode.Is(unicode.Han, runes[i]) {
			i++
			continue
		}
		n := min(l.zhMax, len(runes)-i)
		for ; n >= minLen; n-- {
			if cs, ok := l.zh[string(runes[i:i+n])]; ok {
				dst = append(dst, cs...)
				break
			}
		}
		if n < minLen {
			n = 1
		}
		i += n
	}
	return dst
}

// zhTextConcepts is zhConcepts on text, without converting it to runes,
// and trying at each position only the form lengths the lexicon has for
// the character there.
func (l *Lexicon) zhTextConcepts(dst []int32, text string, minLen int) []int32 {
	l.zhScan(text, minLen, func(cs []int32, _ int) { dst = append(dst, cs...) })
	return dst
}

// zhTextConcepts2 is zhTextConcepts with minLen 1 and 2 at once: both
// advance alike (a position with no form of two characters or more moves
// on by one either way), so the forms of two characters or more are those
// of minLen 1 that are not single characters. It appends them to long, and
// all to all.
func (l *Lexicon) zhTextConcepts2(all, long []int32, text string) ([]int32, []int32) {
	l.zhScan(text, 1, func(cs []int32, n int) {
		all = append(all, cs...)
		if n >= 2 {
			long = append(long, cs...)
		}
	})
	return all, long
}

// zhScan calls found with the concepts of the longest form of at least
// minLen characters at each position of text, and the form's length, then
// moves past it (or on by one character where there is none).
func (l *Lexicon) zhScan(text string, minLen int, found func(cs []int32, n int)) {
	var buf [128]int
	off := buf[:0] // byte offset of each rune, and of the end
	for i := range text {
		off = append(off, i)
	}
	off = append(off, len(text))
	nr := len(off) - 1
	for i := 0; i < nr; {
		r, _ := utf8.DecodeRuneInString(text[off[i]:])
		if !unicode.Is(unicode.Han, r) {
			i++
			continue
		}
		n := min(l.zhFirst[r], nr-i)
		for ; n >= minLen; n-- {
			if cs, ok := l.zh[text[off[i]:off[i+n]]]; ok {
				found(cs, n)
				break
			}
		}
		if n < minLen {
			n = 1
		}
		i += n
	}
}

// zhWordConcepts appends the concepts of a Chinese sentence segmented into
// words (gse): a word found whole gives its concepts; a longer word is
// matched inside with forms of two characters or more, so an unknown
// compound (市场) does not fall apart into misleading single characters (市).
func (l *Lexicon) zhWordConcepts(dst []int32, words []string) []int32 {
	for _, w := range words {
		if cs, ok := l.zh[w]; ok {
			dst = append(dst, cs...)
			continue
		}
		if r := []rune(w); len(r) > 2 {
			dst = l.zhConcepts(dst, r, 2)
		}
	}
	return dst
}

// enConcepts appends the concepts of the English words (lower case).
func (l *Lexicon) enConcepts(dst []int32, words []string) []int32 {
	for _, w := range words {
		dst = append(dst, l.enExact[w]...)
		// Every prefix form w begins with, shortest first: the forms are
		// indexed by their first enMin characters, which w must share.
		if k, ok := firstRunes(w, l.enMin); ok {
			for _, f := range l.enPreBy[k] {
				if strings.HasPrefix(w, f.text) {
					dst = append(dst, f.concepts...)
				}
			}
		}
	}
	if len(l.multi) > 0 && len(words) > 1 {
		var seen []string // multiKeys done
	next:
		for _, w := range words {
			k := multiKey(w)
			forms := l.multi[k]
			if len(forms) == 0 {
				continue
			}
			for _, x := range seen {
				if x == k {
					continue next
				}
			}
			seen = append(seen, k)
			for _, m := range forms {
				if allWords(m.words, words) {
					dst = append(dst, m.concept)
				}
			}
		}
	}
	return dst
}

// multiKey indexes multi-word forms by the first three letters of their
// first word, which a prefix form must have too.
func multiKey(w string) string {
	n := 0
	for i := range w {
		if n == 3 {
			return w[:i]
		}
		n++
	}
	return w
}

func allWords(need []enWord, words []string) bool {
	for _, n := range need {
		found := false
		for _, w := range words {
			if w == n.text || n.prefix && strings.HasPrefix(w, n.text) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
