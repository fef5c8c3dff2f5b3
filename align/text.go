package align

import (
	"fmt"
	"io"
)

// WriteText writes the report for people: problems first (mismatches, each
// with its two sentences and a one-line explanation), then dropped and added
// figures, then a one-line tally. A placeholder until the full report lands.
func WriteText(w io.Writer, r *Report) error {
	for _, l := range r.Links {
		if l.Verdict == Mismatch {
			if _, err := fmt.Fprintf(w, "MISMATCH %s / %s: %s\n", l.ZH.Text, l.EN.Text, l.Explanation); err != nil {
				return err
			}
		}
	}
	for _, c := range r.Dropped {
		if _, err := fmt.Fprintf(w, "DROPPED %s\n", c.Text); err != nil {
			return err
		}
	}
	for _, c := range r.Added {
		if _, err := fmt.Fprintf(w, "ADDED %s\n", c.Text); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d linked, %d mismatched, %d dropped, %d added\n",
		len(r.Links), r.Mismatches(), len(r.Dropped), len(r.Added))
	return err
}
