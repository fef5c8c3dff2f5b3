package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"figures/align"
)

// SaveDocument stores an analysed document with its paragraphs, sentences and
// claims in one transaction. A document whose content hash is already stored
// is left alone: it returns the existing id and inserted=false.
func (db *DB) SaveDocument(ctx context.Context, s align.Side) (id int64, inserted bool, err error) {
	d := s.Doc
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, fmt.Errorf("save %s: %w", d.Path, err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	err = tx.QueryRowContext(ctx, "SELECT id FROM documents WHERE hash = ?", d.Hash).Scan(&id)
	if err == nil {
		return id, false, tx.Commit()
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("save %s: %w", d.Path, err)
	}
	var version int
	if err = tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) + 1 FROM documents WHERE path = ?", d.Path).Scan(&version); err != nil {
		return 0, false, fmt.Errorf("save %s: %w", d.Path, err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO documents
		(path, hash, version, format, encoding, lang, title, date, source, text, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.Path, d.Hash, version, d.Format, d.Encoding, string(d.Lang), d.Title, d.Date, d.Source, d.Text,
		time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return 0, false, fmt.Errorf("save %s: %w", d.Path, err)
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, false, err
	}
	// Prepared once per document: a bulletin has hundreds of rows.
	insPara, err := tx.PrepareContext(ctx, `INSERT INTO paragraphs (doc_id, idx, lang, start, "end") VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, false, fmt.Errorf("save %s: %w", d.Path, err)
	}
	defer insPara.Close()
	insSent, err := tx.PrepareContext(ctx, `INSERT INTO sentences (doc_id, idx, para, lang, start, "end", text) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, false, fmt.Errorf("save %s: %w", d.Path, err)
	}
	defer insSent.Close()
	insClaim, err := tx.PrepareContext(ctx, `INSERT INTO claims
		(doc_id, sentence, lang, start, "end", text, kind, value, value_max, unit, qualifier, context)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, false, fmt.Errorf("save %s: %w", d.Path, err)
	}
	defer insClaim.Close()
	for i, p := range d.Paragraphs {
		if _, err = insPara.ExecContext(ctx, id, i, string(p.Lang), p.Start, p.End); err != nil {
			return 0, false, fmt.Errorf("save %s: paragraph %d: %w", d.Path, i, err)
		}
	}
	for _, x := range s.Sentences {
		if _, err = insSent.ExecContext(ctx, id, x.Index, x.Para, x.Lang, x.Start, x.End, x.Text); err != nil {
			return 0, false, fmt.Errorf("save %s: sentence %d: %w", d.Path, x.Index, err)
		}
	}
	for _, c := range s.Claims {
		if _, err = insClaim.ExecContext(ctx, id, c.Sentence, c.Lang, c.Start, c.End, c.Text, string(c.Kind), c.Value,
			c.ValueMax, c.Unit, string(c.Qualifier), c.Context); err != nil {
			return 0, false, fmt.Errorf("save %s: claim %q at %d: %w", d.Path, c.Text, c.Start, err)
		}
	}
	return id, true, tx.Commit()
}

// SavePair stores the fact-check of a document pair (replacing an earlier one
// for the same two documents) in one transaction and returns the pair id.
func (db *DB) SavePair(ctx context.Context, zhID, enID int64, score float64, r *align.Report) (pairID int64, err error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "DELETE FROM pairs WHERE zh_doc = ? AND en_doc = ?", zhID, enID); err != nil {
		return 0, err
	}
	matched := 0
	for _, l := range r.Links {
		if l.Verdict != align.Mismatch {
			matched++
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO pairs (zh_doc, en_doc, score, matched, mismatched, dropped, added, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, zhID, enID, score, matched, r.Mismatches(), len(r.Dropped), len(r.Added),
		time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return 0, fmt.Errorf("save pair %d-%d: %w", zhID, enID, err)
	}
	if pairID, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	for i, b := range r.Alignment {
		zj, _ := json.Marshal(nonNil(b.ZH))
		ej, _ := json.Marshal(nonNil(b.EN))
		if _, err = tx.ExecContext(ctx, `INSERT INTO alignments (pair_id, bead, zh_sentences, en_sentences, score) VALUES (?, ?, ?, ?, ?)`,
			pairID, i, string(zj), string(ej), b.Score); err != nil {
			return 0, err
		}
	}
	findClaim, err := tx.PrepareContext(ctx, `SELECT id FROM claims WHERE doc_id = ? AND start = ? AND "end" = ?`)
	if err != nil {
		return 0, err
	}
	defer findClaim.Close()
	insLink, err := tx.PrepareContext(ctx, `INSERT INTO links (pair_id, zh_claim, en_claim, verdict, error, explanation, bead)
		VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer insLink.Close()
	claimID := func(doc int64, start, end int) (any, error) {
		var id int64
		if err := findClaim.QueryRowContext(ctx, doc, start, end).Scan(&id); err != nil {
			return nil, fmt.Errorf("save pair %d-%d: claim %d:%d-%d: %w", zhID, enID, doc, start, end, err)
		}
		return id, nil
	}
	insert := func(zc, ec any, verdict, errClass, expl string, bead int) error {
		if _, err := insLink.ExecContext(ctx, pairID, zc, ec, verdict, errClass, expl, bead); err != nil {
			return fmt.Errorf("save pair %d-%d: link %s: %w", zhID, enID, verdict, err)
		}
		return nil
	}
	for _, l := range r.Links {
		zc, err := claimID(zhID, l.ZH.Start, l.ZH.End)
		if err != nil {
			return 0, err
		}
		ec, err := claimID(enID, l.EN.Start, l.EN.End)
		if err != nil {
			return 0, err
		}
		if err = insert(zc, ec, string(l.Verdict), string(l.Error), l.Explanation, l.Bead); err != nil {
			return 0, err
		}
	}
	for _, c := range r.Dropped {
		zc, err := claimID(zhID, c.Start, c.End)
		if err != nil {
			return 0, err
		}
		if err = insert(zc, nil, "dropped", "", "", -1); err != nil {
			return 0, err
		}
	}
	for _, c := range r.Added {
		ec, err := claimID(enID, c.Start, c.End)
		if err != nil {
			return 0, err
		}
		if err = insert(nil, ec, "added", "", "", -1); err != nil {
			return 0, err
		}
	}
	return pairID, tx.Commit()
}

// SaveError records a file that could not be ingested.
func (db *DB) SaveError(ctx context.Context, path, reason string) error {
	_, err := db.sql.ExecContext(ctx, "INSERT INTO errors (path, reason, at) VALUES (?, ?, ?)",
		path, reason, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("record error for %s: %w", path, err)
	}
	return nil
}

func nonNil(x []int) []int {
	if x == nil {
		return []int{}
	}
	return x
}
