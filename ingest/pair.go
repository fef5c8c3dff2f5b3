package ingest

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"figures/align"
	"figures/extract"
	"figures/store"
)

// Pairing a batch.
//
// A translation is published within a day or so of its original, usually
// beside it. So pairing does not compare every document with every other:
// it works in blocks, one per date the batch touched (documents dated that
// day and the days either side) and one per folder for documents with no
// date. Each block is read back from the store, with the stored documents
// that are still unpaired: a day's new bulletins are paired with the
// originals or translations ingested the day before, and a batch that was
// killed during pairing is finished by running it again. Memory holds one
// block at a time, never the batch.

// pairKeys are the blocks a batch touched: dates, and folders of undated
// documents. It grows with the number of distinct dates and folders, not
// with the number of documents.
type pairKeys struct {
	dates map[string]bool
	dirs  map[string]bool
}

func newPairKeys() *pairKeys {
	return &pairKeys{dates: map[string]bool{}, dirs: map[string]bool{}}
}

func (k *pairKeys) add(r store.DocRef) {
	if r.Date != "" {
		k.dates[r.Date] = true
	} else {
		k.dirs[dirOf(r.Path)] = true
	}
}

// maxBlock bounds how many documents of one language are compared at once.
const maxBlock = 400

// pairBatch pairs and checks the blocks a batch touched, in order: dates,
// then folders of undated documents. Two stages overlap: while the checks
// of one block run on every core and its pairs are stored, the next block
// is read, its new documents prepared (align.Prepared, on every core) and
// paired (PairPrepared runs on one core). The
// next block must not offer documents the block before has just paired:
// until that block is stored, its documents are left out by hand.
func pairBatch(ctx context.Context, db *store.DB, loader *store.Loader, w *store.Writer, recent *recentSides, keys *pairKeys, sum *Summary, progress func()) error {
	if len(keys.dates) == 0 && len(keys.dirs) == 0 {
		return nil
	}
	if err := db.EnsurePairingIndexes(ctx); err != nil {
		return err
	}
	var blocks []store.PairingBlock
	for _, d := range sortedKeys(keys.dates) {
		blocks = append(blocks, store.PairingBlock{Date: d})
	}
	for _, dir := range sortedKeys(keys.dirs) {
		blocks = append(blocks, store.PairingBlock{Dir: dir})
	}
	sum.PairBlocks = len(blocks)
	progress()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// stored is the index of the last block the second stage has stored.
	var mu sync.Mutex
	stored := -1
	paired := make(chan pairedBlock, 1)
	saveErr := make(chan error, 1)
	storedOne := make(chan struct{}, len(blocks)) // for sequentialPairing
	go func() {
		// The second stage: check, store, count. It alone touches sum.
		var err error
		for pb := range paired {
			if err != nil {
				continue // drain
			}
			// SaveBlock leaves out pairs whose documents another
			// process has paired since the block was read.
			var pairs []store.CheckedPair
			if pairs, err = w.SaveBlock(ctx, pb.block, pb.check()); err != nil {
				cancel()
				continue
			}
			mu.Lock()
			stored = pb.index
			mu.Unlock()
			storedOne <- struct{}{}
			for _, p := range pairs {
				sum.Pairs++
				sum.Mismatches += p.Report.Mismatches()
			}
			sum.PairBlocksDone++
			progress()
		}
		saveErr <- err
	}()

	// The first stage. inFlight holds the documents paired in blocks that
	// may not be stored yet, by block: a document paired in a block stored
	// before a query begins is left out by the query itself (SQLite reads
	// from the state at the start of the query), later ones by hand.
	inFlight := map[int64]int{}
	// Neighbouring date blocks overlap by two days: the cache keeps the
	// sides loaded for one block for the next.
	cache := &sideCache{loader: loader, recent: recent}
	var err error
	for i, b := range blocks {
		mu.Lock()
		done := stored
		mu.Unlock()
		for id, bi := range inFlight {
			if bi <= done {
				delete(inFlight, id)
			}
		}
		var refs []store.DocRef
		if b.Date != "" {
			refs, err = db.UnpairedOn(ctx, around(b.Date)...)
		} else {
			refs, err = db.UnpairedUndatedIn(ctx, b.Dir)
		}
		if err != nil {
			break
		}
		free := refs[:0]
		for _, r := range refs {
			if _, ok := inFlight[r.ID]; !ok {
				free = append(free, r)
			}
		}
		cache.next()
		var pb pairedBlock
		if pb, err = pairRefs(ctx, cache, free); err != nil {
			break
		}
		pb.block, pb.index = b, i
		for _, p := range pb.pairs {
			inFlight[pb.zhRefs[p.ZH].ID], inFlight[pb.enRefs[p.EN].ID] = i, i
		}
		select {
		case paired <- pb:
		case <-ctx.Done():
			err = ctx.Err()
		}
		if err == nil && sequentialPairing {
			select {
			case <-storedOne:
			case <-ctx.Done():
				err = ctx.Err()
			}
		}
		if err != nil {
			break
		}
	}
	close(paired)
	if serr := <-saveErr; serr != nil {
		return serr // the first stage stopped because of it
	}
	return err
}

