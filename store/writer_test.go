package store_test

import (
	"context"
	"fmt"
	"reflect"
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
	db := open(t)
	w, err := db.NewWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	bad := longSide("zh/bad.txt", 50)
	bad.Claims[71].Kind = "bogus"
	_, _, err = w.SaveDocument(ctx, bad)
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
