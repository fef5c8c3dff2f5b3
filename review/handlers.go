package review

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// parseQuery parses the request's query string strictly: a malformed escape
// or invalid UTF-8 is the client's error (400), not something to guess at.
func parseQuery(r *http.Request) (url.Values, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, httpErr(http.StatusBadRequest, "Malformed query string: %v.", err)
	}
	for k, vs := range v {
		if !utf8.ValidString(k) {
			return nil, httpErr(http.StatusBadRequest, "The query string is not valid UTF-8.")
		}
		for _, x := range vs {
			if !utf8.ValidString(x) {
				return nil, httpErr(http.StatusBadRequest, "Parameter %q is not valid UTF-8.", k)
			}
		}
	}
	return v, nil
}

// pathID reads the {id} path segment: a positive integer, else 400.
func pathID(r *http.Request) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, httpErr(http.StatusBadRequest, "%q is not a valid id: ids are positive whole numbers.", raw)
	}
	return id, nil
}

// intParam reads an optional positive integer parameter.
func intParam(v url.Values, key string, def int) (int, error) {
	raw := v.Get(key)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > 1_000_000 {
		return 0, httpErr(http.StatusBadRequest, "Parameter %s=%q is not a valid number.", key, raw)
	}
	return n, nil
}

// oneOf reads an optional parameter that must be one of allowed.
func oneOf(v url.Values, key string, allowed ...string) (string, error) {
	raw := v.Get(key)
	if raw == "" || slices.Contains(allowed, raw) {
		return raw, nil
	}
	return "", httpErr(http.StatusBadRequest, "Parameter %s=%q is not one of: %s.", key, raw, strings.Join(allowed, ", "))
}

func dateParam(v url.Values, key string) (string, error) {
	raw := v.Get(key)
	if raw == "" {
		return "", nil
	}
	if _, err := time.Parse("2006-01-02", raw); err != nil {
		return "", httpErr(http.StatusBadRequest, "Parameter %s=%q is not a date (YYYY-MM-DD).", key, raw)
	}
	return raw, nil
}

func searchParam(v url.Values) (string, error) {
	q := strings.TrimSpace(v.Get("q"))
	if utf8.RuneCountInString(q) > maxQuery {
		return "", httpErr(http.StatusBadRequest, "The search is too long (at most %d characters).", maxQuery)
	}
	return q, nil
}

func keys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func errorKeys() []string {
	out := make([]string, len(errorClasses))
	for i, c := range errorClasses {
		out[i] = c.Key
	}
	return out
}

// ---- pairs list ----

type pairsPage struct {
	basePage
	F            listFilter
	Rows         []pairRow
	Total        int
	Pages        int
	Sources      []string
	Search       *searchResult
	ErrorClasses []struct{ Key, Label string }
	Decisions    []struct{ Key, Label, Help string }
	Documents    int
}

// defaultDesc says which way a sort key runs when first clicked.
var defaultDesc = map[string]bool{"date": true, "mismatched": true, "dropped": true, "added": true, "open": true, "score": false}

func parseListFilter(v url.Values) (listFilter, error) {
	var f listFilter
	var err error
	if f.Q, err = searchParam(v); err != nil {
		return f, err
	}
	f.Source = v.Get("source")
	if f.From, err = dateParam(v, "from"); err != nil {
		return f, err
	}
	if f.To, err = dateParam(v, "to"); err != nil {
		return f, err
	}
	if f.Verdict, err = oneOf(v, "verdict", keys(verdictConds)...); err != nil {
		return f, err
	}
	if f.Error, err = oneOf(v, "error", errorKeys()...); err != nil {
		return f, err
	}
	if f.Review, err = oneOf(v, "review", keys(reviewConds)...); err != nil {
		return f, err
	}
	if f.Sort, err = oneOf(v, "sort", keys(sortExprs)...); err != nil {
		return f, err
	}
	dir, err := oneOf(v, "dir", "asc", "desc")
	if err != nil {
		return f, err
	}
	if f.Sort == "" {
		f.Sort = "mismatched"
	}
	f.Desc = dir == "desc" || (dir == "" && defaultDesc[f.Sort])
	f.Page, err = intParam(v, "page", 1)
	return f, err
}

