package main

import (
	"bufio"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"figures/align"
	"figures/corpus"
	"figures/extract"
	"figures/segment"
)

// parDoc is one document of ../shared/parallel/<source>/docs.jsonl.
type parDoc struct {
	ID     string   `json:"id"`
	Source string   `json:"source"`
	ZH     []string `json:"zh"`
	EN     []string `json:"en"`
}

// evalUnit is a sentence after perturbation: its text, the original unit
// ids it carries (several after a merge) and its paragraph.
type evalUnit struct {
	text string
	ids  []int
	para int
}

// conditions are the perturbations, applied per document with a generator
// seeded from the run seed and the document id (see perturb).
var conditions = []string{"given", "merge", "drop", "swap", "all"}

func loadParallel(dir string) (map[string][]parDoc, []string, error) {
	bySource := map[string][]parDoc{}
	var sources []string
	paths, _ := filepath.Glob(filepath.Join(dir, "*", "docs.jsonl"))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, nil, fmt.Errorf("open %s: %w", p, err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var d parDoc
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				f.Close()
				return nil, nil, fmt.Errorf("%s: %w", p, err)
			}
			if len(d.ZH) != len(d.EN) || len(d.ZH) == 0 {
				continue
			}
			if _, ok := bySource[d.Source]; !ok {
				sources = append(sources, d.Source)
			}
			bySource[d.Source] = append(bySource[d.Source], d)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", p, err)
		}
	}
	sort.Strings(sources)
	return bySource, sources, nil
}

// isDev puts about a third of the documents in the dev split, by a stable
// hash of the id: parameters are tuned on dev and reported on test.
func isDev(id string) bool {
	h := sha1.Sum([]byte(id))
	return h[0] < 86
}

// perturb applies condition cond to a 1:1 document. Paragraphs are made
// first (runs of 1-5 units, shared by both sides as in a real translation);
// then, each on a side picked at random:
//   - merge: every unit joins the one before it in its paragraph with
//     probability 0.3, up to 3 units in one (zh joined without a space,
//     en with one);
//   - drop: round(10%) of the units, at least one when there are 5 or more;
//   - swap: two paragraphs chosen at random change places.
//
// "all" applies merge, drop and swap in that order.
func perturb(d parDoc, cond string, seed uint64) (zh, en []evalUnit) {
	h := fnv.New64a()
	h.Write([]byte(d.ID))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	para := 0
	for i := range d.ZH {
		if i > 0 && rng.Float64() < 0.3 {
			para++
		}
		zh = append(zh, evalUnit{text: d.ZH[i], ids: []int{i}, para: para})
		en = append(en, evalUnit{text: d.EN[i], ids: []int{i}, para: para})
	}
	side := func() bool { return rng.IntN(2) == 0 } // true: Chinese side
	apply := func(op string) {
		onZH := side()
		us := &en
		sep := " "
		if onZH {
			us, sep = &zh, ""
		}
		switch op {
		case "merge":
			*us = merge(*us, rng, sep)
		case "drop":
			*us = drop(*us, rng)
		case "swap":
			*us = swapParas(*us, rng)
		}
	}
	switch cond {
	case "given":
	case "all":
		apply("merge")
		apply("drop")
		apply("swap")
	default:
		apply(cond)
	}
	return zh, en
}

func merge(us []evalUnit, rng *rand.Rand, sep string) []evalUnit {
	var out []evalUnit
	run := 0
	for _, u := range us {
		if len(out) > 0 && out[len(out)-1].para == u.para && run < 3 && rng.Float64() < 0.3 {
			last := &out[len(out)-1]
			last.text += sep + u.text
			last.ids = append(append([]int(nil), last.ids...), u.ids...)
			run++
			continue
		}
		out = append(out, u)
		run = 1
	}
	return out
}

func drop(us []evalUnit, rng *rand.Rand) []evalUnit {
	k := (len(us) + 5) / 10
	if k == 0 && len(us) >= 5 {
		k = 1
	}
	gone := map[int]bool{}
	for _, x := range rng.Perm(len(us))[:k] {
		gone[x] = true
	}
	var out []evalUnit
	for i, u := range us {
		if !gone[i] {
			out = append(out, u)
		}
	}
	return out
}

func swapParas(us []evalUnit, rng *rand.Rand) []evalUnit {
	var paras [][]evalUnit
	for _, u := range us {
		if len(paras) == 0 || paras[len(paras)-1][0].para != u.para {
			paras = append(paras, nil)
		}
		paras[len(paras)-1] = append(paras[len(paras)-1], u)
	}
	if len(paras) < 2 {
		return us
	}
	p := rng.Perm(len(paras))
	paras[p[0]], paras[p[1]] = paras[p[1]], paras[p[0]]
	var out []evalUnit
	for _, ps := range paras {
		out = append(out, ps...)
	}
	return out
}