// sequentialPairing makes pairBatch pair a block only once the block before
// is stored, as it did before the stages overlapped: tests compare the two.
var sequentialPairing = false

// pairedBlock is a block whose documents are paired, to be checked.
type pairedBlock struct {
	block          store.PairingBlock
	index          int             // in the batch's blocks
	pairs          []align.DocPair // ZH and EN index zh and en
	reports        []*align.Report // the check of each pair
	zh, en         []*align.Prepared
	zhRefs, enRefs []store.DocRef
}

// check returns the block's checked pairs, to store.
func (pb pairedBlock) check() []store.CheckedPair {
	out := make([]store.CheckedPair, len(pb.pairs))
	for i, p := range pb.pairs {
		out[i] = store.CheckedPair{ZH: pb.zhRefs[p.ZH].ID, EN: pb.enRefs[p.EN].ID, Score: p.Score, Report: pb.reports[i]}
	}
	return out
}

// around returns the day before date, date and the day after.
func around(date string) []string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return []string{date}
	}
	return []string{t.AddDate(0, 0, -1).Format("2006-01-02"), date, t.AddDate(0, 0, 1).Format("2006-01-02")}
}

// pairRefs pairs the Chinese and English documents of a block, at most
// maxBlock of each language at a time.
func pairRefs(ctx context.Context, cache *sideCache, refs []store.DocRef) (pairedBlock, error) {
	var pb pairedBlock
	var zh, en []store.DocRef
	for _, r := range refs {
		switch {
		case r.Lang.IsChinese():
			zh = append(zh, r)
		case r.Lang == "en":
			en = append(en, r)
		}
	}
	if len(zh) == 0 || len(en) == 0 {
		return pb, nil
	}
	paired := map[int64]bool{}
	for zs := 0; zs < len(zh); zs += maxBlock {
		zhRefs := zh[zs:min(len(zh), zs+maxBlock)]
		zhSides, err := cache.load(ctx, zhRefs, true)
		if err != nil {
			return pb, err
		}
		for es := 0; es < len(en); es += maxBlock {
			var enRefs []store.DocRef
			for _, r := range en[es:min(len(en), es+maxBlock)] {
				if !paired[r.ID] {
					enRefs = append(enRefs, r)
				}
			}
			enSides, err := cache.load(ctx, enRefs, false)
			if err != nil {
				return pb, err
			}
			var zhLeft []*align.Prepared
			var zhLeftRefs []store.DocRef
			for i, r := range zhRefs {
				if !paired[r.ID] {
					zhLeft, zhLeftRefs = append(zhLeft, zhSides[i]), append(zhLeftRefs, r)
				}
			}
			// Each proposed pair is checked here, on every core, rather
			// than in a later stage: a pair whose check shows two
			// unrelated documents is left out, and which documents stay
			// free for the next blocks must not depend on how far the
			// stages have run.
			proposed := align.PairPrepared(zhLeft, enSides)
			reports := make([]*align.Report, len(proposed))
			parallel(len(proposed), func(i int) {
				p := proposed[i]
				z, e := zhLeft[p.ZH], enSides[p.EN]
				r := align.CheckPrepared(z, e)
				if !align.Unrelated(p.Score, len(z.Side().Claims), len(e.Side().Claims), &r) {
					reports[i] = &r
				}
			})
			for i, p := range proposed {
				if reports[i] == nil {
					continue
				}
				z, e := zhLeftRefs[p.ZH], enRefs[p.EN]
				pb.pairs = append(pb.pairs, align.DocPair{ZH: len(pb.zh), EN: len(pb.en), Score: p.Score})
				pb.reports = append(pb.reports, reports[i])
				pb.zh, pb.zhRefs = append(pb.zh, zhLeft[p.ZH]), append(pb.zhRefs, z)
				pb.en, pb.enRefs = append(pb.en, enSides[p.EN]), append(pb.enRefs, e)
				paired[z.ID], paired[e.ID] = true, true
			}
		}
	}
	return pb, nil
}

// sideCache gives pairing the sides of a block, prepared for pairing and
// checking (align.Prepared): from the block before (neighbouring date
// blocks overlap by two days, and a document is prepared once for all the
// blocks it is in), from the documents the batch stored last (kept in
// memory, up to a bound), or read back from the store, all the misses of a
// block at once.
type sideCache struct {
	loader    *store.Loader
	recent    *recentSides
	prev, cur map[int64]*align.Prepared
}

