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

func pairBatch(ctx context.Context, db *store.DB, loader *store.Loader, w *store.Writer, recent *recentSides, keys *pairKeys, sum *Summary, progress func()) error {
	if len(keys.dates) == 0 && len(keys.dirs) == 0 {
		return nil
	}
	if err := db.EnsurePairingIndexes(ctx); err != nil {
		return err
	}
	dates := sortedKeys(keys.dates)
	dirs := sortedKeys(keys.dirs)
	sum.PairBlocks = len(dates) + len(dirs)
	progress()
	// Neighbouring date blocks overlap by two days: keep the sides loaded
	// for one block for the next, and no longer.
	cache := &sideCache{loader: loader, recent: recent}
	for _, d := range dates {
		refs, err := db.UnpairedOn(ctx, around(d)...)
		if err != nil {
			return err
		}
		cache.next()
		if err := pairBlock(ctx, w, cache, store.PairingBlock{Date: d}, refs, sum); err != nil {
			return err
		}
		sum.PairBlocksDone++
		progress()
	}
	for _, dir := range dirs {
		refs, err := db.UnpairedUndatedIn(ctx, dir)
		if err != nil {
			return err
		}
		cache.next()
		if err := pairBlock(ctx, w, cache, store.PairingBlock{Dir: dir}, refs, sum); err != nil {
			return err
		}
		sum.PairBlocksDone++
		progress()
	}
	return nil
}

// around returns the day before date, date and the day after.
func around(date string) []string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return []string{date}
	}
	return []string{t.AddDate(0, 0, -1).Format("2006-01-02"), date, t.AddDate(0, 0, 1).Format("2006-01-02")}
}

// pairBlock pairs the Chinese and English documents of one block, checks
// each pair, and stores the pairs with the block's pairing state in one
// transaction (see store.Writer.SaveBlock): a run killed while pairing
// leaves a block either done or untouched, never half-paired, and one
// transaction costs less than one per pair.
func pairBlock(ctx context.Context, w *store.Writer, cache *sideCache, b store.PairingBlock, refs []store.DocRef, sum *Summary) error {
	pairs, err := pairRefs(ctx, cache, refs)
	if err != nil {
		return err
	}
	if err := w.SaveBlock(ctx, b, pairs); err != nil {
		return err
	}
	for _, p := range pairs {
		sum.Pairs++
		sum.Mismatches += p.Report.Mismatches()
	}
	return nil
}

// pairRefs pairs and checks the documents of a block.
func pairRefs(ctx context.Context, cache *sideCache, refs []store.DocRef) ([]store.CheckedPair, error) {
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
		return nil, nil
	}
	var out []store.CheckedPair
	paired := map[int64]bool{}
	for zs := 0; zs < len(zh); zs += maxBlock {
		zhRefs := zh[zs:min(len(zh), zs+maxBlock)]
		zhSides, err := cache.load(ctx, zhRefs)
		if err != nil {
			return nil, err
		}
		for es := 0; es < len(en); es += maxBlock {
			var enRefs []store.DocRef
			for _, r := range en[es:min(len(en), es+maxBlock)] {
				if !paired[r.ID] {
					enRefs = append(enRefs, r)
				}
			}
			enSides, err := cache.load(ctx, enRefs)
			if err != nil {
				return nil, err
			}
			var zhLeft []align.Side
			var zhLeftRefs []store.DocRef
			for i, r := range zhRefs {
				if !paired[r.ID] {
					zhLeft, zhLeftRefs = append(zhLeft, zhSides[i]), append(zhLeftRefs, r)
				}
			}
			pairs := align.PairDocuments(zhLeft, enSides)
			// Checking is the costly part and independent per pair: check
			// in parallel, store in order.
			reports := make([]align.Report, len(pairs))
			parallel(len(pairs), func(i int) {
				reports[i] = align.Check(zhLeft[pairs[i].ZH], enSides[pairs[i].EN])
			})
			for i, p := range pairs {
				z, e := zhLeftRefs[p.ZH], enRefs[p.EN]
				out = append(out, store.CheckedPair{ZH: z.ID, EN: e.ID, Score: p.Score, Report: &reports[i]})
				paired[z.ID], paired[e.ID] = true, true
			}
		}
	}
	return out, nil
}

// sideCache gives pairing the sides of a block: from the block before
// (neighbouring date blocks overlap by two days), from the documents the
// batch stored last (kept in memory, up to a bound), or read back from the
// store, all the misses of a block at once.
type sideCache struct {
	loader    *store.Loader
	recent    *recentSides
	prev, cur map[int64]align.Side
}

// next starts a new block: what the block before the last loaded is
// dropped.
func (c *sideCache) next() {
	c.prev, c.cur = c.cur, map[int64]align.Side{}
}

func (c *sideCache) load(ctx context.Context, refs []store.DocRef) ([]align.Side, error) {
	out := make([]align.Side, len(refs))
	var missing []int64
	var missingAt []int
	for i, r := range refs {
		s, ok := c.cur[r.ID]
		if !ok {
			if s, ok = c.prev[r.ID]; !ok {
				s, ok = c.recent.get(r.ID)
			}
		}
		if !ok {
			missing, missingAt = append(missing, r.ID), append(missingAt, i)
			continue
		}
		c.cur[r.ID] = s
		out[i] = s
	}
	if len(missing) > 0 {
		sides, err := c.loader.Sides(ctx, missing)
		if err != nil {
			return nil, err
		}
		for k, s := range sides {
			c.cur[missing[k]] = s
			out[missingAt[k]] = s
		}
	}
	return out, nil
}

// recentSideBytes bounds the memory that recentSides holds.
var recentSideBytes = 16 << 20

// recentSides keeps the sides of the documents the batch stored last, as
// the store would give them back, up to recentSideBytes (estimated) of
// them: pairing a day's bulletins then reads nothing back, and pairing a
// ten-year archive reads back all but its last few thousand documents
// (16 MiB holds some 3,000 bulletins).
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
func parallel(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
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