// side builds an analysed document from units: one line per paragraph,
// units as its sentences, claims from the extractor.
func side(us []evalUnit, lang string) align.Side {
	var b strings.Builder
	var sents []segment.Sentence
	pos := 0
	for k, u := range us {
		if k > 0 {
			sep := " "
			if u.para != us[k-1].para {
				sep = "\n"
			} else if lang == "zh" {
				sep = ""
			}
			b.WriteString(sep)
			pos += len([]rune(sep))
		}
		n := len([]rune(u.text))
		sents = append(sents, segment.Sentence{Index: k, Para: u.para, Lang: lang,
			Span: corpus.Span{Start: pos, End: pos + n}, Text: u.text})
		b.WriteString(u.text)
		pos += n
	}
	if lang == "zh" {
		for k := range sents {
			// Words cannot fail once the dictionary loaded (checked in main).
			_ = segment.Words(&sents[k])
		}
	}
	doc := &corpus.Document{Text: b.String()}
	return align.Side{Doc: doc, Sentences: sents, Claims: extract.Sentences(sents)}
}

// counts are link counts for precision and recall, and the same for whole
// beads (strict: a predicted bead counts only when it equals a gold bead).
type counts struct{ pred, gold, hit, bPred, bGold, bHit int }

func (c *counts) add(o counts) {
	c.pred += o.pred
	c.gold += o.gold
	c.hit += o.hit
	c.bPred += o.bPred
	c.bGold += o.bGold
	c.bHit += o.bHit
}

// beadPRF is strict bead precision, recall and F1 with the Vecalign
// definitions: precision over predicted beads with both sides, recall over
// gold beads with both sides.
func (c counts) beadPRF() (p, r, f float64) {
	return counts{pred: c.bPred, gold: c.bGold, hit: c.bHit}.prf()
}

