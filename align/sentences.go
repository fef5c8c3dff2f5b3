package align

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"figures/segment"
)

// Params tune the sentence aligner. DefaultParams were tuned on the dev
// third of ../shared/parallel (see eval/align); the zero value is not useful.
type Params struct {
	// Skip is the cost of leaving one sentence unaligned (a 1-0 or 0-1 bead).
	Skip float64
	// Bonus is added to every bead that aligns sentences on both sides.
	Bonus float64
	// Merge is the cost of each sentence beyond the first on a side of a
	// bead (a 2-1 bead pays it once, a 2-2 twice, a 3-1 twice).
	Merge float64
	// LenWeight and LenVar shape the length term: -LenWeight·δ²/2, with δ
	// the Gale–Church deviation for variance LenVar; LenCap bounds it so a
	// strongly evidenced pair survives an odd length.
	LenWeight, LenVar, LenCap float64
	// LexHit rewards each lexicon concept found on both sides; LexMiss
	// penalises each concept found on one side only.
	LexHit, LexMiss float64
	// NumHit rewards each shared number (weighted); NumMiss penalises an
	// unshared one; NumVariant is the share of NumHit a value off by a
	// typical translation error (×10, ×10⁴, swapped digits) earns.
	NumHit, NumMiss, NumVariant float64
	// Band is the half-width, in sentences, of the corridor around the
	// anchor path that the dynamic programme searches when the documents
	// are larger than FullCells (n·m); smaller pairs are searched in full.
	Band      int
	FullCells int
	// Reorder is the evidence a leftover block pair needs before it is
	// aligned out of order, and Rounds the number of such passes.
	Reorder float64
	Rounds  int
	// Attach is the gain in evidence an unaligned sentence must bring to
	// join the neighbouring bead.
	Attach float64
	// ParaMin is the evidence an English paragraph needs with one Chinese
	// paragraph before it is moved to that paragraph's place.
	ParaMin float64
}

// DefaultParams returns the tuned parameters.
func DefaultParams() Params {
	return Params{
		Skip: 0.2, Bonus: 1.77, Merge: 2.33,
		LenWeight: 1, LenVar: 6.8, LenCap: 3,
		LexHit: 1.77, LexMiss: 1.06,
		NumHit: 0.42, NumMiss: 2.1, NumVariant: 0.4,
		Band: 24, FullCells: 40000,
		Reorder: 0.67, Rounds: 3, Attach: 0.5, ParaMin: 1.5,
	}
}

// beadShapes are the bead types the dynamic programme considers.
var beadShapes = [][2]int{{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 1}, {1, 3}}

// unit is what the aligner knows of one sentence.
type unit struct {
	zh       bool // read with the Chinese grammar (also for a Chinese paragraph in an English document)
	chars    float64
	concepts []int32
	nums     []int32
	vars     []int32 // keys of typical mistranslations of the numbers (Chinese side only)
}

// Align aligns the sentences of zh and en (see AlignWith).
func Align(zh, en Side) []Bead { return AlignWith(zh, en, DefaultParams()) }

// AlignWith aligns the sentences of zh with those of en and returns beads
// covering every sentence of both sides exactly once, ordered by the
// Chinese side (an English-only bead follows its English predecessor).
//
// It works in two passes. The first is a monotone dynamic programme over
// the two sentence sequences with beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1
// and 1-3, scored by length (Chinese characters against English characters,
// with the ratio estimated from the pair itself), shared lexicon concepts
// and shared numbers; on large pairs it searches only a corridor around a
// chain of confident anchor pairs. Blocks the translator moved end up as
// runs of unaligned sentences on both sides; the second pass pairs such
// runs by their evidence, out of order, and aligns each pair with the same
// programme.
func AlignWith(zh, en Side, p Params) []Bead {
	return alignPrepared(prepare(zh, true, false), prepare(en, false, false), p)
}

func alignPrepared(zh, en *Prepared, p Params) []Bead {
	a := newAligner(zh, en, nil, p)
	perm := a.paragraphOrder(zh.side, en.side)
	if perm == nil {
		return a.run()
	}
	// The translator moved paragraphs: align against the English in the
	// Chinese order, then map the English indexes back.
	beads := newAligner(zh, en, perm, p).run()
	for k := range beads {
		for x, j := range beads[k].EN {
			beads[k].EN[x] = perm[j]
		}
		sort.Ints(beads[k].EN)
	}
	return orderBeads(beads)
}

