package ingest

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"figures/align"
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

func pairBatch(ctx context.Context, db *store.DB, loader *store.Loader, keys *pairKeys, sum *Summary, progress func()) error {
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
	cache := &sideCache{loader: loader}
	for _, d := range dates {
		refs, err := db.UnpairedOn(ctx, around(d)...)
		if err != nil {
			return err
		}
		cache.next()
		if err := pairBlock(ctx, db, cache, refs, sum); err != nil {
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
		if err := pairBlock(ctx, db, cache, refs, sum); err != nil {
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
// each pair and stores it in its own transaction.
func pairBlock(ctx context.Context, db *store.DB, cache *sideCache, refs []store.DocRef, sum *Summary) error {
	if err := pairRefs(ctx, db, cache, refs, sum); err != nil {
		return err
	}
	ids := make([]int64, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return db.MarkPairingDone(ctx, ids)
}

func pairRefs(ctx context.Context, db *store.DB, cache *sideCache, refs []store.DocRef, sum *Summary) error {
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
		return nil
	}
	paired := map[int64]bool{}
	for zs := 0; zs < len(zh); zs += maxBlock {
		zhRefs := zh[zs:min(len(zh), zs+maxBlock)]
		zhSides, err := cache.load(ctx, zhRefs)
		if err != nil {
			return err
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
				return err
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
				if _, err := db.SavePair(ctx, z.ID, e.ID, p.Score, &reports[i]); err != nil {
					return fmt.Errorf("save pair %s / %s: %w", z.Path, e.Path, err)
				}
				paired[z.ID], paired[e.ID] = true, true
				sum.Pairs++
				sum.Mismatches += reports[i].Mismatches()
			}
		}
	}
	return nil
}

// sideCache holds the sides loaded for the current block and the one
// before it.
type sideCache struct {
	loader    *store.Loader
	prev, cur map[int64]align.Side
}

// next starts a new block: what the block before the last loaded is
// dropped.
func (c *sideCache) next() {
	c.prev, c.cur = c.cur, map[int64]align.Side{}
}

func (c *sideCache) load(ctx context.Context, refs []store.DocRef) ([]align.Side, error) {
	out := make([]align.Side, 0, len(refs))
	for _, r := range refs {
		s, ok := c.cur[r.ID]
		if !ok {
			if s, ok = c.prev[r.ID]; !ok {
				var err error
				if s, err = c.loader.Side(ctx, r.ID); err != nil {
					return nil, err
				}
			}
			c.cur[r.ID] = s
		}
		out = append(out, s)
	}
	return out, nil
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