// next starts a new block: what the block before the last loaded is
// dropped.
func (c *sideCache) next() {
	c.prev, c.cur = c.cur, map[int64]*align.Prepared{}
}

// load returns the sides of refs, prepared as Chinese originals when zh,
// else as English versions.
func (c *sideCache) load(ctx context.Context, refs []store.DocRef, zh bool) ([]*align.Prepared, error) {
	prep := align.PrepareEN
	if zh {
		prep = align.PrepareZH
	}
	out := make([]*align.Prepared, len(refs))
	var missing []int64
	var missingAt []int
	var toPrepare []int // indexes into out of sides to prepare
	var sides []align.Side
	for i, r := range refs {
		p, ok := c.cur[r.ID]
		if !ok {
			p, ok = c.prev[r.ID]
		}
		if ok {
			c.cur[r.ID] = p
			out[i] = p
			continue
		}
		if s, ok := c.recent.get(r.ID); ok {
			toPrepare, sides = append(toPrepare, i), append(sides, s)
			continue
		}
		missing, missingAt = append(missing, r.ID), append(missingAt, i)
	}
	if len(missing) > 0 {
		loaded, err := c.loader.Sides(ctx, missing)
		if err != nil {
			return nil, err
		}
		toPrepare, sides = append(toPrepare, missingAt...), append(sides, loaded...)
	}
	// Preparing reads every sentence of the document: on every core.
	parallel(len(sides), func(k int) { out[toPrepare[k]] = prep(sides[k]) })
	for _, i := range toPrepare {
		c.cur[refs[i].ID] = out[i]
	}
	return out, nil
}

// recentSideBytes bounds the memory that recentSides holds.
var recentSideBytes = 8 << 20

// recentSides keeps the sides of the documents the batch stored last, as
// the store would give them back, up to recentSideBytes (estimated) of
// them: pairing a day's bulletins (8 MiB holds some 1,500) then reads
// nothing back, while a ten-year archive, which gains little from the last
// documents it stored, reads back the rest a block at a time and keeps its
// heap small.
// Memory stays bounded whatever the size of the batch.
type recentSides struct {
	max, bytes int
	sides      map[int64]recentSide
	order      []int64 // oldest first
}

type recentSide struct {
	side  align.Side
	bytes int
}

func newRecentSides(max int) *recentSides {
	return &recentSides{max: max, sides: map[int64]recentSide{}}
}

// add keeps s, just stored as document id. It takes s over: the gse words
// are dropped (the store does not keep them, and pairing must not depend
// on whether a side came from memory or from the store) and the claims
// put in the store's order.
func (r *recentSides) add(id int64, s align.Side) {
	for i := range s.Sentences {
		s.Sentences[i].Words = nil
	}
	if !slices.IsSortedFunc(s.Claims, byStart) {
		slices.SortStableFunc(s.Claims, byStart)
	}
	n := sideBytes(s)
	if n > r.max {
		return
	}
	for r.bytes+n > r.max && len(r.order) > 0 {
		old := r.order[0]
		r.order = r.order[1:]
		r.bytes -= r.sides[old].bytes
		delete(r.sides, old)
	}
	r.sides[id] = recentSide{s, n}
	r.order = append(r.order, id)
	r.bytes += n
}

func (r *recentSides) get(id int64) (align.Side, bool) {
	s, ok := r.sides[id]
	return s.side, ok
}

func byStart(a, b extract.Claim) int {
	if a.Start != b.Start {
		return cmp.Compare(a.Start, b.Start)
	}
	return cmp.Compare(a.End, b.End)
}

// sideBytes estimates the memory a side holds: its strings (counted even
// where they share memory) and its structs.
func sideBytes(s align.Side) int {
	d := s.Doc
	n := 256 + len(d.Path) + len(d.Hash) + len(d.Title) + len(d.Source) + len(d.Text) + 32*len(d.Paragraphs)
	for _, x := range s.Sentences {
		n += 112 + len(x.Text)
	}
	for _, c := range s.Claims {
		n += 176 + len(c.Text) + len(c.Value) + len(c.ValueMax) + len(c.Unit) + len(c.Context)
	}
	return n
}

// parallel calls f(0) ... f(n-1) on GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) { parallelOn(runtime.GOMAXPROCS(0), n, f) }

// parallelOn calls f(0) ... f(n-1) on the given number of goroutines, which
// take the indexes in turn (no channel: a hand-off per item would cost
// more than a short f).
func parallelOn(goroutines, n int, f func(i int)) {
	workers := min(n, goroutines)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		}()
	}
	wg.Wait()
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
