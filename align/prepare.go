package align

import (
	"math"
	"sort"
	"strconv"
	"unicode"
)

// Prepared is a side with what pairing and checking read from it worked
// out once: the anchors and lexicon concepts of every sentence, the
// pairing features of the document and the context concepts and values of
// its claims. Ingest pairs a document against every candidate of its block
// (and of the blocks either side) and then checks the pair it chose; with a
// Prepared side that reading is done once per document instead of once per
// candidate pair and again for the check.
//
// A Prepared side is read only: pairing and checks on other goroutines may
// share it. It is prepared for one role, the Chinese original (PrepareZH)
// or the English version (PrepareEN), since the two are read differently.
type Prepared struct {
	side Side
	zh   bool
	// feat holds the pairing features when hasFeat.
	hasFeat bool
	feat    docFeatures
	sents   []sentPrep
	claims  []claimPrep
	// latin holds the "l:" keys of the Latin words (GDP, 5G) of a Chinese
	// document's sentences, which the aligner looks for in the English.
	latin map[string]bool
}

// sentPrep is what the aligner reads from one sentence, before the
// identifiers it interns for each pair.
type sentPrep struct {
	zh       bool // read with the Chinese grammar
	chars    float64
	concepts []int32  // lexicon concepts, sorted, each once
	latin    []string // "l:" keys: of a Chinese sentence's Latin words, or of the words of another sentence that could be one; each once, in order
	nums     []string // keys of the weighted anchors, in order
	vars     [][]string
}

// claimPrep is what linking reads from one claim.
type claimPrep struct {
	ctx   []int32 // concepts of the claim's context, sorted, each once
	small bool    // see isSmall
	dec   decimal // |value|, for mayRelate (dec.ok when the value parses)
	neg   bool    // the value is below zero
	f     float64 // |value| as a float, for mayRelate
}

// PrepareZH prepares s, a Chinese original, for PairPrepared and
// CheckPrepared.
func PrepareZH(s Side) *Prepared { return prepare(s, true, true) }

// PrepareEN prepares s, an English version, for PairPrepared and
// CheckPrepared.
func PrepareEN(s Side) *Prepared { return prepare(s, false, true) }

// Side returns the side p was prepared from.
func (p *Prepared) Side() Side { return p.side }

