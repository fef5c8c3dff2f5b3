package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"figures/store"
	"figures/store/storetest"
)

// tableSQL is the CREATE statement of each table of db that migration 0006
// rewrites.
func tableSQL(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, row := range storetest.Rows(t, db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name IN ('claims', 'links')") {
		out[row[0].(string)] = row[1].(string)
	}
	return out
}

// toVersion5 turns the store at path back into a store of schema version
// 5: the CHECK constraints of claims and links as 0001 wrote them, with IN.
func toVersion5(t *testing.T, path string) {
	t.Helper()
	init, err := os.ReadFile("migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, table := range []string{"claims", "links"} {
		create := regexp.MustCompile(`(?s)CREATE TABLE ` + table + ` \(.*?\n\) STRICT`).Find(init)
		if !strings.Contains(string(create), "kind IN (") && !strings.Contains(string(create), "verdict IN (") {
			t.Fatalf("0001 has no CREATE TABLE %s with IN", table)
		}
		for _, q := range []string{"PRAGMA writable_schema = ON",
			fmt.Sprintf("UPDATE sqlite_schema SET sql = '%s' WHERE type = 'table' AND name = '%s'", strings.ReplaceAll(string(create), "'", "''"), table),
			"PRAGMA writable_schema = RESET"} {
			if _, err := conn.ExecContext(context.Background(), q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	if _, err := conn.ExecContext(context.Background(), "PRAGMA user_version = 5"); err != nil {
		t.Fatal(err)
	}
}

// A store of schema version 5 is migrated to the CHECK constraints without
// IN: its tables end up as a new store's, its data and the constraints'
// verdicts as they were.
func TestMigrateFromVersion5(t *testing.T) {
	ctx := context.Background()
	fresh := open(t)
	want := tableSQL(t, fresh.SQL())
	// SQLite tests IN against a list of more than two constants with a
	// temporary B-tree, built once per statement.
	longIN := regexp.MustCompile(`IN \((\s*'[^']*',){2,}`)
	for table, create := range want {
		if longIN.MatchString(create) {
			t.Errorf("a new store's %s has a CHECK with a long IN list:\n%s", table, create)
		}
	}

	path := filepath.Join(t.TempDir(), "v5.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.Populate(ctx, db); err != nil {
		t.Fatal(err)
	}
	before, _ := db.Counts(ctx)
	db.Close()
	toVersion5(t, path)

	db, err = store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.Version(ctx); v != store.SchemaVersion() {
		t.Errorf("version after migration = %d, want %d", v, store.SchemaVersion())
	}
	if got := tableSQL(t, db.SQL()); !reflect.DeepEqual(got, want) {
		t.Errorf("migrated tables:\n%v\nwant a new store's:\n%v", got, want)
	}
	if got := pragma(t, db, "integrity_check"); got != "ok" {
		t.Errorf("integrity_check = %q", got)
	}
	if after, _ := db.Counts(ctx); !reflect.DeepEqual(after, before) {
		t.Errorf("migration changed counts: %v -> %v", before, after)
	}
	testEnumerations(t, db.SQL())
}

// The enumerations' CHECK constraints accept every value of the contract
// and nothing else.
func TestEnumerationChecks(t *testing.T) {
	db := open(t)
	if _, err := storetest.Populate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	testEnumerations(t, db.SQL())
}

// testEnumerations inserts claims and links with each value of the
// contract's enumerations, and with values outside them, into a store
// holding storetest's fixture, inside a transaction it rolls back.
func testEnumerations(t *testing.T, db *sql.DB) {
	t.Helper()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var doc, pair, claim int64
	if err := tx.QueryRow("SELECT p.id, p.zh_doc, (SELECT min(id) FROM claims WHERE doc_id = p.zh_doc) FROM pairs p").Scan(&pair, &doc, &claim); err != nil {
		t.Fatal(err)
	}
	start := 100000 // past the fixture's claims
	insertClaim := func(kind, qualifier string) error {
		start++
		_, err := tx.Exec(`INSERT INTO claims (doc_id, sentence, lang, start, "end", text, kind, value, qualifier)
			VALUES (?, 0, 'zh', ?, ?, 'x', ?, '1', ?)`, doc, start, start+1, kind, qualifier)
		return err
	}
	insertLink := func(verdict, errClass string) error {
		zh, en := any(claim), any(claim)
		switch verdict {
		case "dropped":
			en = nil
		case "added":
			zh = nil
		}
		_, err := tx.Exec("INSERT INTO links (pair_id, zh_claim, en_claim, verdict, error) VALUES (?, ?, ?, ?, ?)",
			pair, zh, en, verdict, errClass)
		return err
	}
	for _, kind := range []string{"count", "money", "percent", "percent_points", "ratio", "multiple", "measure", "rate"} {
		if err := insertClaim(kind, "exact"); err != nil {
			t.Errorf("claim of kind %s refused: %v", kind, err)
		}
	}
	for _, q := range []string{"exact", "approx", "more_than", "less_than", "nearly", "at_least", "at_most", "range"} {
		if err := insertClaim("count", q); err != nil {
			t.Errorf("claim qualified %s refused: %v", q, err)
		}
	}
	for _, v := range []string{"match", "match_rounded", "dropped", "added"} {
		if err := insertLink(v, ""); err != nil {
			t.Errorf("link %s refused: %v", v, err)
		}
	}
	for _, e := range []string{"magnitude", "digits", "decimal", "rounding", "unit", "qualifier", "percent_vs_points", "sign", "other"} {
		if err := insertLink("mismatch", e); err != nil {
			t.Errorf("mismatch of class %s refused: %v", e, err)
		}
	}
	for _, bad := range []struct{ kind, qualifier string }{{"bogus", "exact"}, {"", "exact"}, {"Count", "exact"}, {"count", "about"}, {"count", ""}} {
		if err := insertClaim(bad.kind, bad.qualifier); err == nil || !strings.Contains(err.Error(), "CHECK") {
			t.Errorf("claim of kind %q qualified %q: err = %v, want a CHECK constraint failure", bad.kind, bad.qualifier, err)
		}
	}
	for _, bad := range []struct{ verdict, err string }{{"bogus", ""}, {"Match", ""}, {"mismatch", "bogus"}, {"mismatch", ""}, {"match", "digits"}} {
		if err := insertLink(bad.verdict, bad.err); err == nil || !strings.Contains(err.Error(), "CHECK") {
			t.Errorf("link %q of class %q: err = %v, want a CHECK constraint failure", bad.verdict, bad.err, err)
		}
	}
}
