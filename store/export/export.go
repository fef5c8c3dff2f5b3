// Package export writes the tables of a figures store as CSV or JSON Lines
// for people who load the facts elsewhere (spreadsheets, DuckDB, pandas,
// PostgreSQL). Every table is a fixed list of documented columns, so a
// column never appears, moves or changes type without this package (and
// docs/export.md, which a test keeps in step) changing too.
//
// Values are exact: figures are decimal strings as the extractor wrote them
// ("439000000", "83.5"), never floats, and offsets count Unicode code points
// into documents.text, end exclusive.
package export

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Type is the type of an exported column.
type Type string

// The column types. Decimal is an exact decimal number written as text;
// Real is a floating-point score (never a figure).
const (
	Integer Type = "integer"
	Text    Type = "text"
	Decimal Type = "decimal"
	Real    Type = "real"
)

// Column is one exported column.
type Column struct {
	Name string
	Type Type
	// Null says when the column is NULL (an empty CSV field, JSON null);
	// "" means never.
	Null string
	Doc  string
}

// Table is one exportable table.
type Table struct {
	Name    string
	Doc     string
	Columns []Column
	query   string
}

// Format is an export format.
type Format string

// The export formats.
const (
	CSV   Format = "csv"
	JSONL Format = "jsonl"
)

// Formats lists the export formats.
func Formats() []Format { return []Format{CSV, JSONL} }

// Options adjust the output.
type Options struct {
	// BOM starts CSV output with a UTF-8 byte-order mark, which Excel needs
	// to read Chinese text correctly and most other tools do not want.
	BOM bool
}

// Lookup returns the table called name.
func Lookup(name string) (Table, bool) {
	for _, t := range Tables() {
		if t.Name == name {
			return t, true
		}
	}
	return Table{}, false
}

// Names lists the exportable tables.
func Names() []string {
	var out []string
	for _, t := range Tables() {
		out = append(out, t.Name)
	}
	return out
}

// Write writes table from the figures store db to w in format f and returns
// the number of rows written (not counting the CSV header).
func Write(ctx context.Context, db *sql.DB, table string, f Format, w io.Writer, opt Options) (int, error) {
	t, ok := Lookup(table)
	if !ok {
		return 0, fmt.Errorf("unknown table %q (want one of %s)", table, strings.Join(Names(), ", "))
	}
	var rw rowWriter
	switch f {
	case CSV:
		rw = &csvWriter{bom: opt.BOM}
	case JSONL:
		rw = &jsonlWriter{}
	default:
		return 0, fmt.Errorf("unknown format %q (want csv or jsonl)", f)
	}
	rows, err := db.QueryContext(ctx, t.query)
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", table, err)
	}
	if len(cols) != len(t.Columns) {
		return 0, fmt.Errorf("export %s: query has %d columns, table %d", table, len(cols), len(t.Columns))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := rw.header(bw, t.Columns); err != nil {
		return 0, err
	}
	vals := make([]sql.NullString, len(cols))
	dest := make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return n, fmt.Errorf("export %s: row %d: %w", table, n+1, err)
		}
		if err := rw.row(bw, t.Columns, vals); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("export %s: %w", table, err)
	}
	return n, bw.Flush()
}

type rowWriter interface {
	header(w *bufio.Writer, cols []Column) error
	row(w *bufio.Writer, cols []Column, vals []sql.NullString) error
}

// csvWriter writes RFC 4180 CSV: a header line, records ending in CRLF,
// fields quoted when they contain a comma, quote, CR or LF or begin or end
// with a space. Unlike encoding/csv with UseCRLF, a line break inside a
// field is written as it is, so documents.text keeps its code-point offsets.
type csvWriter struct{ bom bool }

func (c *csvWriter) header(w *bufio.Writer, cols []Column) error {
	if c.bom {
		w.WriteString("\ufeff")
	}
	for i, col := range cols {
		if i > 0 {
			w.WriteByte(',')
		}
		writeCSVField(w, col.Name)
	}
	_, err := w.WriteString("\r\n")
	return err
}

func (c *csvWriter) row(w *bufio.Writer, cols []Column, vals []sql.NullString) error {
	for i, v := range vals {
		if i > 0 {
			w.WriteByte(',')
		}
		if v.Valid {
			writeCSVField(w, v.String)
		}
	}
	_, err := w.WriteString("\r\n")
	return err
}

func writeCSVField(w *bufio.Writer, s string) {
	if s == "" || !(strings.ContainsAny(s, ",\"\r\n") || s[0] == ' ' || s[len(s)-1] == ' ') {
		w.WriteString(s)
		return
	}
	w.WriteByte('"')
	w.WriteString(strings.ReplaceAll(s, `"`, `""`))
	w.WriteByte('"')
}

// jsonlWriter writes one JSON object per line with the columns in table
// order: integers and reals as JSON numbers, text and decimals as strings,
// NULL as null.
type jsonlWriter struct{ buf []byte }

func (j *jsonlWriter) header(*bufio.Writer, []Column) error { return nil }

func (j *jsonlWriter) row(w *bufio.Writer, cols []Column, vals []sql.NullString) error {
	b := append(j.buf[:0], '{')
	for i, v := range vals {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, cols[i].Name)
		b = append(b, ':')
		switch {
		case !v.Valid:
			b = append(b, "null"...)
		case cols[i].Type == Integer:
			if _, err := strconv.ParseInt(v.String, 10, 64); err != nil {
				return fmt.Errorf("column %s: %q is not an integer", cols[i].Name, v.String)
			}
			b = append(b, v.String...)
		case cols[i].Type == Real:
			f, err := strconv.ParseFloat(v.String, 64)
			if err != nil {
				return fmt.Errorf("column %s: %q is not a number", cols[i].Name, v.String)
			}
			b = strconv.AppendFloat(b, f, 'f', -1, 64)
		default:
			b = appendJSONString(b, v.String)
		}
	}
	b = append(b, '}', '\n')
	j.buf = b
	_, err := w.Write(b)
	return err
}

// appendJSONString appends s as a JSON string. Unlike encoding/json it
// leaves <, > and & alone (exported text should read as stored); like it,
// it escapes control characters and U+2028/U+2029 and replaces invalid
// UTF-8 with U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
