package align

import (
	"sort"

	"figures/extract"
)

// Check aligns zh with en and links their figures: first inside each
// aligned bead, then, for the figures left over, across the document
// (translators move figures between sentences); no figure is linked twice.
// Every link gets a verdict and a one-line explanation; the Chinese figures
// left unlinked are Dropped, the English ones Added.
func Check(zh, en Side) Report {
	return checkPrepared(prepare(zh, true, false), prepare(en, false, false))
}

// CheckPrepared is Check on prepared sides: PrepareZH(zh) and PrepareEN(en)
// give the report Check(zh, en) gives.
func CheckPrepared(zh, en *Prepared) Report {
	if !zh.zh {
		zh = prepare(zh.side, true, false)
	}
	if en.zh {
		en = prepare(en.side, false, false)
	}
	return checkPrepared(zh, en)
}

func checkPrepared(zhp, enp *Prepared) Report {
	zh, en := zhp.side, enp.side
	r := Report{ZH: summary(zh), EN: summary(en)}
	r.Alignment = alignPrepared(zhp, enp, DefaultParams())
	r.Links, r.Dropped, r.Added = linkFigures(zhp, enp, r.Alignment)
	return r
}

// candidate is a possible link between Chinese claim z and English claim e.
// The comparison that gives the link its verdict is made only for the
// candidates that become links.
type candidate struct {
	z, e  int
	score float64
}

func linkFigures(zhp, enp *Prepared, beads []Bead) (links []Link, dropped, added []extract.Claim) {
	zh, en := zhp.side, enp.side
	zBead := make([]int, len(zh.Sentences))
	eBead := make([]int, len(en.Sentences))
	for k := range zBead {
		zBead[k] = -1
	}
	for k := range eBead {
		eBead[k] = -1
	}
	for k, b := range beads {
		if len(b.ZH) == 0 || len(b.EN) == 0 {
			continue
		}
		for _, i := range b.ZH {
			zBead[i] = k
		}
		for _, j := range b.EN {
			eBead[j] = k
		}
	}
	beadOf := func(bs []int, s int) int {
		if s < 0 || s >= len(bs) {
			return -1
		}
		return bs[s]
	}
	zp, ep := zhp.claims, enp.claims
	// Relative position of each claim inside its bead, to prefer links
	// that keep the order of figures.
	zPos := positions(zh.Claims, func(c extract.Claim) int { return beadOf(zBead, c.Sentence) })
	ePos := positions(en.Claims, func(c extract.Claim) int { return beadOf(eBead, c.Sentence) })

	zUsed := make([]bool, len(zh.Claims))
	eUsed := make([]bool, len(en.Claims))
	linkBead := map[[2]int]int{}
	take := func(cs []candidate, bead func(candidate) int) {
		sort.SliceStable(cs, func(x, y int) bool {
			if cs[x].score != cs[y].score {
				return cs[x].score > cs[y].score
			}
			if cs[x].z != cs[y].z {
				return cs[x].z < cs[y].z
			}
			return cs[x].e < cs[y].e
		})
		for _, c := range cs {
			if zUsed[c.z] || eUsed[c.e] {
				continue
			}
			zUsed[c.z], eUsed[c.e] = true, true
			cmp := compare(zh.Claims[c.z], en.Claims[c.e])
			l := Link{ZH: zh.Claims[c.z], EN: en.Claims[c.e], Verdict: cmp.verdict,
				Error: cmp.class, Explanation: cmp.expl, Bead: bead(c)}
			linkBead[[2]int{c.z, c.e}] = l.Bead
			links = append(links, l)
		}
	}

	// Pass 1: inside beads.
	enInBead := map[int][]int{}
	for j, e := range en.Claims {
		if b := beadOf(eBead, e.Sentence); b >= 0 {
			enInBead[b] = append(enInBead[b], j)
		}
	}
	var cs []candidate
	for i, z := range zh.Claims {
		bz := beadOf(zBead, z.Sentence)
		if bz < 0 {
			continue
		}
		for _, j := range enInBead[bz] {
			e := en.Claims[j]
			if !kindsLinkable(z, e) {
				continue
			}
			strength := linkStrength(z, e, &zp[i], &ep[j])
			ctx := sharesAny(zp[i].ctx, ep[j].ctx)
			if strength == 0 && !(ctx && z.Kind == e.Kind && !unitConflict(z, e)) {
				continue // unrelated values need the same kind of thing counted
			}
			s := strength + orderBonus(zPos[i], ePos[j])
			if ctx {
				s += 2
			}
			if z.Kind == e.Kind {
				s++
			}
			if z.Unit != "" && z.Unit == e.Unit {
				s++
			}
			cs = append(cs, candidate{z: i, e: j, score: s})
		}
	}
	take(cs, func(c candidate) int { return beadOf(zBead, zh.Claims[c.z].Sentence) })

	// Pass 2: across the document, for figures left over. Only values that
	// agree, or differ by a typical slip with the same kind of thing
	// counted, are linked; small numbers need agreement and context.
	// Every leftover pair is compared, unless there are so many (two long
	// documents that barely align) that this would take minutes: then only
	// equal values are linked across the document.
	cs = cs[:0]
	var zLeft, eLeft []int
	for i := range zh.Claims {
		if !zUsed[i] {
			zLeft = append(zLeft, i)
		}
	}
	for j := range en.Claims {
		if !eUsed[j] {
			eLeft = append(eLeft, j)
		}
	}
	partners := func(int) []int { return eLeft }
	if len(zLeft)*len(eLeft) > maxCrossPairs {
		byValue := map[string][]int{}
		for _, j := range eLeft {
			byValue[en.Claims[j].Value] = append(byValue[en.Claims[j].Value], j)
		}
		partners = func(i int) []int { return byValue[zh.Claims[i].Value] }
	}
	for _, i := range zLeft {
		z := zh.Claims[i]
		for _, j := range partners(i) {
			e := en.Claims[j]
			if !kindsLinkable(z, e) {
				continue
			}
			strength := linkStrength(z, e, &zp[i], &ep[j])
			if strength < 5 {
				continue
			}
			ctx := sharesAny(zp[i].ctx, ep[j].ctx)
			sameThing := z.Kind == e.Kind && (z.Unit == e.Unit || z.Unit == "" || e.Unit == "") || ctx
			small := zp[i].small || ep[j].small
			switch {
			case strength >= 8 && (!small || ctx && sameThing):
			case strength >= 5 && sameThing && ctx && !small:
			default:
				continue
			}
			s := strength
			if ctx {
				s += 2
			}
			if z.Kind == e.Kind {
				s++
			}
			// Nearer sentences first.
			s -= 0.01 * float64(absInt(relPos(z.Sentence, len(zh.Sentences))-relPos(e.Sentence, len(en.Sentences))))
			cs = append(cs, candidate{z: i, e: j, score: s})
		}
	}
	take(cs, func(candidate) int { return -1 })

	sort.SliceStable(links, func(x, y int) bool { return links[x].ZH.Start < links[y].ZH.Start })
	for i, u := range zUsed {
		if !u {
			dropped = append(dropped, zh.Claims[i])
		}
	}
	for j, u := range eUsed {
		if !u {
			added = append(added, en.Claims[j])
		}
	}
	return links, dropped, added
}

