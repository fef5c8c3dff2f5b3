package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"figures/align"
	"figures/corpus"
	"figures/extract"
	"figures/store"
	"figures/store/storetest"
)

// longSide is a Chinese document of n sentences with two claims each: more
// rows than one multi-row INSERT takes, and not a power of two.
func longSide(path string, n int) align.Side {
	var b strings.Builder
	var specs []storetest.Spec
	for i := range n {
		fmt.Fprintf(&b, "第%d项补贴%d.5亿元，惠及%d万人。", 1000+i, 100000+i, 2000+i)
		specs = append(specs,
			storetest.Spec{Text: fmt.Sprintf("%d.5亿元", 100000+i), Kind: "money", Value: fmt.Sprintf("%d50000000", 100000+i), Unit: "yuan"},
			storetest.Spec{Text: fmt.Sprintf("%d万人", 2000+i), Kind: "count", Value: fmt.Sprintf("%d0000", 2000+i), Unit: "person"})
		if i%10 == 9 {
			b.WriteString("\n")
		}
	}
	return storetest.Side(storetest.Doc(path, strings.TrimSuffix(b.String(), "\n"), corpus.ZhHans), specs...)
}

// A Writer stores exactly what DB.SaveDocument and DB.SavePair store.
func TestWriterStoresWhatTheDBStores(t *testing.T) {
	ctx := context.Background()
	zh, en, r := storetest.Pair()
	a, b := storetest.Singles()
	long := longSide("zh/long.txt", 77)
	viaDB, viaWriter := open(t), open(t)
	w, err := viaWriter.NewWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, s := range []align.Side{zh, en, a, b, long} {
		if _, _, err := viaDB.SaveDocument(ctx, s); err != nil {
			t.Fatal(err)
		}
		if _, _, err := w.SaveDocument(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := viaDB.SavePair(ctx, 1, 2, 0.83, r); err != nil {
		t.Fatal(err)
	}
	if _, err := w.SavePair(ctx, 1, 2, 0.83, r); err != nil {
		t.Fatal(err)
	}
	if err := viaDB.SaveError(ctx, "x.html", "x.html: no text"); err != nil {
		t.Fatal(err)
	}
	if err := w.SaveError(ctx, "x.html", "x.html: no text"); err != nil {
		t.Fatal(err)
	}
	// A second save of a stored document changes nothing and says so.
	if id, inserted, err := w.SaveDocument(ctx, long); err != nil || inserted || id != 5 {
		t.Errorf("saving again = %d, %v, %v; want 5, false, nil", id, inserted, err)
	}
	for _, db := range []*store.DB{viaDB, viaWriter} {
		if err := storetest.Freeze(ctx, db); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := dump(t, viaWriter), dump(t, viaDB); got != want {
		t.Errorf("writer stored\n%s\nDB stored\n%s", got, want)
	}
	counts, _ := viaWriter.Counts(ctx)
	if counts["claims"] != 6+6+2+2+154 || counts["sentences"] != 3+4+1+1+77 || counts["links"] != 7 {
		t.Errorf("counts = %v", counts)
	}
}

// A claim that breaks a constraint fails the document, names the claim,
// and leaves nothing of the document behind, wherever it is in a
// multi-row INSERT; the Writer goes on storing the next documents.
func TestWriterFailureNamesTheRow(t *testing.T) {
	ctx := context.Background()
	db, w := openWriter(t)
	bad := longSide("zh/bad.txt", 50)
	bad.Claims[71].Kind = "bogus"
	_, _, err := w.SaveDocument(ctx, bad)
	if err == nil {
		t.Fatal("SaveDocument succeeded")
	}
	if msg := err.Error(); !strings.Contains(msg, "zh/bad.txt") || !strings.Contains(msg, bad.Claims[71].Text) {
		t.Errorf("error %q does not name the document and the claim %q", msg, bad.Claims[71].Text)
	}
	dup := longSide("zh/dup.txt", 50)
	dup.Claims[40].Start, dup.Claims[40].End = dup.Claims[39].Start, dup.Claims[39].End
	if _, _, err := w.SaveDocument(ctx, dup); err == nil || !strings.Contains(err.Error(), "zh/dup.txt") {
		t.Errorf("duplicate claim span: err = %v", err)
	}
	counts, _ := db.Counts(ctx)
	for table, n := range counts {
		if n != 0 {
			t.Errorf("%s has %d rows after failed saves", table, n)
		}
	}
	if _, inserted, err := w.SaveDocument(ctx, longSide("zh/good.txt", 50)); err != nil || !inserted {
		t.Fatalf("save after failures: %v, %v", inserted, err)
	}
	zh, en, r := storetest.Pair()
	zhID, _, _ := w.SaveDocument(ctx, zh)
	enID, _, _ := w.SaveDocument(ctx, en)
	r.Added = append(r.Added, extract.Claim{Start: 500, End: 503, Text: "???"})
	if _, err := w.SavePair(ctx, zhID, enID, 0.5, r); err == nil || !strings.Contains(err.Error(), "500-503") {
		t.Errorf("SavePair with an unknown claim: err = %v", err)
	}
	if counts, _ := db.Counts(ctx); counts["pairs"]+counts["alignments"]+counts["links"] != 0 {
		t.Errorf("a failed SavePair left rows: %v", counts)
	}
}

// A cancelled context stores nothing.
func TestWriterCancelled(t *testing.T) {
	db := open(t)
	w, err := db.NewWriter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	zh, _, _ := storetest.Pair()
	if _, _, err := w.SaveDocument(ctx, zh); err == nil {
		t.Error("SaveDocument with a cancelled context succeeded")
	}
	if counts, _ := db.Counts(context.Background()); counts["documents"] != 0 {
		t.Errorf("documents = %d", counts["documents"])
	}
}

// Sides reads many documents as Side reads each.
func TestLoaderSides(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	zh, en, _ := storetest.Pair()
	a, b := storetest.Singles()
	var ids []int64
	for _, s := range []align.Side{zh, en, a, b, longSide("zh/long.txt", 30)} {
		id, _, err := db.SaveDocument(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	l, err := db.NewLoader(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ask := []int64{ids[4], ids[0], ids[2], ids[0], ids[1], ids[3]}
	got, err := l.Sides(ctx, ask)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ask {
		want, err := l.Side(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("Sides[%d] (document %d) =\n%+v\nwant\n%+v", i, id, got[i], want)
		}
	}
	if _, err := l.Sides(ctx, []int64{ids[0], 999}); err == nil || !strings.Contains(err.Error(), "999") {
		t.Errorf("Sides with a missing document: err = %v", err)
	}
}

// countDocs counts the documents another connection sees.
func countDocs(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow("SELECT COUNT(*) FROM documents").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A group stores what one transaction per document stores, visible to
// others only once it commits.
func TestGroupStoresWhatTheDBStores(t *testing.T) {
	ctx := context.Background()
	zh, en, r := storetest.Pair()
	a, b := storetest.Singles()
	long := longSide("zh/long.txt", 77)
	viaDB, viaGroup := open(t), open(t)
	w, err := viaGroup.NewWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for i, s := range []align.Side{zh, en, a, b, long} {
		if _, _, err := viaDB.SaveDocument(ctx, s); err != nil {
			t.Fatal(err)
		}
		id, inserted, err := w.AddDocument(ctx, s)
		if err != nil || !inserted || id != int64(i+1) {
			t.Fatalf("AddDocument(%s) = %d, %v, %v", s.Doc.Path, id, inserted, err)
		}
	}
	if err := viaDB.SaveError(ctx, "x.html", "x.html: no text"); err != nil {
		t.Fatal(err)
	}
	if err := w.AddError(ctx, "x.html", "x.html: no text"); err != nil {
		t.Fatal(err)
	}
	if n := w.Pending(); n != 6 {
		t.Errorf("Pending = %d, want 6", n)
	}
	if n := countDocs(t, viaGroup); n != 0 {
		t.Errorf("another connection sees %d documents before the commit", n)
	}
	if _, err := w.SavePair(ctx, 1, 2, 0.83, r); err == nil {
		t.Error("SavePair with a group open succeeded")
	}
	if err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if w.Pending() != 0 {
		t.Errorf("Pending after Commit = %d", w.Pending())
	}
	if _, err := viaDB.SavePair(ctx, 1, 2, 0.83, r); err != nil {
		t.Fatal(err)
	}
	if _, err := w.SavePair(ctx, 1, 2, 0.83, r); err != nil {
		t.Fatalf("SavePair after the commit: %v", err)
	}
	for _, db := range []*store.DB{viaDB, viaGroup} {
		if err := storetest.Freeze(ctx, db); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := dump(t, viaGroup), dump(t, viaDB); got != want {
		t.Errorf("group stored\n%s\nDB stored\n%s", got, want)
	}
}

// Within one group, the same content twice is stored once, and changed
// content at the same path is the next version.
func TestGroupIdempotent(t *testing.T) {
	ctx := context.Background()
	db, w := openWriter(t)
	zh, _, _ := storetest.Pair()
	copied := zh
	doc := *zh.Doc
	doc.Path = "elsewhere/copy.txt" // same bytes, another path
	copied.Doc = &doc
	changed := longSide(zh.Doc.Path, 3) // same path, other bytes

	id1, ins1, err1 := w.AddDocument(ctx, zh)
	id2, ins2, err2 := w.AddDocument(ctx, zh)
	id3, ins3, err3 := w.AddDocument(ctx, copied)
	id4, ins4, err4 := w.AddDocument(ctx, changed)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	if !ins1 || ins2 || ins3 || !ins4 || id2 != id1 || id3 != id1 || id4 == id1 {
		t.Errorf("ids %d %d %d %d, inserted %v %v %v %v; want the first id three times, then a new one",
			id1, id2, id3, id4, ins1, ins2, ins3, ins4)
	}
	if err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	rows := storetest.Rows(t, db.SQL(), "SELECT path, version FROM documents ORDER BY id")
	if got := fmt.Sprint(rows); got != "[[zh/report.txt 1] [zh/report.txt 2]]" {
		t.Errorf("documents (path, version) = %s", got)
	}
}

// A document the store refuses is rolled back alone, named with its bad
// row; the documents before and after it in the group are stored.
func TestGroupRefusedDocument(t *testing.T) {
	ctx := context.Background()
	db, w := openWriter(t)
	bad := longSide("zh/bad.txt", 50)
	bad.Claims[71].Kind = "bogus"
	dup := longSide("zh/dup.txt", 40)
	dup.Claims[40].Start, dup.Claims[40].End = dup.Claims[39].Start, dup.Claims[39].End
	if _, _, err := w.AddDocument(ctx, longSide("zh/before.txt", 20)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		side align.Side
		row  string
	}{{bad, bad.Claims[71].Text}, {dup, dup.Claims[40].Text}} {
		_, _, err := w.AddDocument(ctx, c.side)
		var de *store.DocumentError
		if !errors.As(err, &de) || de.Path != c.side.Doc.Path || !strings.Contains(err.Error(), c.row) {
			t.Errorf("AddDocument(%s) = %v; want a DocumentError naming the document and %q", c.side.Doc.Path, err, c.row)
		}
	}
	if _, _, err := w.AddDocument(ctx, longSide("zh/after.txt", 30)); err != nil {
		t.Fatal(err)
	}
	if err := w.AddError(ctx, bad.Doc.Path, "refused"); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	rows := storetest.Rows(t, db.SQL(), `SELECT d.path, (SELECT COUNT(*) FROM sentences s WHERE s.doc_id = d.id),
		(SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.id) FROM documents d ORDER BY d.id`)
	if got := fmt.Sprint(rows); got != "[[zh/before.txt 20 40] [zh/after.txt 30 60]]" {
		t.Errorf("stored (path, sentences, claims) = %s", got)
	}
	counts, _ := db.Counts(ctx)
	if counts["claims"] != 100 || counts["sentences"] != 50 || counts["errors"] != 1 {
		t.Errorf("counts = %v; rows of the refused documents are left", counts)
	}
}

// Rollback, Close and a cancelled context: nothing of an uncommitted group
// is stored, and a cancelled context adds nothing but leaves the group to
// be committed.
func TestGroupRollback(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	w, err := db.NewWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	zh, en, _ := storetest.Pair()
	a, b := storetest.Singles()
	if _, _, err := w.AddDocument(ctx, zh); err != nil {
		t.Fatal(err)
	}
	if err := w.Rollback(); err != nil {
		t.Fatal(err)
	}
	if w.Pending() != 0 || countDocs(t, db) != 0 {
		t.Errorf("after Rollback: %d pending, %d stored", w.Pending(), countDocs(t, db))
	}

	cancelled, cancel := context.WithCancel(ctx)
	if _, _, err := w.AddDocument(cancelled, en); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, _, err := w.AddDocument(cancelled, a); !errors.Is(err, context.Canceled) {
		t.Errorf("AddDocument with a cancelled context = %v", err)
	}
	if err := w.Commit(cancelled); err != nil {
		t.Errorf("Commit with a cancelled context = %v; the documents added are whole", err)
	}
	if got := fmt.Sprint(storetest.Rows(t, db.SQL(), "SELECT path FROM documents")); got != "[[en/report.txt]]" {
		t.Errorf("stored %s, want only en/report.txt", got)
	}

	if _, _, err := w.AddDocument(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if n := countDocs(t, db); n != 1 {
		t.Errorf("%d documents after Close with a group open; its group is rolled back", n)
	}
}

// Two batches pairing the same dates at once (two figures ingest into one
// store) each read the documents that were unpaired when they began. The
// block stored second must not pair a document the first has paired since:
// a document is in one current pair at most, as after batches run one
// after the other. A document whose pair was dropped that way is left for
// the next run to pair (its pairing is not marked done).
func TestSaveBlockSkipsDocumentsPairedMeanwhile(t *testing.T) {
	const date = "2024-03-18"
	type pair struct{ zh, en int64 }
	tests := []struct {
		name      string
		second    []pair // the block stored second
		wantPairs []pair
		wantSaved int
		undone    []int64 // documents whose pairing is not marked done
	}{
		{"Chinese original paired meanwhile", []pair{{1, 4}}, []pair{{1, 2}}, 0, []int64{4}},
		{"English version paired meanwhile", []pair{{3, 2}}, []pair{{1, 2}}, 0, []int64{3}},
		{"the same pair again", []pair{{1, 2}}, []pair{{1, 2}}, 0, nil},
		{"one pair free, one not", []pair{{3, 4}, {1, 4}}, []pair{{1, 2}, {3, 4}}, 1, nil},
		{"free documents", []pair{{3, 4}}, []pair{{1, 2}, {3, 4}}, 1, nil},
		{"a document in two pairs of the block", []pair{{3, 4}, {3, 2}}, []pair{{1, 2}, {3, 4}}, 1, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := open(t)
			zh, en, r := storetest.Pair()
			zhOnly, enOnly := storetest.Singles()
			for _, s := range []align.Side{zh, en, zhOnly, enOnly} { // ids 1 to 4
				d := *s.Doc
				d.Date = date
				s.Doc = &d
				if _, _, err := db.SaveDocument(ctx, s); err != nil {
					t.Fatal(err)
				}
			}
			w, err := db.NewWriter(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			block := store.PairingBlock{Date: date}
			if saved, err := w.SaveBlock(ctx, block, []store.CheckedPair{{ZH: 1, EN: 2, Score: 0.8, Report: r}}); err != nil || len(saved) != 1 {
				t.Fatalf("first block: saved %d pairs, %v", len(saved), err)
			}
			var second []store.CheckedPair
			for _, p := range tc.second {
				second = append(second, store.CheckedPair{ZH: p.zh, EN: p.en, Score: 0.5, Report: &align.Report{}})
			}
			saved, err := w.SaveBlock(ctx, block, second)
			if err != nil {
				t.Fatal(err)
			}
			if len(saved) != tc.wantSaved {
				t.Errorf("second block saved %d pairs, want %d", len(saved), tc.wantSaved)
			}
			var got []pair
			for _, row := range storetest.Rows(t, db.SQL(), "SELECT zh_doc, en_doc FROM pairs ORDER BY zh_doc, en_doc") {
				got = append(got, pair{row[0].(int64), row[1].(int64)})
			}
			if !reflect.DeepEqual(got, tc.wantPairs) {
				t.Errorf("pairs = %v, want %v", got, tc.wantPairs)
			}
			for id := int64(1); id <= 4; id++ {
				done, err := db.PairingDone(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if want := !slices.Contains(tc.undone, id); done != want {
					t.Errorf("document %d: pairing done = %v, want %v", id, done, want)
				}
			}
		})
	}
}

// openWriter opens a new store and a Writer on it, both closed when the
// test ends.
func openWriter(t *testing.T) (*store.DB, *store.Writer) {
	t.Helper()
	db := open(t)
	w, err := db.NewWriter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return db, w
}