// prepare prepares s in the given role; the pairing features only when
// withFeatures (a check alone does not need them).
func prepare(s Side, zhDoc, withFeatures bool) *Prepared {
	lx := mustLexicon()
	p := &Prepared{side: s, zh: zhDoc, hasFeat: withFeatures}
	if zhDoc {
		p.latin = map[string]bool{}
		for _, x := range s.Sentences {
			for _, w := range latinWords(x.Text) {
				p.latin["l:"+w] = true
			}
		}
	}
	// The anchors of the claims, once: by sentence for the aligner, all
	// for the features.
	claimAn := make([]anchorNum, len(s.Claims))
	byS := make([][]int32, len(s.Sentences))
	for i, c := range s.Claims {
		v := decimalOf(c.Value)
		if !v.ok {
			continue
		}
		claimAn[i] = numAnchor(v)
		if c.Sentence >= 0 && c.Sentence < len(byS) {
			byS[c.Sentence] = append(byS[c.Sentence], int32(i))
		}
	}
	p.sents = make([]sentPrep, len(s.Sentences))
	f := docFeatures{vals: map[string]bool{}, title: map[int32]bool{}}
	for k := range s.Sentences {
		x := &s.Sentences[k]
		u := &p.sents[k]
		u.zh = x.Lang == "zh"
		n := 0
		for _, r := range x.Text {
			if !unicode.IsSpace(r) {
				n++
			}
		}
		u.chars = float64(n)
		// The aligner's reading.
		lang := "en"
		var enW []string
		var zhLong []int32 // the Chinese concepts of two characters or more
		haveLong := false
		if u.zh {
			lang = "zh"
			if len(x.Words) > 0 {
				words := make([]string, len(x.Words))
				for i, w := range x.Words {
					words[i] = w.Text
				}
				u.concepts = lx.zhWordConcepts(u.concepts, words)
			} else if withFeatures {
				// One pass gives the forms of one character and more, and
				// those of two and more that the features read.
				u.concepts, zhLong = lx.zhTextConcepts2(u.concepts, nil, x.Text)
				haveLong = true
			} else {
				u.concepts = lx.zhTextConcepts(u.concepts, x.Text, 1)
			}
			u.latin = keysOnce(latinWords(x.Text))
		} else {
			enW = enWords(x.Text)
			u.concepts = lx.enConcepts(u.concepts, enW)
			var maybe []string
			for _, w := range enW {
				if couldBeLatin(w) {
					maybe = append(maybe, w)
				}
			}
			u.latin = keysOnce(maybe)
		}
		u.concepts = dedup(u.concepts)
		anchors := scanNumbers(x.Text, lang)
		addNum := func(an anchorNum) {
			if an.w == 0 {
				return
			}
			u.nums = append(u.nums, an.key)
			if zhDoc && u.zh {
				u.vars = append(u.vars, variantKeys(an.val))
			} else {
				u.vars = append(u.vars, nil)
			}
		}
		for _, an := range anchors {
			addNum(an)
		}
		for _, i := range byS[k] {
			addNum(claimAn[i])
		}

		if !withFeatures {
			continue
		}
		// The pairing features' reading, which takes a sentence of no
		// language for one of the document's.
		fzh := x.Lang == "zh" || x.Lang == "" && zhDoc
		if fzh != u.zh {
			flang := "en"
			if fzh {
				flang = "zh"
			}
			anchors = scanNumbers(x.Text, flang)
		}
		for _, a := range anchors {
			if a.w > 0 && a.val.ok {
				f.vals[a.key] = true
			}
		}
		var cs []int32
		switch {
		case fzh && haveLong:
			cs = zhLong
		case fzh:
			cs = lx.zhTextConcepts(nil, x.Text, 2)
		case !u.zh:
			cs = u.concepts // the same English reading (deduplicated, which a set does not mind)
		default:
			cs = lx.enConcepts(nil, enWords(x.Text))
		}
		f.cons = append(f.cons, cs...)
		// Added one character at a time, as the features always were, so
		// that the sum rounds the same.
		step := 0.3
		if fzh {
			step = 1
		}
		for range n {
			f.chars += step
		}
	}
	if withFeatures {
		p.feat = finishFeatures(s, f, claimAn, zhDoc)
	}

	p.claims = make([]claimPrep, len(s.Claims))
	for i, c := range s.Claims {
		cp := &p.claims[i]
		if zhDoc {
			cp.ctx = dedup(lx.zhTextConcepts(nil, c.Context, 1))
		} else {
			cp.ctx = dedup(lx.enConcepts(nil, enWords(c.Context)))
		}
		cp.dec = decimalOf(c.Value)
		// isSmall: not a value, or an integer under 10 in size.
		cp.small = !cp.dec.ok || cp.dec.isInt() && cp.dec.intDigits() < 2
		if cp.dec.ok {
			cp.neg = c.Value[0] == '-' && cp.dec.digits != ""
			cp.f, _ = strconv.ParseFloat(c.Value, 64)
			cp.f = math.Abs(cp.f)
		}
	}
	return p
}

// finishFeatures adds to f, which holds what the sentences give, what the
// claims and the title give.
func finishFeatures(s Side, f docFeatures, claimAn []anchorNum, zhDoc bool) docFeatures {
	lx := mustLexicon()
	for _, a := range claimAn {
		if a.w > 0 {
			f.vals[a.key] = true
		}
	}
	f.cons = dedup(f.cons)
	for k := range f.vals {
		f.nfig++
		if !zhDoc {
			// An English value may be a Chinese one mistranslated.
			if v, ok := parseKey(k); ok {
				f.slips = append(f.slips, variantKeys(v)...)
			}
		}
	}
	sort.Strings(f.slips)
	title := ""
	if s.Doc != nil {
		title, f.date = s.Doc.Title, s.Doc.Date
	}
	if title == "" && len(s.Sentences) > 0 {
		title = s.Sentences[0].Text
	}
	var tc []int32
	if zhDoc {
		tc = lx.zhTextConcepts(nil, title, 2)
	} else {
		tc = lx.enConcepts(nil, enWords(title))
	}
	for _, c := range tc {
		f.title[c] = true
	}
	return f
}

// keysOnce returns the "l:" keys of words, each once, in order.
func keysOnce(words []string) []string {
	var out []string
	var seen map[string]bool
	for k, w := range words {
		dup := false
		if k < 16 {
			for _, x := range words[:k] {
				if x == w {
					dup = true
					break
				}
			}
		} else {
			if seen == nil {
				seen = map[string]bool{}
				for _, x := range words[:k] {
					seen[x] = true
				}
			}
			dup = seen[w]
			seen[w] = true
		}
		if !dup {
			out = append(out, "l:"+w)
		}
	}
	return out
}

// couldBeLatin reports whether latinWords could return w: two or more
// ASCII letters and digits, one a letter.
func couldBeLatin(w string) bool {
	if len(w) < 2 {
		return false
	}
	letter := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'a' <= c && c <= 'z':
			letter = true
		case isDigit(c):
		default:
			return false
		}
	}
	return letter
}