func (c counts) prf() (p, r, f float64) {
	if c.pred > 0 {
		p = float64(c.hit) / float64(c.pred)
	}
	if c.gold > 0 {
		r = float64(c.hit) / float64(c.gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// score compares the links implied by beads (every Chinese sentence of a
// bead with every English one) with the gold links (units sharing an
// original id).
func score(zh, en []evalUnit, beads []align.Bead) counts {
	type link struct{ z, e int }
	gold := map[link]bool{}
	byID := map[int][]int{}
	for j, u := range en {
		for _, id := range u.ids {
			byID[id] = append(byID[id], j)
		}
	}
	for i, u := range zh {
		for _, id := range u.ids {
			for _, j := range byID[id] {
				gold[link{i, j}] = true
			}
		}
	}
	var c counts
	c.gold = len(gold)
	for _, b := range beads {
		for _, i := range b.ZH {
			for _, j := range b.EN {
				c.pred++
				if gold[link{i, j}] {
					c.hit++
				}
			}
		}
	}
	// Gold beads: connected groups of units linked through shared ids (a
	// merged unit joins the units its sentences are in).
	goldBeads := map[string]bool{}
	seenZ := map[int]bool{}
	for i := range zh {
		if seenZ[i] {
			continue
		}
		zs, es := []int{}, []int{}
		queue := []int{i}
		seenZ[i] = true
		seenE := map[int]bool{}
		for len(queue) > 0 {
			x := queue[0]
			queue = queue[1:]
			zs = append(zs, x)
			for l := range gold {
				if l.z == x && !seenE[l.e] {
					seenE[l.e] = true
					es = append(es, l.e)
					for l2 := range gold {
						if l2.e == l.e && !seenZ[l2.z] {
							seenZ[l2.z] = true
							queue = append(queue, l2.z)
						}
					}
				}
			}
		}
		if len(es) > 0 {
			goldBeads[beadKey(zs, es)] = true
		}
	}
	c.bGold = len(goldBeads)
	for _, b := range beads {
		if len(b.ZH) > 0 && len(b.EN) > 0 {
			c.bPred++
			if goldBeads[beadKey(b.ZH, b.EN)] {
				c.bHit++
			}
		}
	}
	return c
}

func beadKey(zs, es []int) string {
	z := append([]int(nil), zs...)
	e := append([]int(nil), es...)
	sort.Ints(z)
	sort.Ints(e)
	return fmt.Sprint(z, e)
}

// prepared is one perturbed document, analysed once and aligned with many
// parameter settings.
type prepared struct {
	src, cond string
	zu, eu    []evalUnit
	zs, es    align.Side
}

// prepare perturbs and analyses the documents of the split.
func prepare(bySource map[string][]parDoc, sources []string, split string, seed uint64) []prepared {
	var out []prepared
	for _, src := range sources {
		for _, d := range bySource[src] {
			if split != "all" && (split == "dev") != isDev(d.ID) {
				continue
			}
			for _, cond := range conditions {
				zu, eu := perturb(d, cond, seed)
				out = append(out, prepared{src: src, cond: cond, zu: zu, eu: eu, zs: side(zu, "zh"), es: side(eu, "en")})
			}
		}
	}
	return out
}

// runParallel aligns every prepared document and returns the link counts
// keyed by source and condition, and the time spent aligning.
func runParallel(docs []prepared, p align.Params) (map[string]map[string]counts, time.Duration) {
	res := map[string]map[string]counts{}
	var spent time.Duration
	for _, d := range docs {
		if res[d.src] == nil {
			res[d.src] = map[string]counts{}
		}
		t0 := time.Now()
		beads := align.AlignWith(d.zs, d.es, p)
		spent += time.Since(t0)
		c := res[d.src][d.cond]
		c.add(score(d.zu, d.eu, beads))
		res[d.src][d.cond] = c
	}
	return res, spent
}

// debugDocs prints the documents of condition cond aligned with an F1
// below 0.8: gold ids and predicted beads, for finding what goes wrong.
func debugDocs(docs []prepared, cond string, p align.Params) {
	shown := 0
	for _, d := range docs {
		if d.cond != cond {
			continue
		}
		beads := align.AlignWith(d.zs, d.es, p)
		c := score(d.zu, d.eu, beads)
		if _, _, f := c.prf(); f >= 0.8 || shown >= 12 {
			continue
		}
		shown++
		fmt.Printf("=== %s %s %+v\n", d.src, d.cond, c)
		for i, u := range d.zu {
			fmt.Printf("  zh%-3d %v p%d %.60s\n", i, u.ids, u.para, u.text)
		}
		for j, u := range d.eu {
			fmt.Printf("  en%-3d %v p%d %.80s\n", j, u.ids, u.para, u.text)
		}
		for _, b := range beads {
			fmt.Printf("  bead %v-%v %.2f\n", b.ZH, b.EN, b.Score)
		}
	}
}

// runPairing measures document pairing: per source, every Chinese and
// English document of the split goes into two pools, the Chinese partner of
// one English document in ten (seeded) is removed, and PairDocuments pairs
// the pools. Precision is over the pairs proposed, recall over the English
// documents whose partner is present; "abstained" is the share of English
// documents without a partner that were left unpaired, as they should be.
func runPairing(docs []prepared, sources []string, seed uint64) {
	fmt.Printf("Document pairing (documents of the split pooled per source; 10%% of partners removed)\n")
	fmt.Printf("%-12s %6s %6s %9s %7s %10s\n", "source", "docs", "pairs", "precision", "recall", "abstained")
	for _, src := range sources {
		var zs, es []align.Side
		for _, d := range docs {
			if d.src == src && d.cond == "given" {
				zs = append(zs, d.zs)
				es = append(es, d.es)
			}
		}
		rng := rand.New(rand.NewPCG(seed, 99))
		removed := map[int]bool{}
		for _, k := range rng.Perm(len(zs))[:len(zs)/10] {
			removed[k] = true
		}
		var pool []align.Side
		var orig []int // pool index -> document index
		for k, z := range zs {
			if !removed[k] {
				pool = append(pool, z)
				orig = append(orig, k)
			}
		}
		pairs := align.PairDocuments(pool, es)
		score := func(name string, pairs []align.DocPair) {
			correct := 0
			paired := map[int]bool{}
			for _, p := range pairs {
				paired[p.EN] = true
				if orig[p.ZH] == p.EN {
					correct++
				}
			}
			abstained := 0
			for k := range removed {
				if !paired[k] {
					abstained++
				}
			}
			prec, rec, abst := 0.0, 0.0, 0.0
			if len(pairs) > 0 {
				prec = float64(correct) / float64(len(pairs))
			}
			if n := len(es) - len(removed); n > 0 {
				rec = float64(correct) / float64(n)
			}
			if len(removed) > 0 {
				abst = float64(abstained) / float64(len(removed))
			}
			fmt.Printf("%-12s %6d %6d %9.3f %7.3f %10.3f\n", name, len(es), len(pairs), prec, rec, abst)
		}
		score(src, pairs)
		// As ingest pairs: a proposed pair whose check shows two unrelated
		// documents (align.Unrelated) is left out.
		var kept []align.DocPair
		for _, p := range pairs {
			r := align.Check(pool[p.ZH], es[p.EN])
			if !align.Unrelated(p.Score, len(pool[p.ZH].Claims), len(es[p.EN].Claims), &r) {
				kept = append(kept, p)
			}
		}
		score(" + checks", kept)
	}
	fmt.Println()
}
