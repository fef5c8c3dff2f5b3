package review

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
)

// The overview page: totals, and two bar charts (mismatches by error class,
// by source) drawn as inline SVG on the server, each bar split by what the
// reviewers decided, so an editor sees where translations go wrong and how
// much of it is confirmed.

type overviewPage struct {
	basePage
	Documents, ZHDocs, ENDocs, Unpaired, Pairs, Reviews, Errors int
	Verdicts                                                    map[string]int
	ByClass, BySource                                           *barChart
	Sources                                                     []sourceRow
}

type sourceRow struct {
	Source                                     string
	Pairs, Matched, Mismatched, Dropped, Added int
	Confirmed                                  int
}

// Rate is the share of the source's linked figures that are mismatched.
func (r sourceRow) Rate() string {
	n := r.Matched + r.Mismatched
	if n == 0 {
		return "–"
	}
	return strconv.FormatFloat(float64(r.Mismatched)*100/float64(n), 'f', 1, 64) + "%"
}

// chart segments, in drawing order: what the reviewers said about the
// mismatches in a bar.
var segments = []struct{ Key, Label string }{
	{"confirmed_error", "confirmed error"},
	{"open", "not reviewed"},
	{"second_look", "needs a second look"},
	{"false_alarm", "false alarm"},
}

type barChart struct {
	Title          string
	Width, Height  int
	LabelW         int // width of the label column
	LabelX         int // right edge of the labels (they are end-anchored)
	PlotW          int
	AxisY, LegendY int
	Bars           []bar
	Ticks          []tick
	Legend         []legendItem
	Empty          string
}

type bar struct {
	Label, Href string
	Y, Total    int
	TextX       int // where the total is written
	TextY       int // baseline of the label and total
	Segs        []seg
}

type seg struct {
	X, Y, W, H int
	Class      string
	N          int
	Title      string
}

type tick struct {
	X     int
	Label string
}

type legendItem struct {
	X, TextX, TextY int
	Class           string
	Label           string
}

const (
	barH   = 22
	barGap = 8
	chartW = 720
)

// newBarChart lays out bars for counts[label][segment]; hrefs gives each
// bar's link. Bars are sorted by total, largest first, and at most max are
// drawn.
func newBarChart(title string, counts map[string]map[string]int, labels map[string]string, hrefs func(string) string, maxBars int, empty string) *barChart {
	c := &barChart{Title: title, Width: chartW, LabelW: 230, LabelX: 222, Empty: empty}
	c.PlotW = c.Width - c.LabelW - 60
	type kv struct {
		key   string
		total int
	}
	var list []kv
	for k, m := range counts {
		t := 0
		for _, n := range m {
			t += n
		}
		if t > 0 {
			list = append(list, kv{k, t})
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].total != list[j].total {
			return list[i].total > list[j].total
		}
		return list[i].key < list[j].key
	})
	if len(list) > maxBars {
		list = list[:maxBars]
	}
	maxTotal := 1
	for _, x := range list {
		maxTotal = max(maxTotal, x.total)
	}
	step := niceStep(maxTotal)
	top := ((maxTotal + step - 1) / step) * step
	scale := func(n int) int { return n * c.PlotW / top }
	y := 28
	for _, x := range list {
		label := x.key
		if l, ok := labels[x.key]; ok {
			label = l
		}
		if label == "" {
			label = "(no source)"
		}
		b := bar{Label: label, Href: hrefs(x.key), Y: y, Total: x.total, TextY: y + barH/2 + 5}
		pos := c.LabelW
		for _, sg := range segments {
			n := counts[x.key][sg.Key]
			if n == 0 {
				continue
			}
			w := max(scale(n), 2)
			b.Segs = append(b.Segs, seg{X: pos, Y: y, W: w, H: barH, Class: "seg-" + sg.Key, N: n, Title: fmt.Sprintf("%s: %d %s", label, n, sg.Label)})
			pos += w
		}
		b.TextX = pos + 6
		c.Bars = append(c.Bars, b)
		y += barH + barGap
	}
	for v := 0; v <= top; v += step {
		c.Ticks = append(c.Ticks, tick{X: c.LabelW + scale(v), Label: comma(v)})
	}
	c.AxisY = y
	c.LegendY = y + 8
	x := 10
	for _, sg := range segments {
		c.Legend = append(c.Legend, legendItem{X: x, TextX: x + 17, TextY: c.LegendY + 11, Class: "seg-" + sg.Key, Label: sg.Label})
		x += 17 + 7*len(sg.Label) + 22
	}
	c.Height = c.LegendY + 22
	return c
}