// paragraphOrder looks for English paragraphs that the translator moved.
// Each English paragraph whose evidence points clearly at one Chinese
// paragraph (at least ParaMin, and more than the runner-up) takes that
// paragraph's position; the others follow the paragraph before them. It
// returns the English sentence order that follows the Chinese (new position
// -> original index), or nil when the paragraphs are already in order.
func (a *aligner) paragraphOrder(zh, en Side) []int {
	zp := paraOf(zh.Sentences)
	ep := paraOf(en.Sentences)
	nz, ne := 0, 0
	for _, x := range zp {
		nz = max(nz, x+1)
	}
	for _, x := range ep {
		ne = max(ne, x+1)
	}
	if nz < 2 || ne < 2 {
		return nil
	}
	// ev[q][p]: for each English sentence of paragraph q, its best match in
	// Chinese paragraph p, summed (so a long paragraph full of weak matches
	// does not outweigh the right one). Both are sparse: a long document of
	// one-sentence paragraphs would make dense tables n·m in size.
	best1 := make([]map[int]float64, len(a.eu)) // English sentence -> Chinese paragraph -> best match
	for i, row := range a.sim.rows {
		for _, c := range row {
			if best1[c.j] == nil {
				best1[c.j] = map[int]float64{}
			}
			v := float64(c.lex) + a.p.NumHit*float64(c.num)
			best1[c.j][zp[i]] = max(best1[c.j][zp[i]], v)
		}
	}
	ev := make([]map[int]float64, ne)
	for q := range ev {
		ev[q] = map[int]float64{}
	}
	for j, row := range best1 {
		for pz, v := range row {
			ev[ep[j]][pz] += v
		}
	}
	keys := make([]float64, ne)
	prev := -1.0
	moved := false
	for q := range ne {
		// The best and second-best Chinese paragraph; on a tie the first.
		best, second, bp := 0.0, 0.0, -1
		for pz, v := range ev[q] {
			switch {
			case v > best:
				best, second, bp = v, best, pz
			case v == best && v > 0:
				second = v
				bp = min(bp, pz)
			case v > second:
				second = v
			}
		}
		// The evidence for leaving the paragraph where it is: the Chinese
		// paragraphs right after the previous one's.
		inPlace := 0.0
		for pz := int(prev); pz <= int(prev)+1; pz++ {
			if pz >= 0 && pz < nz {
				inPlace = max(inPlace, ev[q][pz])
			}
		}
		if bp >= 0 && best >= a.p.ParaMin && best > 1.5*second && best > 1.5*inPlace {
			keys[q] = float64(bp)
		} else {
			keys[q] = prev
		}
		if keys[q] < prev {
			moved = true
		}
		prev = keys[q]
	}
	if !moved {
		return nil
	}
	order := make([]int, ne)
	for q := range order {
		order[q] = q
	}
	sort.SliceStable(order, func(x, y int) bool { return keys[order[x]] < keys[order[y]] })
	byPara := make([][]int, ne)
	for j, pq := range ep {
		byPara[pq] = append(byPara[pq], j)
	}
	var perm []int
	for _, q := range order {
		perm = append(perm, byPara[q]...)
	}
	return perm
}

// paraOf numbers the paragraphs of a sentence list from 0 in order of
// appearance (Sentence.Para may skip numbers).
func paraOf(ss []segment.Sentence) []int {
	out := make([]int, len(ss))
	n, last := -1, 0
	for k, s := range ss {
		if k == 0 || s.Para != last {
			n++
			last = s.Para
		}
		out[k] = n
	}
	return out
}

type aligner struct {
	p      Params
	zu, eu []unit
	ratio  float64 // Chinese characters per English character
	// Weights of concepts and numbers, by identifier (identifiers are
	// dense: concepts from 0 to nCon, numbers from 0 to nNum).
	wCon       []float64
	wNum       []float64
	nCon, nNum int
	conZ       []float64 // weighted concept mass of each unit
	conE       []float64
	numZ       []float64
	numE       []float64
	sim        sparseSim
	lenZ       []float64 // zh-equivalent lengths
	lenE       []float64
	// Weighted, sorted evidence lists per sentence, for beads of more than
	// two sentences, whose evidence is computed on the union of their
	// sentences' items so a word repeated across sentences counts once.
	zw, ew  []weighted
	scratch [6][]wid
}

