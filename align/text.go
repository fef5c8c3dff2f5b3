package align

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"figures/extract"
)

// WriteText writes the report for people at a terminal, in plain text:
// a header naming the two documents, then the problems (mismatches, each
// with its error class, a one-line explanation and the two sentences with
// the figure marked «like this»), then the figures dropped from and added in
// the English, then the roundings accepted and the matches in brief, and a
// one-line tally. Sentences are cut to a window around the figure.
func WriteText(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	aligned, zOnly, eOnly := 0, 0, 0
	for _, b := range r.Alignment {
		switch {
		case len(b.ZH) > 0 && len(b.EN) > 0:
			aligned++
		case len(b.ZH) > 0:
			zOnly++
		default:
			eOnly++
		}
	}
	p("figures check: %s (Chinese) against %s (English)\n", name(r.ZH.File), name(r.EN.File))
	p("%d Chinese and %s; %s, %s without a counterpart, %d English.\n",
		len(r.ZH.Sentences), nouns(len(r.EN.Sentences), "English sentence"), nouns(aligned, "aligned group"),
		nouns(zOnly, "Chinese sentence"), eOnly)

	var problems, rounded, matched []Link
	for _, l := range r.Links {
		switch l.Verdict {
		case Mismatch:
			problems = append(problems, l)
		case MatchRounded:
			rounded = append(rounded, l)
		default:
			matched = append(matched, l)
		}
	}

	p("\n")
	if len(problems) == 0 {
		p("PROBLEMS: none. No linked figure disagrees with the Chinese.\n")
	} else {
		p("PROBLEMS (%d): figures the English gets wrong\n", len(problems))
		for k, l := range problems {
			p("\n%3d. %s: %s  ->  %s\n", k+1, strings.ToUpper(string(l.Error)), l.ZH.Text, l.EN.Text)
			p("     %s\n", l.Explanation)
			p("     zh: %s\n", r.context(l.ZH, true))
			p("     en: %s\n", r.context(l.EN, false))
			if l.Bead < 0 {
				p("     (the English states it in another sentence)\n")
			}
		}
	}

	if len(r.Dropped) > 0 {
		p("\nDROPPED (%d): figures in the Chinese with no counterpart in the English\n", len(r.Dropped))
		for _, c := range r.Dropped {
			p("  - %s zh: %s\n", pad(c.Text, 14), r.context(c, true))
		}
	}
	if len(r.Added) > 0 {
		p("\nADDED (%d): figures in the English with no counterpart in the Chinese\n", len(r.Added))
		for _, c := range r.Added {
			p("  - %s en: %s\n", pad(c.Text, 14), r.context(c, false))
		}
	}
	if len(rounded) > 0 {
		p("\nROUNDED (%d): accepted, but check the rounding suits your use\n", len(rounded))
		for _, l := range rounded {
			p("  - %s\n", l.Explanation)
		}
	}
	if len(matched) > 0 {
		p("\nMATCHED (%d):", len(matched))
		line := 14
		for k, l := range matched {
			item := fmt.Sprintf(" %s = %s", l.ZH.Text, l.EN.Text)
			if k < len(matched)-1 {
				item += ";"
			}
			if line+width(item) > 100 {
				p("\n ")
				line = 1
			}
			p("%s", item)
			line += width(item)
		}
		p("\n")
		for _, l := range matched {
			if strings.Contains(l.Explanation, "the English drops") || strings.Contains(l.Explanation, "the English adds") {
				p("  note: %s\n", l.Explanation)
			}
		}
	}
	p("\n%s\n", r.Tally())
	return bw.Flush()
}

// Tally is the one-line summary of a report: "12 figures linked: 7 matched,
// 1 rounded, 4 mismatched (2 magnitude, 1 digits, 1 unit); 3 dropped, 1 added".
func (r *Report) Tally() string {
	m, rd, mm := 0, 0, 0
	classes := map[ErrorClass]int{}
	for _, l := range r.Links {
		switch l.Verdict {
		case Match:
			m++
		case MatchRounded:
			rd++
		default:
			mm++
			classes[l.Error]++
		}
	}
	s := fmt.Sprintf("%s linked: %d matched, %d rounded, %d mismatched", nouns(len(r.Links), "figure"), m, rd, mm)
	if mm > 0 {
		var names []string
		for c := range classes {
			names = append(names, string(c))
		}
		sort.Slice(names, func(i, j int) bool {
			ci, cj := classes[ErrorClass(names[i])], classes[ErrorClass(names[j])]
			return ci > cj || ci == cj && names[i] < names[j]
		})
		for k, n := range names {
			names[k] = fmt.Sprintf("%d %s", classes[ErrorClass(n)], n)
		}
		s += " (" + strings.Join(names, ", ") + ")"
	}
	return s + fmt.Sprintf("; %d dropped, %d added.", len(r.Dropped), len(r.Added))
}

// context shows the sentence holding claim c, cut to a window around the
// figure, with the figure marked «like this».
func (r *Report) context(c extract.Claim, zh bool) string {
	sents := r.EN.Sentences
	if zh {
		sents = r.ZH.Sentences
	}
	span := 45 // English characters either side
	if c.Lang == "zh" {
		// Chinese characters are twice as wide, also in the Chinese
		// paragraph of an English document.
		span = 20
	}
	if c.Sentence < 0 || c.Sentence >= len(sents) {
		return c.Text
	}
	s := sents[c.Sentence]
	runes := []rune(s.Text)
	a, b := c.Start-s.Start, c.End-s.Start
	if a < 0 || b > len(runes) || a > b {
		return c.Text
	}
	lo, hi := max(0, a-span), min(len(runes), b+span)
	// Do not cut a number in two, nor an English word when a space is near.
	for lo > 0 && lo < a && isNumRune(runes[lo]) && isNumRune(runes[lo-1]) {
		lo++
	}
	for hi < len(runes) && hi > b && isNumRune(runes[hi]) && isNumRune(runes[hi-1]) {
		hi--
	}
	if c.Lang != "zh" {
		for k := lo; lo > 0 && k < min(lo+12, a); k++ {
			if runes[k] == ' ' {
				lo = k + 1
				break
			}
		}
		for k := hi; hi < len(runes) && k > max(hi-12, b); k-- {
			if runes[k-1] == ' ' {
				hi = k - 1
				break
			}
		}
	}
	out := ""
	if lo > 0 {
		out = "…"
	}
	out += string(runes[lo:a]) + "«" + string(runes[a:b]) + "»" + string(runes[b:hi])
	if hi < len(runes) {
		out += "…"
	}
	return fmt.Sprintf("[%d] %s", c.Sentence+1, out)
}

// name is how the report names a file: one line, even when the file name
// holds a line break.
func name(path string) string {
	if path == "" {
		return "(unnamed)"
	}
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(filepath.ToSlash(path))
}

// nouns writes n and a noun, with an s unless n is 1.
func nouns(n int, noun string) string {
	return fmt.Sprintf("%d %s%s", n, noun, plural(n))
}

// pad pads s with spaces to n display columns.
func pad(s string, n int) string {
	if w := width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

func isNumRune(r rune) bool {
	return r >= '0' && r <= '9' || r == '.' || r == ',' || r >= '０' && r <= '９'
}

// width is the display width of s: East Asian characters take two columns.
func width(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 ||
			r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6) {
			n += 2
		} else {
			n++
		}
	}
	return n
}