// niceStep picks a tick step of 1, 2 or 5 times a power of ten giving at
// most about five ticks.
func niceStep(maxTotal int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if maxTotal/(m*p) <= 5 {
				return m * p
			}
		}
	}
}

func (s *Server) handleOverview(w http.ResponseWriter, r *http.Request) error {
	if _, err := parseQuery(r); err != nil {
		return err
	}
	ctx := r.Context()
	p := &overviewPage{Verdicts: map[string]int{}}
	p.basePage = basePage{Title: "Overview", Nav: "overview", FTS: s.fts}
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents),
		(SELECT count(*) FROM documents WHERE lang LIKE 'zh%'),
		(SELECT count(*) FROM documents WHERE lang NOT LIKE 'zh%'),
		(SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM pairs p WHERE p.zh_doc = d.id OR p.en_doc = d.id)),
		(SELECT count(*) FROM pairs),
		(SELECT count(*) FROM reviews),
		(SELECT count(*) FROM errors)`).Scan(&p.Documents, &p.ZHDocs, &p.ENDocs, &p.Unpaired, &p.Pairs, &p.Reviews, &p.Errors)
	if err != nil {
		return fmt.Errorf("overview totals: %w", err)
	}
	if err := scanCounts(ctx, s, `SELECT verdict, count(*) FROM links GROUP BY verdict`, func(k string, n int) {
		p.Verdicts[k] = n
	}); err != nil {
		return err
	}
	byClass := map[string]map[string]int{}
	if err := scanCounts2(ctx, s, `SELECT error, COALESCE(decision, 'open'), count(*) FROM link_reviews
		WHERE verdict = 'mismatch' GROUP BY 1, 2`, byClass); err != nil {
		return err
	}
	labels := map[string]string{}
	for _, c := range errorClasses {
		labels[c.Key] = c.Label
	}
	p.ByClass = newBarChart("Mismatches by error class", byClass, labels,
		func(k string) string { return listFilter{Error: k, Sort: "mismatched", Desc: true}.URL() }, 12,
		"No mismatched figures.")
	bySource := map[string]map[string]int{}
	if err := scanCounts2(ctx, s, `SELECT COALESCE(NULLIF(zd.source, ''), ed.source), COALESCE(v.decision, 'open'), count(*)
		FROM link_reviews v JOIN pairs p ON p.id = v.pair_id
		JOIN documents zd ON zd.id = p.zh_doc JOIN documents ed ON ed.id = p.en_doc
		WHERE v.verdict = 'mismatch' GROUP BY 1, 2`, bySource); err != nil {
		return err
	}
	p.BySource = newBarChart("Mismatches by source", bySource, nil,
		func(k string) string {
			return listFilter{Source: k, Verdict: "mismatch", Sort: "mismatched", Desc: true}.URL()
		}, 12, "No mismatched figures.")
	rows, err := s.db.QueryContext(ctx, `SELECT src, count(*), sum(matched), sum(mismatched), sum(dropped), sum(added), sum(confirmed_n)
		FROM (SELECT COALESCE(NULLIF(zd.source, ''), ed.source) AS src, p.matched, p.mismatched, p.dropped, p.added,
			`+reviewCount("v.decision = 'confirmed_error'")+` AS confirmed_n `+pairFrom+`)
		GROUP BY src ORDER BY sum(mismatched) DESC, src`)
	if err != nil {
		return fmt.Errorf("overview by source: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r sourceRow
		if err := rows.Scan(&r.Source, &r.Pairs, &r.Matched, &r.Mismatched, &r.Dropped, &r.Added, &r.Confirmed); err != nil {
			return fmt.Errorf("overview by source: %w", err)
		}
		p.Sources = append(p.Sources, r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("overview by source: %w", err)
	}
	s.render(w, http.StatusOK, "overview", p)
	return nil
}

func scanCounts(ctx context.Context, s *Server, q string, f func(string, int)) error {
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("overview: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return fmt.Errorf("overview: %w", err)
		}
		f(k, n)
	}
	return rows.Err()
}

func scanCounts2(ctx context.Context, s *Server, q string, into map[string]map[string]int) error {
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("overview: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k1, k2 string
		var n int
		if err := rows.Scan(&k1, &k2, &n); err != nil {
			return fmt.Errorf("overview: %w", err)
		}
		if into[k1] == nil {
			into[k1] = map[string]int{}
		}
		into[k1][k2] += n
	}
	return rows.Err()
}