// URL returns the list's URL with f's filters, changed by kv pairs.
func (f listFilter) URL(kv ...string) string {
	dir := "asc"
	if f.Desc {
		dir = "desc"
	}
	m := map[string]string{"q": f.Q, "source": f.Source, "from": f.From, "to": f.To, "verdict": f.Verdict,
		"error": f.Error, "review": f.Review, "sort": f.Sort, "dir": dir, "page": ""}
	if f.Page > 1 {
		m["page"] = strconv.Itoa(f.Page)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	var list []string
	for _, k := range []string{"q", "source", "from", "to", "verdict", "error", "review", "sort", "dir", "page"} {
		list = append(list, k, m[k])
	}
	return "/" + query(list...)
}

// SortURL is the URL of the list sorted by key: the other way round if it
// is sorted by key already.
func (f listFilter) SortURL(key string) string {
	desc := defaultDesc[key]
	if f.Sort == key {
		desc = !f.Desc
	}
	dir := "asc"
	if desc {
		dir = "desc"
	}
	return f.URL("sort", key, "dir", dir, "page", "")
}

// Arrow marks the column the list is sorted by.
func (f listFilter) Arrow(key string) string {
	if f.Sort != key {
		return ""
	}
	if f.Desc {
		return "▼"
	}
	return "▲"
}

// Filtered reports whether any filter is set.
func (f listFilter) Filtered() bool {
	return f.Q != "" || f.Source != "" || f.From != "" || f.To != "" || f.Verdict != "" || f.Error != "" || f.Review != ""
}

func (s *Server) handlePairs(w http.ResponseWriter, r *http.Request) error {
	v, err := parseQuery(r)
	if err != nil {
		return err
	}
	f, err := parseListFilter(v)
	if err != nil {
		return err
	}
	p := &pairsPage{F: f, ErrorClasses: errorClasses, Decisions: decisions}
	p.basePage = basePage{Title: "Document pairs", Nav: "pairs", SearchQuery: f.Q, FTS: s.fts}
	ctx := r.Context()
	var ids []int64
	if p.Search, ids, err = s.searchIDs(ctx, f.Q); err != nil {
		return err
	}
	if p.Rows, p.Total, err = s.listPairs(ctx, f, ids); err != nil {
		return err
	}
	p.Pages = (p.Total + pageSize - 1) / pageSize
	if p.Sources, err = s.sources(ctx); err != nil {
		return err
	}
	if f.Source != "" && !slices.Contains(p.Sources, f.Source) {
		p.Sources = append(p.Sources, f.Source)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM documents").Scan(&p.Documents); err != nil {
		return fmt.Errorf("count documents: %w", err)
	}
	s.render(w, http.StatusOK, "pairs", p)
	return nil
}

// ---- one pair ----

type pairPage struct {
	basePage
	Pair       pairRow
	Rows       []alignRow
	Mismatches []*linkView
	Dropped    []*linkView
	Added      []*linkView
	Links      []*linkView
	Selected   *linkView
	// SelectedID, SelDecision and SelNote fill the decision form.
	SelectedID  int64
	SelDecision string
	SelNote     string
	Token       string
	Decisions   []struct{ Key, Label, Help string }
}

type alignRow struct {
	Bead   int
	Score  float64
	ZH, EN []sentView
}

type sentView struct {
	Index int
	Parts []part
}

// linkView is a link as the pair page shows it. Its fields are copied out
// of the row rather than embedded: text/template finds promoted fields by a
// slow search, and a 500-sentence pair has a thousand links.
type linkView struct {
	Row                       linkRow
	ID                        int64
	Verdict, Error            string
	Decision, Note, DecidedAt string
	ZH, EN                    *claim
	ZHSentence, ENSentence    string
	Explain                   string
	Href                      string // selects the link, at its first figure
	Anchor                    string // the id of its first figure in the text
}

func (s *Server) handlePair(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := parseQuery(r)
	if err != nil {
		return err
	}
	var sel int64
	if raw := v.Get("link"); raw != "" {
		if sel, err = strconv.ParseInt(raw, 10, 64); err != nil || sel <= 0 {
			return httpErr(http.StatusBadRequest, "Parameter link=%q is not a valid id.", raw)
		}
	}
	p, err := s.buildPair(r.Context(), id, sel)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "pair", p)
	return nil
}

