package ingest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"figures/corpus/gen"
	"figures/store"
	"figures/store/storetest"
)

// pairingDump renders a store's pairs, alignments and links by document
// path and claim span (ids depend on the order the workers finish in).
func pairingDump(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT zd.path, ed.path, p.score, p.matched, p.mismatched, p.dropped, p.added
			FROM pairs p JOIN documents zd ON zd.id = p.zh_doc JOIN documents ed ON ed.id = p.en_doc
			ORDER BY 1, 2`,
		`SELECT zd.path, ed.path, a.bead, a.zh_sentences, a.en_sentences, a.score
			FROM alignments a JOIN pairs p ON p.id = a.pair_id
			JOIN documents zd ON zd.id = p.zh_doc JOIN documents ed ON ed.id = p.en_doc
			ORDER BY 1, 2, 3`,
		`SELECT zd.path, ed.path, l.verdict, l.error, l.explanation, l.bead,
				COALESCE(zc.start, -1), COALESCE(zc."end", -1), COALESCE(ec.start, -1), COALESCE(ec."end", -1)
			FROM links l JOIN pairs p ON p.id = l.pair_id
			JOIN documents zd ON zd.id = p.zh_doc JOIN documents ed ON ed.id = p.en_doc
			LEFT JOIN claims zc ON zc.id = l.zh_claim LEFT JOIN claims ec ON ec.id = l.en_claim
			ORDER BY 1, 2, 7, 8, 9, 10, 3`,
	} {
		for _, vals := range storetest.Rows(t, db.SQL(), q) {
			fmt.Fprintf(&b, "%v\n", vals)
		}
		b.WriteString("--\n")
	}
	return b.String()
}

// Pairing finds the same pairs, alignments and links whether the sides it
// checks come from memory (the documents the batch has just stored), from
// the store, or from both.
func TestPairingFromMemoryEqualsFromStore(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, gen.Config{Seed: 31, ErrorRate: 0.2}, 40)
	defer func(n int) { recentSideBytes = n }(recentSideBytes)
	var want string
	for _, limit := range []int{recentSideBytes, 0, 40 << 10} {
		recentSideBytes = limit
		db := openStore(t)
		sum, err := Run(context.Background(), db, Options{Paths: []string{dir}})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Pairs == 0 {
			t.Fatalf("no pairs: %+v", sum)
		}
		got := pairingDump(t, db)
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("with %d bytes of sides in memory, pairing stored\n%s\nwith all of them\n%s", limit, got, want)
		}
	}
}

// Pairing the next block while the last is checked and stored finds what
// pairing one block after the other finds.
func TestPairingStagesOverlapSafely(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, gen.Config{Seed: 34, ErrorRate: 0.1}, 80)
	defer func() { sequentialPairing = false }()
	var want string
	for _, sequential := range []bool{true, false, false} {
		sequentialPairing = sequential
		db := openStore(t)
		sum, err := Run(context.Background(), db, Options{Paths: []string{dir}})
		if err != nil {
			t.Fatal(err)
		}
		if sum.PairBlocks < 3 {
			t.Fatalf("%d blocks: make the batch span more dates", sum.PairBlocks)
		}
		got := pairingDump(t, db)
		if sequential {
			want = got
		} else if got != want {
			t.Errorf("overlapping stages stored\n%s\none block after the other\n%s", got, want)
		}
	}
}

// recentSides keeps the last documents stored within its bound.
func TestRecentSidesBound(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, gen.Config{Seed: 32}, 10)
	db := openStore(t)
	if _, err := Run(context.Background(), db, Options{Paths: []string{dir}}); err != nil {
		t.Fatal(err)
	}
	l, err := db.NewLoader(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var ids []int64
	rows, _ := db.SQL().Query("SELECT id FROM documents ORDER BY id")
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	sides, err := l.Sides(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	limit := sideBytes(sides[0]) + sideBytes(sides[1]) + sideBytes(sides[2])
	r := newRecentSides(limit)
	for i, s := range sides {
		r.add(ids[i], s)
		if r.bytes > limit {
			t.Fatalf("holds %d bytes, bound %d", r.bytes, limit)
		}
	}
	if _, ok := r.get(ids[len(ids)-1]); !ok {
		t.Error("the last side stored is not kept")
	}
	if _, ok := r.get(ids[0]); ok {
		t.Error("the first side stored is still kept")
	}
	if len(r.sides) != len(r.order) {
		t.Errorf("%d sides, %d in order", len(r.sides), len(r.order))
	}
}

// A batch stopped while pairing (here cancelled once its first block is
// done) and run again ends with the pairs a run that was never stopped
// stores: the blocks that were done are not worked through again, and the
// block that was under way is worked through from the start.
func TestPairingResumes(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, gen.Config{Seed: 33, ErrorRate: 0.1}, 60)
	clean := openStore(t)
	if _, err := Run(context.Background(), clean, Options{Paths: []string{dir}}); err != nil {
		t.Fatal(err)
	}
	for _, stopAfter := range []int{1, 2, 3} {
		db := openStore(t)
		ctx, cancel := context.WithCancel(context.Background())
		_, err := Run(ctx, db, Options{Paths: []string{dir}, Progress: func(s Summary) {
			if s.PairBlocksDone == stopAfter {
				cancel()
			}
		}})
		cancel()
		if err == nil {
			t.Fatalf("stopping after %d blocks: the run was not stopped", stopAfter)
		}
		sum, err := Run(context.Background(), db, Options{Paths: []string{dir}})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Documents != 0 || sum.PairBlocks == 0 {
			t.Errorf("rerun after %d blocks: %+v; want no new documents and the remaining blocks", stopAfter, sum)
		}
		if got, want := pairingDump(t, db), pairingDump(t, clean); got != want {
			t.Errorf("stopped after %d blocks and run again:\n%s\nnever stopped:\n%s", stopAfter, got, want)
		}
		again, err := Run(context.Background(), db, Options{Paths: []string{dir}})
		if err != nil || again.PairBlocks != 0 || again.Pairs != 0 {
			t.Errorf("a third run: %+v, %v; want nothing to pair", again, err)
		}
	}
}