// maxCrossPairs bounds the figure pairs compared across the document
// (about a second of work); beyond it only equal values are linked there.
const maxCrossPairs = 1 << 20

// kindsLinkable says whether two kinds of claim can describe the same
// figure (a translation may turn points into percent, a fraction into a
// percentage, or a sum of money into a count by mistake).
func kindsLinkable(z, e extract.Claim) bool {
	if z.Kind == e.Kind {
		return true
	}
	group := func(k extract.Kind) int {
		switch k {
		case extract.Percent, extract.PercentPoints, extract.Ratio:
			return 1
		case extract.Count, extract.Money, extract.Measure, extract.Rate:
			return 2
		case extract.Multiple:
			return 3
		}
		return 0
	}
	return group(z.Kind) == group(e.Kind) && group(z.Kind) != 0
}

func sharesAny(a, b []int32) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// positions gives each claim its relative position (0..1) among the claims
// of the same bead.
func positions(cs []extract.Claim, bead func(extract.Claim) int) []float64 {
	byBead := map[int][]int{}
	for i, c := range cs {
		byBead[bead(c)] = append(byBead[bead(c)], i)
	}
	out := make([]float64, len(cs))
	for _, idx := range byBead {
		for k, i := range idx {
			if len(idx) > 1 {
				out[i] = float64(k) / float64(len(idx)-1)
			}
		}
	}
	return out
}

func orderBonus(a, b float64) float64 {
	d := a - b
	if d < 0 {
		d = -d
	}
	return 1 - d
}

func relPos(s, n int) int {
	if n == 0 {
		return 0
	}
	return s * 100 / n
}

func summary(s Side) DocSummary {
	d := DocSummary{}
	if s.Doc != nil {
		d.File = s.Doc.Path
	}
	d.Sentences = make([]SentenceSpan, len(s.Sentences))
	for i, x := range s.Sentences {
		d.Sentences[i] = SentenceSpan{Start: x.Start, End: x.End, Text: x.Text}
	}
	return d
}
