// Package samples is the sample corpus built into figures for `figures demo`:
// invented civil-affairs bulletins from invented cities, in the style of real
// Chinese municipal press releases, with English versions. Some English
// versions carry deliberate mistranslations of each common kind, listed in
// README.md (see InjectedErrors); two English bulletins and one Chinese web
// page (GBK-encoded, with site navigation, footer and related links) have no
// counterpart.
package samples

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

//go:generate go run ./internal/gengbk

//go:embed corpus
var corpus embed.FS

//go:embed README.md
var readme string

// FS holds the sample bulletins at its root: NAME.zh.txt, NAME.en.html, ...
var FS fs.FS = mustSub(corpus, "corpus")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// InjectedError is a deliberate mistranslation in the samples: the Chinese
// figure ZH in file ZHFile was rendered as EN in ENFile, an error of class
// Error (an align.ErrorClass).
type InjectedError struct {
	ZHFile, ENFile string
	ZH, EN         string
	Error          string
	What           string
}

// InjectedErrors lists the deliberate mistranslations, read from the table
// in README.md so that the list people read is the list tests check.
func InjectedErrors() ([]InjectedError, error) {
	var out []InjectedError
	in := false
	for i, line := range strings.Split(readme, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "<!-- injected errors -->"):
			in = true
			continue
		case !in:
			continue
		case !strings.HasPrefix(line, "|"):
			if len(out) > 0 {
				return out, nil
			}
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for j := range cells {
			cells[j] = strings.Trim(strings.TrimSpace(cells[j]), "`")
		}
		if len(cells) != 6 {
			return nil, fmt.Errorf("samples/README.md:%d: want 6 cells, got %d", i+1, len(cells))
		}
		if cells[0] == "Chinese file" || strings.HasPrefix(cells[0], "---") {
			continue
		}
		out = append(out, InjectedError{ZHFile: cells[0], ENFile: cells[1], ZH: cells[2], EN: cells[3],
			Error: cells[4], What: cells[5]})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("samples/README.md: no injected-errors table")
	}
	return out, nil
}