type wid struct {
	id int32
	w  float32
}

type weighted struct{ con, num, vars []wid }

// newAligner reads the units of zh and en, the English sentences in the
// order perm (new position -> original index) when it is not nil.
func newAligner(zh, en *Prepared, perm []int, p Params) *aligner {
	lx := mustLexicon()
	in := &interner{ids: map[string]int32{}, next: int32(lx.Concepts())}
	nums := &interner{ids: map[string]int32{}}
	a := &aligner{p: p}
	a.zu = make([]unit, len(zh.sents))
	for i := range zh.sents {
		a.zu[i] = makeUnit(&zh.sents[i], in, nums, zh.latin, true)
	}
	a.eu = make([]unit, len(en.sents))
	for j := range a.eu {
		k := j
		if perm != nil {
			k = perm[j]
		}
		a.eu[j] = makeUnit(&en.sents[k], in, nums, zh.latin, false)
	}
	a.nCon, a.nNum = int(in.next), int(nums.next)
	a.weigh()
	a.sim = a.pairwise()
	a.ratio = a.estimateRatio()
	a.lenZ = make([]float64, len(a.zu))
	for i, u := range a.zu {
		a.lenZ[i] = a.zhLen(u)
	}
	a.lenE = make([]float64, len(a.eu))
	for j, u := range a.eu {
		a.lenE[j] = a.zhLen(u)
	}
	return a
}

type interner struct {
	ids  map[string]int32
	next int32
}

func (in *interner) id(s string) int32 {
	if v, ok := in.ids[s]; ok {
		return v
	}
	v := in.next
	in.next++
	in.ids[s] = v
	return v
}

// makeUnit interns a prepared sentence's keys for one pair. Latin words in
// Chinese text (GDP, 5G, APP) are matched in English: latin holds those of
// the Chinese document. The identifiers are given in the order the
// sentences are read, Chinese first, so that sums over them add up in the
// same order every time.
func makeUnit(sp *sentPrep, in, nums *interner, latin map[string]bool, zhDoc bool) unit {
	u := unit{zh: sp.zh, chars: sp.chars, concepts: sp.concepts}
	var extra []int32
	for _, k := range sp.latin {
		if sp.zh || latin[k] {
			extra = append(extra, in.id(k))
		}
	}
	if len(extra) > 0 {
		u.concepts = dedup(append(append(make([]int32, 0, len(sp.concepts)+len(extra)), sp.concepts...), extra...))
	}
	for x, k := range sp.nums {
		u.nums = append(u.nums, nums.id(k))
		if zhDoc && u.zh {
			for _, v := range sp.vars[x] {
				u.vars = append(u.vars, nums.id(v))
			}
		}
	}
	u.nums = dedup(u.nums)
	u.vars = dedup(u.vars)
	return u
}

func dedup(s []int32) []int32 {
	if len(s) < 2 {
		return s
	}
	slices.Sort(s)
	out := s[:1]
	for _, x := range s[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

// enWords splits English text into lower-case words (letters, digits,
// inner hyphens and apostrophes dropped).
func enWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) && r < unicode.MaxLatin1 || unicode.IsDigit(r))
	})
}

