package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"figures/align"
	"figures/corpus"
	"figures/extract"
	"figures/segment"
	"figures/store"
)

func side(path, hash, date string, lang corpus.Lang, text string) align.Side {
	d := &corpus.Document{Path: path, Hash: hash, Format: "text", Encoding: "utf-8", Lang: lang, Date: date, Text: text,
		Paragraphs: []corpus.Paragraph{{Span: corpus.Span{Start: 0, End: len([]rune(text))}, Lang: lang}}}
	s := segment.Sentence{Index: 0, Para: 0, Span: corpus.Span{Start: 0, End: len([]rune(text))}, Text: text, Lang: lang.Grammar()}
	c := extract.Claim{Lang: lang.Grammar(), Sentence: 0, Text: "12", Start: 0, End: 2, Kind: extract.Count, Value: "12", Qualifier: extract.Exact}
	return align.Side{Doc: d, Sentences: []segment.Sentence{s}, Claims: []extract.Claim{c}}
}

func TestLoadRoundTrip(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	zh := side("a/1.zh.txt", "h1", "2022-01-24", corpus.ZhHans, "12个社区养老服务站。")
	en := side("a/1.en.txt", "h2", "2022-01-25", corpus.English, "12 community stations.")
	undated := side("b/x.txt", "h3", "", corpus.ZhHant, "12間院舍。")
	nested := side("b/c/y.txt", "h4", "", corpus.English, "12 homes.")
	var ids []int64
	for _, s := range []align.Side{zh, en, undated, nested} {
		id, _, err := db.SaveDocument(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	got, err := db.LoadSide(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if got.Doc.Text != zh.Doc.Text || got.Doc.Date != "2022-01-24" || len(got.Sentences) != 1 || len(got.Claims) != 1 ||
		got.Claims[0].Value != "12" || got.Claims[0].File != "a/1.zh.txt" || got.Doc.Paragraphs[0].Lang != corpus.ZhHans {
		t.Errorf("loaded %+v %+v %+v", got.Doc, got.Sentences, got.Claims)
	}
	if ref, ok, err := db.DocumentByHash(ctx, "h2"); err != nil || !ok || ref.ID != ids[1] || ref.Lang != corpus.English {
		t.Errorf("DocumentByHash(h2) = %+v, %v, %v", ref, ok, err)
	}
	if _, ok, _ := db.DocumentByHash(ctx, "nope"); ok {
		t.Error("found a hash never stored")
	}
	if err := db.EnsurePairingIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	refs, err := db.UnpairedOn(ctx, "2022-01-24", "2022-01-25")
	if err != nil || len(refs) != 2 {
		t.Fatalf("UnpairedOn = %+v, %v", refs, err)
	}
	refs, err = db.UnpairedUndatedIn(ctx, "b")
	if err != nil || len(refs) != 1 || refs[0].Path != "b/x.txt" {
		t.Errorf("UnpairedUndatedIn(b) = %+v, %v; want only b/x.txt", refs, err)
	}
	r := align.Check(zh, en)
	if _, err := db.SavePair(ctx, ids[0], ids[1], 0.9, &r); err != nil {
		t.Fatal(err)
	}
	if refs, _ := db.UnpairedOn(ctx, "2022-01-24", "2022-01-25"); len(refs) != 0 {
		t.Errorf("paired documents still unpaired: %+v", refs)
	}
	// A new version of the Chinese original frees its English version.
	v2 := side("a/1.zh.txt", "h5", "2022-01-24", corpus.ZhHans, "13个社区养老服务站。")
	if _, _, err := db.SaveDocument(ctx, v2); err != nil {
		t.Fatal(err)
	}
	refs, _ = db.UnpairedOn(ctx, "2022-01-24", "2022-01-25")
	if len(refs) != 2 || refs[0].Version+refs[1].Version != 3 {
		t.Errorf("after a new version: %+v; want version 2 of the original and the English", refs)
	}
	if store.IsBusy(errors.New("database is locked")) {
		t.Error("IsBusy matches a plain error")
	}
}
