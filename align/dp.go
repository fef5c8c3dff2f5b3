package align

import (
	"math"
	"sort"
)

// run aligns the whole pair: a monotone pass, then out-of-order passes over
// the leftovers.
func (a *aligner) run() []Bead {
	n, m := len(a.zu), len(a.eu)
	beads := a.dp(0, n, 0, m)
	for round := 0; round < a.p.Rounds; round++ {
		var changed bool
		beads, changed = a.reorderPass(beads)
		if !changed {
			break
		}
	}
	beads = a.attachPass(beads)
	return orderBeads(beads)
}

// span is a half-open range of sentence indexes.
type span struct{ lo, hi int }

// dp runs the monotone dynamic programme over Chinese sentences [z0, z1)
// and English sentences [e0, e1), searching in full when the block is small
// and inside a corridor around an anchor chain otherwise.
func (a *aligner) dp(z0, z1, e0, e1 int) []Bead {
	n, m := z1-z0, e1-e0
	if n == 0 || m == 0 {
		var out []Bead
		for i := z0; i < z1; i++ {
			out = append(out, Bead{ZH: []int{i}})
		}
		for j := e0; j < e1; j++ {
			out = append(out, Bead{EN: []int{j}})
		}
		return out
	}
	// rows[i-z0] is the band of English positions (sentences consumed)
	// allowed after i Chinese sentences.
	rows := make([]span, n+1)
	if n*m <= a.p.FullCells {
		for i := range rows {
			rows[i] = span{e0, e1}
		}
	} else {
		rows = a.band(z0, z1, e0, e1)
	}
	ev := a.evidence(z0, z1, rows)
	off := make([]int, n+2)
	for i := 0; i <= n; i++ {
		off[i+1] = off[i] + rows[i].hi - rows[i].lo + 1
	}
	score := make([]float64, off[n+1])
	back := make([]int8, off[n+1])
	for k := range score {
		score[k] = math.Inf(-1)
	}
	at := func(i, j int) int { // i, j relative to z0 / absolute
		r := rows[i]
		if j < r.lo || j > r.hi {
			return -1
		}
		return off[i] + j - r.lo
	}
	score[at(0, e0)] = 0
	for i := 0; i <= n; i++ {
		r := rows[i]
		for j := r.lo; j <= r.hi; j++ {
			k := at(i, j)
			best, bt := score[k], back[k]
			for t, sh := range beadShapes {
				pi, pj := i-sh[0], j-sh[1]
				if pi < 0 || pj < e0 {
					continue
				}
				pk := at(pi, pj)
				if pk < 0 || math.IsInf(score[pk], -1) {
					continue
				}
				if sh[0]+sh[1] > 2 && score[pk]+a.beadBound(ev, z0+pi, z0+i, pj, j) <= best {
					continue // cannot win: skip the exact union computation
				}
				s := score[pk] + a.beadScore(ev, z0+pi, z0+i, pj, j)
				if s > best {
					best, bt = s, int8(t)
				}
			}
			score[k], back[k] = best, bt
		}
	}
	// Trace back from the end.
	var out []Bead
	i, j := n, e1
	for i > 0 || j > e0 {
		k := at(i, j)
		sh := beadShapes[back[k]]
		pi, pj := i-sh[0], j-sh[1]
		b := Bead{}
		for x := z0 + pi; x < z0+i; x++ {
			b.ZH = append(b.ZH, x)
		}
		for y := pj; y < j; y++ {
			b.EN = append(b.EN, y)
		}
		if len(b.ZH) > 0 && len(b.EN) > 0 {
			margin := a.beadScore(ev, z0+pi, z0+i, pj, j) + a.p.Skip*float64(len(b.ZH)+len(b.EN))
			b.Score = round3(1 / (1 + math.Exp(-margin/2)))
			out = append(out, b)
		} else {
			// Report skipped sentences one by one.
			for _, x := range b.ZH {
				out = append(out, Bead{ZH: []int{x}})
			}
			for _, y := range b.EN {
				out = append(out, Bead{EN: []int{y}})
			}
		}
		i, j = pi, pj
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// evidenceRows holds dense copies of the sparse similarity for the columns
// a band can touch, so the inner loop does no searching.
type evidenceRows struct {
	z0   int
	lo   []int
	lex  [][]float32
	num  [][]float32
	full *sparseSim
}

func (e *evidenceRows) get(i, j int) (float32, float32) {
	r := i - e.z0
	k := j - e.lo[r]
	if k >= 0 && k < len(e.lex[r]) {
		return e.lex[r][k], e.num[r][k]
	}
	return e.full.get(i, j)
}

// evidence builds the dense rows: Chinese sentence z0+r is touched by
// beads ending at rows r+1..r+3, so it needs their columns.
func (a *aligner) evidence(z0, z1 int, rows []span) *evidenceRows {
	n := z1 - z0
	e := &evidenceRows{z0: z0, lo: make([]int, n), lex: make([][]float32, n), num: make([][]float32, n), full: &a.sim}
	for r := 0; r < n; r++ {
		lo := max(rows[r+1].lo-3, 0)
		hi := rows[min(r+3, n)].hi
		e.lo[r] = lo
		if hi <= lo {
			continue
		}
		lex := make([]float32, hi-lo)
		num := make([]float32, hi-lo)
		for _, c := range a.sim.rows[z0+r] {
			if k := int(c.j) - lo; k >= 0 && k < len(lex) {
				lex[k], num[k] = c.lex, c.num
			}
		}
		e.lex[r], e.num[r] = lex, num
	}
	return e
}

// beadScore scores Chinese [i0, i1) against English [j0, j1).
func (a *aligner) beadScore(ev *evidenceRows, i0, i1, j0, j1 int) float64 {
	p := &a.p
	da, db := i1-i0, j1-j0
	if da == 0 || db == 0 {
		return -p.Skip * float64(da+db)
	}
	var lz, le, cz, ce, nz, ne, lexH, numH float64
	for i := i0; i < i1; i++ {
		lz += a.lenZ[i]
	}
	for j := j0; j < j1; j++ {
		le += a.lenE[j]
	}
	if da == 1 && db == 1 {
		cz, ce, nz, ne = a.conZ[i0], a.conE[j0], a.numZ[i0], a.numE[j0]
		l, n := ev.get(i0, j0)
		lexH, numH = float64(l), float64(n)
	} else {
		lexH, numH, cz, ce, nz, ne = a.unionEvidence(i0, i1, j0, j1)
	}
	s := p.Bonus - p.Merge*float64(da+db-2)
	s += a.lengthScore(lz, le)
	s += p.LexHit*lexH - p.LexMiss*max(0, (cz+ce)/2-lexH)
	s += p.NumHit*numH - p.NumMiss*max(0, (nz+ne)/2-numH)
	return s
}

// beadBound is an upper bound of beadScore for a bead of several
// sentences: the union of the sentences' items shares no more than the sum
// of the pairwise shares, and the length and miss terms are never positive.
func (a *aligner) beadBound(ev *evidenceRows, i0, i1, j0, j1 int) float64 {
	p := &a.p
	var lexH, numH float64
	for i := i0; i < i1; i++ {
		for j := j0; j < j1; j++ {
			l, n := ev.get(i, j)
			lexH += float64(l)
			numH += float64(n)
		}
	}
	return p.Bonus - p.Merge*float64(i1-i0+j1-j0-2) + p.LexHit*lexH + p.NumHit*numH
}

func (a *aligner) lengthScore(lz, le float64) float64 {
	p := &a.p
	d := (le - lz) / math.Sqrt(p.LenVar*(lz+le)/2+1)
	return max(-p.LenWeight*d*d/2, -p.LenCap)
}

// attachPass gives each sentence left unaligned next to an aligned bead a
// second chance: the translator often merged it into its neighbour. It joins
// the bead when that raises the bead's evidence (length fit, shared words
// and numbers) by at least Attach.
func (a *aligner) attachPass(beads []Bead) []Bead {
	zb := map[int]int{} // sentence -> bead index, aligned beads only
	eb := map[int]int{}
	index := func() {
		clear(zb)
		clear(eb)
		for k, b := range beads {
			if len(b.ZH) > 0 && len(b.EN) > 0 {
				for _, i := range b.ZH {
					zb[i] = k
				}
				for _, j := range b.EN {
					eb[j] = k
				}
			}
		}
	}
	index()
	gone := map[int]bool{}
	for k, b := range beads {
		if len(b.ZH) > 0 && len(b.EN) > 0 {
			continue
		}
		zhSide := len(b.ZH) == 1
		x := 0
		if zhSide {
			x = b.ZH[0]
		} else {
			x = b.EN[0]
		}
		owner := zb
		if !zhSide {
			owner = eb
		}
		best, bestGain := -1, a.p.Attach
		for _, nb := range []int{x - 1, x + 1} {
			t, ok := owner[nb]
			if !ok {
				continue
			}
			tb := beads[t]
			if len(tb.ZH)+len(tb.EN) >= 5 {
				continue
			}
			i0, i1, j0, j1 := tb.ZH[0], tb.ZH[len(tb.ZH)-1]+1, tb.EN[0], tb.EN[len(tb.EN)-1]+1
			before := a.evidenceScore(i0, i1, j0, j1)
			if zhSide {
				i0, i1 = min(i0, x), max(i1, x+1)
			} else {
				j0, j1 = min(j0, x), max(j1, x+1)
			}
			if g := a.evidenceScore(i0, i1, j0, j1) - before; g > bestGain {
				best, bestGain = t, g
			}
		}
		if best < 0 {
			continue
		}
		tb := &beads[best]
		if zhSide {
			tb.ZH = insertSorted(tb.ZH, x)
			zb[x] = best
		} else {
			tb.EN = insertSorted(tb.EN, x)
			eb[x] = best
		}
		gone[k] = true
	}
	if len(gone) == 0 {
		return beads
	}
	out := beads[:0:0]
	for k, b := range beads {
		if !gone[k] {
			out = append(out, b)
		}
	}
	return out
}

func insertSorted(s []int, x int) []int {
	s = append(s, x)
	sort.Ints(s)
	return s
}

// evidenceScore is the part of a bead's score that comes from its content:
// length fit, shared words and shared numbers.
func (a *aligner) evidenceScore(i0, i1, j0, j1 int) float64 {
	p := &a.p
	var lz, le float64
	for i := i0; i < i1; i++ {
		lz += a.lenZ[i]
	}
	for j := j0; j < j1; j++ {
		le += a.lenE[j]
	}
	lexH, numH, cz, ce, nz, ne := a.unionEvidence(i0, i1, j0, j1)
	return a.lengthScore(lz, le) +
		p.LexHit*lexH - p.LexMiss*max(0, (cz+ce)/2-lexH) +
		p.NumHit*numH - p.NumMiss*max(0, (nz+ne)/2-numH)
}

// band returns, for each Chinese position in [z0, z1], the corridor of
// English positions the search may visit: Band sentences either side of the
// piecewise-linear path through a chain of confident anchors (pairs that are
// each other's best match), taken in increasing order on both sides.
func (a *aligner) band(z0, z1, e0, e1 int) []span {
	type anchor struct {
		i, j int
		w    float64
	}
	var as []anchor
	for _, pr := range a.mutualBest(2) {
		if pr[0] >= z0 && pr[0] < z1 && pr[1] >= e0 && pr[1] < e1 {
			l, n := a.sim.get(pr[0], pr[1])
			as = append(as, anchor{pr[0], pr[1], float64(l) + a.p.NumHit*float64(n)})
		}
	}
	// Heaviest chain increasing in both i and j (O(k²); k <= n).
	best := make([]float64, len(as))
	prev := make([]int, len(as))
	top := -1
	for x := range as {
		best[x], prev[x] = as[x].w, -1
		for y := 0; y < x; y++ {
			if as[y].i < as[x].i && as[y].j < as[x].j && best[y]+as[x].w > best[x] {
				best[x], prev[x] = best[y]+as[x].w, y
			}
		}
		if top < 0 || best[x] > best[top] {
			top = x
		}
	}
	pts := [][2]float64{{float64(z0), float64(e0)}}
	var chain [][2]float64
	for x := top; x >= 0; x = prev[x] {
		chain = append(chain, [2]float64{float64(as[x].i) + 0.5, float64(as[x].j) + 0.5})
	}
	for k := len(chain) - 1; k >= 0; k-- {
		pts = append(pts, chain[k])
	}
	pts = append(pts, [2]float64{float64(z1), float64(e1)})
	center := func(i float64) float64 {
		k := sort.Search(len(pts), func(k int) bool { return pts[k][0] >= i })
		if k == 0 {
			return pts[0][1]
		}
		if k == len(pts) {
			return pts[len(pts)-1][1]
		}
		p, q := pts[k-1], pts[k]
		if q[0] == p[0] {
			return q[1]
		}
		return p[1] + (q[1]-p[1])*(i-p[0])/(q[0]-p[0])
	}
	n := z1 - z0
	w := a.p.Band
	rows := make([]span, n+1)
	for r := 0; r <= n; r++ {
		i := float64(z0 + r)
		c1, c2 := center(i-1), center(i+1)
		rows[r] = span{int(math.Floor(min(c1, c2))) - w, int(math.Ceil(max(c1, c2))) + w}
	}
	// Clamp, and make both edges non-decreasing so every cell can be
	// reached and can reach the end.
	for r := n; r >= 0; r-- {
		rows[r].lo = max(rows[r].lo, e0)
		if r < n {
			rows[r].lo = min(rows[r].lo, rows[r+1].lo)
		}
	}
	for r := 0; r <= n; r++ {
		rows[r].hi = min(rows[r].hi, e1)
		if r > 0 {
			rows[r].hi = max(rows[r].hi, rows[r-1].hi)
		}
	}
	rows[0].lo = e0
	rows[n].hi = e1
	return rows
}

// reorderPass pairs runs of unaligned Chinese sentences with runs of
// unaligned English sentences that share evidence, best pair first, and
// aligns each chosen pair of runs on its own. This is how blocks that the
// translator moved are found.
func (a *aligner) reorderPass(beads []Bead) ([]Bead, bool) {
	zFree := map[int]bool{}
	eFree := map[int]bool{}
	for _, b := range beads {
		if len(b.EN) == 0 {
			zFree[b.ZH[0]] = true
		}
		if len(b.ZH) == 0 {
			eFree[b.EN[0]] = true
		}
	}
	zr := runsOf(zFree, len(a.zu))
	er := runsOf(eFree, len(a.eu))
	if len(zr) == 0 || len(er) == 0 {
		return beads, false
	}
	type cand struct {
		z, e int
		ev   float64
	}
	var cs []cand
	enRun := make([]int, len(a.eu))
	for k := range enRun {
		enRun[k] = -1
	}
	for k, r := range er {
		for j := r.lo; j < r.hi; j++ {
			enRun[j] = k
		}
	}
	for zk, r := range zr {
		evs := map[int]float64{}
		for i := r.lo; i < r.hi; i++ {
			for _, c := range a.sim.rows[i] {
				if ek := enRun[c.j]; ek >= 0 {
					evs[ek] += float64(c.lex) + a.p.NumHit*float64(c.num)
				}
			}
		}
		for ek, v := range evs {
			if v >= a.p.Reorder {
				cs = append(cs, cand{zk, ek, v})
			}
		}
	}
	sort.Slice(cs, func(x, y int) bool {
		if cs[x].ev != cs[y].ev {
			return cs[x].ev > cs[y].ev
		}
		return cs[x].z < cs[y].z || cs[x].z == cs[y].z && cs[x].e < cs[y].e
	})
	usedZ, usedE := map[int]bool{}, map[int]bool{}
	var added []Bead
	for _, c := range cs {
		if usedZ[c.z] || usedE[c.e] {
			continue
		}
		sub := a.dp(zr[c.z].lo, zr[c.z].hi, er[c.e].lo, er[c.e].hi)
		aligned := false
		for _, b := range sub {
			if len(b.ZH) > 0 && len(b.EN) > 0 {
				aligned = true
			}
		}
		if !aligned {
			continue
		}
		usedZ[c.z], usedE[c.e] = true, true
		added = append(added, sub...)
	}
	if len(added) == 0 {
		return beads, false
	}
	out := beads[:0:0]
	for _, b := range beads {
		if len(b.EN) == 0 && usedZ[runIndex(zr, b.ZH[0])] {
			continue
		}
		if len(b.ZH) == 0 && usedE[runIndex(er, b.EN[0])] {
			continue
		}
		out = append(out, b)
	}
	return append(out, added...), true
}

func runsOf(free map[int]bool, n int) []span {
	var out []span
	for i := 0; i < n; i++ {
		if !free[i] {
			continue
		}
		j := i
		for j < n && free[j] {
			j++
		}
		out = append(out, span{i, j})
		i = j
	}
	return out
}

func runIndex(rs []span, x int) int {
	k := sort.Search(len(rs), func(k int) bool { return rs[k].hi > x })
	if k < len(rs) && rs[k].lo <= x {
		return k
	}
	return -1
}

// orderBeads sorts beads by their first Chinese sentence; an English-only
// bead follows the bead holding the English sentence before it.
func orderBeads(beads []Bead) []Bead {
	enBead := map[int]int{}
	for k, b := range beads {
		for _, j := range b.EN {
			enBead[j] = k
		}
	}
	type key struct {
		z   float64
		sub int
	}
	keys := make([]key, len(beads))
	var keyOf func(k int, depth int) key
	keyOf = func(k int, depth int) key {
		b := beads[k]
		if len(b.ZH) > 0 {
			return key{float64(b.ZH[0]), -1}
		}
		j := b.EN[0]
		if pk, ok := enBead[j-1]; ok && depth < len(beads) {
			pk := keyOf(pk, depth+1)
			return key{pk.z, j}
		}
		return key{-1, j}
	}
	for k := range beads {
		keys[k] = keyOf(k, 0)
	}
	idx := make([]int, len(beads))
	for k := range idx {
		idx[k] = k
	}
	sort.SliceStable(idx, func(x, y int) bool {
		a, b := keys[idx[x]], keys[idx[y]]
		if a.z != b.z {
			return a.z < b.z
		}
		return a.sub < b.sub
	})
	out := make([]Bead, len(beads))
	for k, x := range idx {
		out[k] = beads[x]
	}
	return out
}

// unionEvidence computes the evidence of a bead of several sentences on the
// union of their items.
func (a *aligner) unionEvidence(i0, i1, j0, j1 int) (lexH, numH, cz, ce, nz, ne float64) {
	sc := &a.scratch
	zc, zn, zv := sc[0][:0], sc[1][:0], sc[2][:0]
	for i := i0; i < i1; i++ {
		zc = union(zc, a.zw[i].con)
		zn = union(zn, a.zw[i].num)
		zv = union(zv, a.zw[i].vars)
	}
	ec, en := sc[3][:0], sc[4][:0]
	for j := j0; j < j1; j++ {
		ec = union(ec, a.ew[j].con)
		en = union(en, a.ew[j].num)
	}
	lexH, cz, ce = overlap(zc, ec)
	numH, nz, ne = overlap(zn, en)
	v, _, _ := overlap(zv, en)
	numH += v
	sc[0], sc[1], sc[2], sc[3], sc[4] = zc, zn, zv, ec, en
	return
}