// latinWords returns the lower-cased runs of ASCII letters and digits of at
// least two characters with at least one letter, as they appear in Chinese
// text (GDP, 5G, APP).
func latinWords(s string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end-start >= 2 {
			w := strings.ToLower(s[start:end])
			if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				out = append(out, w)
			}
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIILetter(c) || isDigit(c) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

// weigh gives every concept and number a weight that falls with how many
// sentences it occurs in: a word on every line aligns nothing.
func (a *aligner) weigh() {
	// Document frequencies per side, in slices by identifier; an
	// identifier no sentence holds keeps weight 0.
	dfC := make([][2]int, a.nCon)
	dfN := make([][2]int, a.nNum)
	inNums := make([]bool, a.nNum)
	for side, us := range [][]unit{a.zu, a.eu} {
		for _, u := range us {
			for _, c := range u.concepts {
				dfC[c][side]++
			}
			for _, c := range u.nums {
				dfN[c][side]++
				inNums[c] = true
			}
		}
	}
	a.wCon = make([]float64, a.nCon)
	// A concept in a large share of the sentences (全市, "city") weighs
	// little and would make the similarity dense: it is left out, which
	// keeps the cost of pairwise() proportional to the shared rare items.
	dfCap := max(40, (len(a.zu)+len(a.eu))/20)
	for c, d := range dfC {
		if d[0] == 0 || d[1] == 0 || max(d[0], d[1]) > dfCap {
			// A concept seen on one side only is no evidence either way.
			continue
		}
		a.wCon[c] = 1 / math.Sqrt(float64(max(d[0], d[1])))
	}
	a.wNum = make([]float64, a.nNum)
	for c, d := range dfN {
		if inNums[c] {
			a.wNum[c] = 1 / float64(max(d[0], d[1], 1))
		}
	}
	mass := func(us []unit, z bool) (con, num []float64) {
		con, num = make([]float64, len(us)), make([]float64, len(us))
		for i, u := range us {
			for _, c := range u.concepts {
				con[i] += a.wCon[c]
			}
			for _, c := range u.nums {
				num[i] += a.wNum[c]
			}
		}
		return
	}
	a.conZ, a.numZ = mass(a.zu, true)
	a.conE, a.numE = mass(a.eu, false)
	lists := func(us []unit) []weighted {
		out := make([]weighted, len(us))
		for i, u := range us {
			for _, c := range u.concepts {
				if w := a.wCon[c]; w > 0 {
					out[i].con = append(out[i].con, wid{c, float32(w)})
				}
			}
			for _, c := range u.nums {
				out[i].num = append(out[i].num, wid{c, float32(a.wNum[c])})
			}
			for _, c := range u.vars {
				out[i].vars = append(out[i].vars, wid{c, float32(a.p.NumVariant * a.wNum[c])})
			}
		}
		return out
	}
	a.zw, a.ew = lists(a.zu), lists(a.eu)
}

// union merges sorted lists into the sorted list dst, keeping one of each
// id, and returns the grown dst.
func union(dst []wid, lists ...[]wid) []wid {
	for _, l := range lists {
		if len(dst) == 0 {
			dst = append(dst, l...)
			continue
		}
		// Merge l into dst in place from the back.
		n := len(dst)
		extra := 0
		for _, x := range l {
			if !containsID(dst[:n], x.id) {
				extra++
			}
		}
		if extra == 0 {
			continue
		}
		dst = append(dst, make([]wid, extra)...)
		i, j, k := n-1, len(l)-1, len(dst)-1
		for j >= 0 {
			switch {
			case i >= 0 && dst[i].id == l[j].id:
				dst[k] = dst[i]
				i--
				j--
			case i >= 0 && dst[i].id > l[j].id:
				dst[k] = dst[i]
				i--
			default:
				dst[k] = l[j]
				j--
			}
			k--
		}
	}
	return dst
}

func containsID(l []wid, id int32) bool {
	k := sort.Search(len(l), func(k int) bool { return l[k].id >= id })
	return k < len(l) && l[k].id == id
}

// overlap returns the weight of the ids of a that are also in b, and the
// total weights of a and b.
func overlap(a, b []wid) (hit, wa, wb float64) {
	i, j := 0, 0
	for _, x := range a {
		wa += float64(x.w)
	}
	for _, x := range b {
		wb += float64(x.w)
	}
	for i < len(a) && j < len(b) {
		switch {
		case a[i].id == b[j].id:
			hit += float64(a[i].w)
			i++
			j++
		case a[i].id < b[j].id:
			i++
		default:
			j++
		}
	}
	return
}

// sparseSim holds, for each Chinese sentence, the English sentences it
// shares evidence with: lexicon concepts and numbers.
type sparseSim struct {
	rows [][]simCell
}

type simCell struct {
	j        int32
	lex, num float32
}

func (s *sparseSim) get(i, j int) (lex, num float32) {
	row := s.rows[i]
	k := sort.Search(len(row), func(k int) bool { return int(row[k].j) >= j })
	if k < len(row) && int(row[k].j) == j {
		return row[k].lex, row[k].num
	}
	return 0, 0
}

// pairwise computes the sparse similarity through inverted indexes, so the
// cost follows the number of shared items, not n·m.
func (a *aligner) pairwise() sparseSim {
	conPost := make([][]int32, a.nCon)
	numPost := make([][]int32, a.nNum)
	for j, u := range a.eu {
		for _, c := range u.concepts {
			if a.wCon[c] > 0 {
				conPost[c] = append(conPost[c], int32(j))
			}
		}
		for _, c := range u.nums {
			numPost[c] = append(numPost[c], int32(j))
		}
	}
	m := len(a.eu)
	lex := make([]float32, m)
	num := make([]float32, m)
	var touched []int32
	seen := make([]bool, m)
	s := sparseSim{rows: make([][]simCell, len(a.zu))}
	for i, u := range a.zu {
		touched = touched[:0]
		touch := func(j int32) {
			if !seen[j] {
				seen[j] = true
				touched = append(touched, j)
			}
		}
		for _, c := range u.concepts {
			w := float32(a.wCon[c])
			for _, j := range conPost[c] {
				lex[j] += w
				touch(j)
			}
		}
		for _, c := range u.nums {
			w := float32(a.wNum[c])
			for _, j := range numPost[c] {
				num[j] += w
				touch(j)
			}
		}
		for _, c := range u.vars {
			w := float32(a.p.NumVariant * a.wNum[c])
			for _, j := range numPost[c] {
				num[j] += w
				touch(j)
			}
		}
		row := make([]simCell, 0, len(touched))
		if len(touched)*8 > m {
			// Dense row: a scan is cheaper than a sort.
			for j := range m {
				if seen[j] {
					row = append(row, simCell{j: int32(j), lex: lex[j], num: num[j]})
					lex[j], num[j], seen[j] = 0, 0, false
				}
			}
		} else {
			sort.Slice(touched, func(x, y int) bool { return touched[x] < touched[y] })
			for _, j := range touched {
				row = append(row, simCell{j: j, lex: lex[j], num: num[j]})
				lex[j], num[j], seen[j] = 0, 0, false
			}
		}
		s.rows[i] = row
	}
	return s
}

// estimateRatio estimates Chinese characters per English character from
// the pair itself: from the sentence pairs that are each other's best match
// by shared evidence when there are enough of them (a condensed translation
// has fewer English characters overall than its aligned parts suggest),
// else from the totals.
func (a *aligner) estimateRatio() float64 {
	var zc, ec float64
	for _, u := range a.zu {
		if u.zh {
			zc += u.chars
		}
	}
	for _, u := range a.eu {
		if !u.zh {
			ec += u.chars
		}
	}
	ratio := 0.3
	if zc > 0 && ec > 0 {
		ratio = zc / ec
	}
	pairs := a.mutualBest(2)
	var pz, pe float64
	n := 0
	for _, pr := range pairs {
		if a.zu[pr[0]].zh && !a.eu[pr[1]].zh {
			pz += a.zu[pr[0]].chars
			pe += a.eu[pr[1]].chars
			n++
		}
	}
	if n >= 3 && pz > 0 && pe > 0 {
		ratio = pz / pe
	}
	return min(max(ratio, 0.12), 0.8)
}

// mutualBest returns the pairs (i, j) that are each other's best match by
// shared evidence, with at least minEvidence of it.
func (a *aligner) mutualBest(minEvidence float64) [][2]int {
	ev := func(c simCell) float64 { return float64(c.lex) + a.p.NumHit*float64(c.num) }
	colBest := make([]float64, len(a.eu))
	for _, row := range a.sim.rows {
		for _, c := range row {
			colBest[c.j] = max(colBest[c.j], ev(c))
		}
	}
	var out [][2]int
	for i, row := range a.sim.rows {
		best, bj := 0.0, -1
		for _, c := range row {
			if e := ev(c); e > best {
				best, bj = e, int(c.j)
			}
		}
		if bj >= 0 && best >= minEvidence && best >= colBest[bj] {
			out = append(out, [2]int{i, bj})
		}
	}
	return out
}

// zhLen is a unit's length in Chinese characters (English converted).
func (a *aligner) zhLen(u unit) float64 {
	if u.zh {
		return u.chars
	}
	return u.chars * a.ratio
}