func (s *Server) buildPair(ctx context.Context, id, sel int64) (*pairPage, error) {
	pr, err := s.getPair(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &pairPage{Pair: pr, Token: s.csrfToken(), Decisions: decisions}
	p.basePage = basePage{Title: pr.ZH.Name() + " · " + pr.EN.Name(), Nav: "pairs", FTS: s.fts}
	zhS, err := s.sentences(ctx, pr.ZH.ID)
	if err != nil {
		return nil, err
	}
	enS, err := s.sentences(ctx, pr.EN.ID)
	if err != nil {
		return nil, err
	}
	zhC, err := s.claims(ctx, pr.ZH.ID)
	if err != nil {
		return nil, err
	}
	enC, err := s.claims(ctx, pr.EN.ID)
	if err != nil {
		return nil, err
	}
	beads, err := s.beads(ctx, id)
	if err != nil {
		return nil, err
	}
	links, err := s.links(ctx, id)
	if err != nil {
		return nil, err
	}

	// One figure per claim, coloured by the worst verdict of its links and
	// selecting that link.
	figs := map[int64]*figure{}
	claimByID := map[int64]*claim{}
	for _, cs := range [][]claim{zhC, enC} {
		for _, c := range cs {
			f := &figure{ClaimID: c.ID}
			figs[c.ID] = f
			c.Fig = f
			claimByID[c.ID] = &c
		}
	}
	sentText := func(ss []sentence, i int) string {
		if i >= 0 && i < len(ss) && ss[i].Index == i {
			return ss[i].Text
		}
		return ""
	}
	for _, l := range links {
		lv := &linkView{Row: l, ID: l.ID, Verdict: l.Verdict, Error: l.Error, Decision: l.Decision, Note: l.Note,
			DecidedAt: l.DecidedAt, ZH: claimByID[l.ZHClaim], EN: claimByID[l.ENClaim]}
		for _, cv := range []*claim{lv.ZH, lv.EN} {
			if cv == nil {
				continue
			}
			f := cv.Fig
			if w := worst(f.Verdict, l.Verdict); w != f.Verdict || f.LinkID == 0 {
				f.Verdict, f.LinkID, f.Decision = w, l.ID, l.Decision
			}
		}
		if lv.ZH != nil {
			lv.Anchor = fmt.Sprintf("c%d", lv.ZH.ID)
		} else if lv.EN != nil {
			lv.Anchor = fmt.Sprintf("c%d", lv.EN.ID)
		}
		// The panel quotes the sentences of a problem (or the selected
		// link); for a match they are beside it in the text, and quoting
		// them for a thousand matches would double the page.
		if l.Verdict != "match" && l.Verdict != "match_rounded" || l.ID == sel {
			if lv.ZH != nil {
				lv.ZHSentence = sentText(zhS, lv.ZH.Sentence)
			}
			if lv.EN != nil {
				lv.ENSentence = sentText(enS, lv.EN.Sentence)
			}
		}
		lv.Href = fmt.Sprintf("?link=%d#%s", l.ID, lv.Anchor)
		lv.Explain = explain(lv)
		p.Links = append(p.Links, lv)
		switch l.Verdict {
		case "mismatch":
			p.Mismatches = append(p.Mismatches, lv)
		case "dropped":
			p.Dropped = append(p.Dropped, lv)
		case "added":
			p.Added = append(p.Added, lv)
		}
		if l.ID == sel {
			p.Selected = lv
			p.SelectedID, p.SelDecision, p.SelNote = l.ID, l.Decision, l.Note
		}
	}
	if sel != 0 && p.Selected == nil {
		return nil, httpErr(http.StatusNotFound, "Pair %d has no link %d (was it checked again? open the pair afresh).", id, sel)
	}
	for _, f := range figs {
		if f.LinkID != 0 {
			f.Href = fmt.Sprintf("?link=%d#c%d", f.LinkID, f.ClaimID)
			f.Title = verdictLabel(f.Verdict)
			if f.Decision != "" {
				f.Title += " · " + decisionLabel(f.Decision)
			}
		} else {
			f.Title = "not linked to a figure of the other text"
		}
		if p.Selected != nil && f.LinkID == p.Selected.ID {
			f.Sel = true
		}
		f.done()
	}
	// Links list in text order, problems first.
	byPos := func(list []*linkView) {
		sort.SliceStable(list, func(i, j int) bool { return linkPos(list[i]) < linkPos(list[j]) })
	}
	byPos(p.Mismatches)
	byPos(p.Dropped)
	byPos(p.Added)
	byPos(p.Links)

	zhSpans := sentenceSpans(zhS, zhC, figs)
	enSpans := sentenceSpans(enS, enC, figs)
	view := func(ss []sentence, spans [][]span, idx []int) []sentView {
		var out []sentView
		for _, i := range idx {
			if i < 0 || i >= len(ss) {
				continue
			}
			out = append(out, sentView{Index: i, Parts: highlight(ss[i].Text, ss[i].Start, spans[i])})
		}
		return out
	}
	for _, b := range alignRows(beads, len(zhS), len(enS)) {
		p.Rows = append(p.Rows, alignRow{Bead: b.Index, Score: b.Score,
			ZH: view(zhS, zhSpans, b.ZH), EN: view(enS, enSpans, b.EN)})
	}
	return p, nil
}

// linkPos orders links by where their figures are: Chinese first.
func linkPos(l *linkView) int {
	if l.ZH != nil {
		return l.ZH.Start
	}
	if l.EN != nil {
		return 1<<30 + l.EN.Start
	}
	return 1 << 31
}

// explain is the link's one-line explanation, or one written here for a
// figure with no counterpart and for an unexplained match.
func explain(l *linkView) string {
	if strings.TrimSpace(l.Row.Explanation) != "" {
		return l.Row.Explanation
	}
	describe := func(c *claim) string {
		d := c.Kind + " " + formatValue(c.Value)
		if c.ValueMax != "" {
			d += "–" + formatValue(c.ValueMax)
		}
		if c.Unit != "" {
			d += " " + c.Unit
		}
		return d
	}
	switch {
	case l.Verdict == "dropped" && l.ZH != nil:
		return fmt.Sprintf("%s (%s) is not stated in the English version.", l.ZH.Text, describe(l.ZH))
	case l.Verdict == "added" && l.EN != nil:
		return fmt.Sprintf("%s (%s) appears only in the English version.", l.EN.Text, describe(l.EN))
	case l.ZH != nil && l.EN != nil:
		return fmt.Sprintf("%s and %s: %s.", l.ZH.Text, l.EN.Text, verdictLabel(l.Verdict))
	}
	return verdictLabel(l.Verdict)
}

// sentenceSpans groups a document's claims by sentence, as figure spans.
func sentenceSpans(ss []sentence, cs []claim, figs map[int64]*figure) [][]span {
	out := make([][]span, len(ss))
	for _, c := range cs {
		i := c.Sentence
		if i < 0 || i >= len(ss) {
			continue
		}
		out[i] = append(out[i], span{Start: c.Start, End: c.End, Fig: figs[c.ID]})
	}
	for _, sp := range out {
		sortSpans(sp)
	}
	return out
}

// alignRows returns the beads, with a one-sided row added for any sentence
// no bead covers (an incomplete alignment must not hide text), placed after
// the row holding the sentence before it.
func alignRows(beads []bead, nzh, nen int) []bead {
	rows := slices.Clone(beads)
	covered := func(side func(bead) []int, n int) []bool {
		c := make([]bool, n)
		for _, b := range rows {
			for _, i := range side(b) {
				if i >= 0 && i < n {
					c[i] = true
				}
			}
		}
		return c
	}
	insert := func(side func(bead) []int, n int, mk func(i int) bead) {
		c := covered(side, n)
		for i := range n {
			if c[i] {
				continue
			}
			at := 0
			for k, b := range rows {
				if slices.ContainsFunc(side(b), func(j int) bool { return j < i }) {
					at = k + 1
				}
			}
			rows = slices.Insert(rows, at, mk(i))
		}
	}
	zh := func(b bead) []int { return b.ZH }
	en := func(b bead) []int { return b.EN }
	insert(zh, nzh, func(i int) bead { return bead{Index: -1, ZH: []int{i}} })
	insert(en, nen, func(i int) bead { return bead{Index: -1, EN: []int{i}} })
	return rows
}

// ---- one document ----

type docPage struct {
	basePage
	Doc    docRow
	Paras  [][]sentView
	Claims []docClaim
	Pairs  []pairRow
}

type docClaim struct {
	claim
	Links []linkRow
	Href  string
}

func (s *Server) handleDoc(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := parseQuery(r); err != nil {
		return err
	}
	ctx := r.Context()
	d, err := s.getDoc(ctx, id)
	if err != nil {
		return err
	}
	p := &docPage{Doc: d}
	p.basePage = basePage{Title: d.Name(), Nav: "documents", FTS: s.fts}
	ss, err := s.sentences(ctx, id)
	if err != nil {
		return err
	}
	cs, err := s.claims(ctx, id)
	if err != nil {
		return err
	}
	links, err := s.docLinks(ctx, id)
	if err != nil {
		return err
	}
	if p.Pairs, err = s.docPairs(ctx, id); err != nil {
		return err
	}
	figs := map[int64]*figure{}
	for _, c := range cs {
		f := &figure{ClaimID: c.ID, Title: "figure"}
		c.Fig = f
		dc := docClaim{claim: c, Links: links[c.ID]}
		for _, l := range dc.Links {
			f.Verdict = worst(f.Verdict, l.Verdict)
			if f.Verdict == l.Verdict {
				f.LinkID, f.Decision = l.ID, l.Decision
				dc.Href = fmt.Sprintf("/pair/%d?link=%d#c%d", l.PairID, l.ID, c.ID)
			}
		}
		if len(dc.Links) > 0 {
			f.Title = verdictLabel(f.Verdict)
		}
		f.Href = "#claim-" + strconv.FormatInt(c.ID, 10)
		f.done()
		figs[c.ID] = f
		p.Claims = append(p.Claims, dc)
	}
	spans := sentenceSpans(ss, cs, figs)
	para := -1
	for i, x := range ss {
		if x.Para != para || len(p.Paras) == 0 {
			p.Paras = append(p.Paras, nil)
			para = x.Para
		}
		last := &p.Paras[len(p.Paras)-1]
		*last = append(*last, sentView{Index: i, Parts: highlight(x.Text, x.Start, spans[i])})
	}
	if len(ss) == 0 && d.Text != "" {
		// Not split into sentences (nothing to read as one): show the text.
		p.Paras = [][]sentView{{{Index: 0, Parts: []part{{Text: d.Text}}}}}
	}
	s.render(w, http.StatusOK, "doc", p)
	return nil
}

// ---- documents list ----

type docsPage struct {
	basePage
	F      docFilter
	Rows   []docListRow
	Total  int
	Pages  int
	Search *searchResult
}

// URL returns the documents list's URL with f's filters, changed by kv.
func (f docFilter) URL(kv ...string) string {
	m := map[string]string{"q": f.Q, "lang": f.Lang, "paired": f.Paired, "page": ""}
	if f.Page > 1 {
		m["page"] = strconv.Itoa(f.Page)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return "/documents" + query("q", m["q"], "lang", m["lang"], "paired", m["paired"], "page", m["page"])
}

func (s *Server) handleDocuments(w http.ResponseWriter, r *http.Request) error {
	v, err := parseQuery(r)
	if err != nil {
		return err
	}
	var f docFilter
	if f.Q, err = searchParam(v); err != nil {
		return err
	}
	if f.Lang, err = oneOf(v, "lang", "zh", "en"); err != nil {
		return err
	}
	if f.Paired, err = oneOf(v, "paired", "paired", "unpaired"); err != nil {
		return err
	}
	if f.Page, err = intParam(v, "page", 1); err != nil {
		return err
	}
	p := &docsPage{F: f}
	p.basePage = basePage{Title: "Documents", Nav: "documents", SearchQuery: f.Q, FTS: s.fts}
	ctx := r.Context()
	var ids []int64
	if p.Search, ids, err = s.searchIDs(ctx, f.Q); err != nil {
		return err
	}
	if p.Rows, p.Total, err = s.listDocs(ctx, f, ids); err != nil {
		return err
	}
	p.Pages = (p.Total + pageSize - 1) / pageSize
	if p.Search != nil {
		terms := p.Search.Terms
		if p.Search.Mode == "substring" {
			terms = []string{f.Q}
		}
		for i := range p.Rows {
			text, err := s.docText(ctx, p.Rows[i].ID)
			if err != nil {
				return fmt.Errorf("snippet of %d: %w", p.Rows[i].ID, err)
			}
			p.Rows[i].Snippet = snippet(text, terms, 90)
		}
	}
	s.render(w, http.StatusOK, "documents", p)
	return nil
}

// ---- decisions ----

const maxNote = 2000

func (s *Server) handleReview(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return httpErr(http.StatusBadRequest, "Malformed form: %v.", err)
	}
	f := r.PostForm
	if err := s.checkCSRF(f.Get("csrf")); err != nil {
		return err
	}
	raw := f.Get("link")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return httpErr(http.StatusBadRequest, "link=%q is not a valid id.", raw)
	}
	decision := f.Get("decision")
	if decision != "clear" && !slices.ContainsFunc(decisions, func(d struct{ Key, Label, Help string }) bool { return d.Key == decision }) {
		return httpErr(http.StatusBadRequest, "decision=%q is not one of confirmed_error, false_alarm, second_look, clear.", decision)
	}
	note := strings.TrimSpace(f.Get("note"))
	if !utf8.ValidString(note) {
		return httpErr(http.StatusBadRequest, "The note is not valid UTF-8.")
	}
	if utf8.RuneCountInString(note) > maxNote {
		return httpErr(http.StatusBadRequest, "The note is too long (at most %d characters).", maxNote)
	}
	ctx := r.Context()
	l, err := s.getLink(ctx, id)
	if err != nil {
		return err
	}
	if s.readOnly {
		return httpErr(http.StatusForbidden, "This database is open read-only, so decisions cannot be saved.")
	}
	if err := s.decide(ctx, l, decision, note); err != nil {
		return err
	}
	anchor := ""
	if l.ZHClaim != 0 {
		anchor = fmt.Sprintf("#c%d", l.ZHClaim)
	} else if l.ENClaim != 0 {
		anchor = fmt.Sprintf("#c%d", l.ENClaim)
	}
	http.Redirect(w, r, fmt.Sprintf("/pair/%d?link=%d%s", l.PairID, l.ID, anchor), http.StatusSeeOther)
	return nil
}

// decide records (or, for "clear", removes) the decision on link l. The row
// is keyed by the documents' hashes and the claims' spans, so it stays with
// the figures when the pair is ingested or checked again.
func (s *Server) decide(ctx context.Context, l linkRow, decision, note string) error {
	key := []any{l.ZHHash, l.ENHash, l.ZHStart, l.ZHEnd, l.ENStart, l.ENEnd}
	if decision == "clear" {
		_, err := s.db.ExecContext(ctx, `DELETE FROM reviews WHERE zh_hash = ? AND en_hash = ?
			AND zh_start = ? AND zh_end = ? AND en_start = ? AND en_end = ?`, key...)
		if err != nil {
			return fmt.Errorf("clear decision on link %d: %w", l.ID, err)
		}
		return nil
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO reviews
		(zh_hash, en_hash, zh_start, zh_end, en_start, en_end, decision, note, decided_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (zh_hash, en_hash, zh_start, zh_end, en_start, en_end)
		DO UPDATE SET decision = excluded.decision, note = excluded.note, decided_at = excluded.decided_at`,
		append(key, decision, note, time.Now().UTC().Format(time.RFC3339))...)
	if err != nil {
		return fmt.Errorf("record decision on link %d: %w", l.ID, err)
	}
	return nil
}
