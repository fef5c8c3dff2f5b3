package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// article is what readHTML finds in a page.
type article struct {
	Title, Date, Source string
	// Body is the article text, one paragraph a line.
	Body string
}

// Selectors, compiled once.
var (
	selArticle = cascadia.MustCompile(articleSelectors)
	selH12     = cascadia.MustCompile("h1, h2")
)

// junk reports whether elements of kind a never hold article text.
func junk(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Object, atom.Embed,
		atom.Svg, atom.Canvas, atom.Template, atom.Button, atom.Select, atom.Input,
		atom.Textarea, atom.Map, atom.Audio, atom.Video, atom.Head:
		return true
	}
	return false
}

func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			if styleHides(a.Val) {
				return true
			}
		}
	}
	return false
}

// styleHides reports whether a style attribute hides its element
// (display:none, visibility:hidden; any case, any spaces).
func styleHides(v string) bool {
	var buf [256]byte
	if len(v) > len(buf) || !isASCIIString(v) {
		v = strings.ReplaceAll(strings.ToLower(v), " ", "")
		return strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden")
	}
	// An ASCII style, the usual one, lower-cased without allocating.
	b := buf[:0]
	for i := 0; i < len(v); i++ {
		if c := lowerByte(v[i]); c != ' ' {
			b = append(b, c)
		}
	}
	return bytes.Contains(b, []byte("display:none")) || bytes.Contains(b, []byte("visibility:hidden"))
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// flatKeep are the tags flattenHTML keeps: they carry the title, metadata,
// paragraph breaks and the junk removeJunk drops, and cannot nest deeply.
var flatKeep = map[atom.Atom]bool{
	atom.Html: true, atom.Head: true, atom.Title: true, atom.Meta: true, atom.Body: true, atom.P: true, atom.Br: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Textarea: true,
}

// flattenHTML rewrites a page without its nesting: every tag but those in
// flatKeep becomes a line break if it is a block (so paragraphs stay apart)
// or disappears if it is inline.
func flattenHTML(text string) string {
	z := html.NewTokenizer(strings.NewReader(text))
	var b strings.Builder
	b.Grow(len(text))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case flatKeep[a]:
				b.Write(z.Raw())
			case inlineAtoms[a]:
			default:
				b.WriteString("<br>")
			}
		default:
			b.Write(z.Raw())
		}
	}
}

// inlineAtoms are the elements flattenHTML removes without a line break.
var inlineAtoms = map[atom.Atom]bool{
	atom.A: true, atom.Span: true, atom.Font: true, atom.B: true, atom.I: true, atom.U: true, atom.Strong: true,
	atom.Em: true, atom.Small: true, atom.Big: true, atom.Sub: true, atom.Sup: true, atom.Abbr: true, atom.Code: true,
	atom.Img: true, atom.Label: true, atom.Time: true, atom.Mark: true, atom.Q: true, atom.Cite: true,
}

// readHTML finds the article in a government page: it scores every block
// by the text it holds (Chinese and English punctuation, length) less its
// links, prefers the containers content management systems use for articles
// (#zoom, .TRS_Editor, .pages_content, article, ...), drops what a page
// wraps around an article (menus, breadcrumbs, share bars, related-article
// lists, footers) and keeps paragraph boundaries. Title, date and source
// come from meta tags and visible datelines.
func readHTML(raw []byte) (article, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(raw))
	if err != nil && strings.Contains(err.Error(), "open stack of elements") {
		// The parser refuses more than 512 elements open at once (tables
		// in tables in tables). Such a page's layout says nothing about
		// where its article is; read it again with the layout flattened.
		doc, err = goquery.NewDocumentFromReader(strings.NewReader(flattenHTML(string(raw))))
		if err != nil && strings.Contains(err.Error(), "open stack of elements") {
			return article{}, errors.New("HTML nested too deeply (more than 512 elements open at once)")
		}
	}
	if err != nil {
		return article{}, fmt.Errorf("parse html: %w", err)
	}
	// One walk reads the title and metas (junk included: the <head> is
	// junk), drops the junk and finds the <body>.
	pre := prepare(doc.Nodes)
	metas := pre.metas
	pageTitle := ""
	if pre.title != nil {
		pageTitle = cleanSpace(nodeText(pre.title))
	}
	root := pre.body
	if root == nil {
		root = doc.Nodes[0]
	}
	// The whole page's lines, chrome included, for datelines and sources,
	// read as far as they are needed.
	page := newLineReader(root, nil)

	sc, bi := bestContainer(root)
	best := sc.info[bi].node
	lines := textLines(best, chromeNodes(sc, bi))
	// The page's <time> elements, found by the scorer's walk when nothing
	// outside root can hold one, else by a walk of their own.
	var times []*html.Node
	if alone(root) {
		times = slices.Clone(sc.times)
	} else {
		times = elements(doc.Nodes, "time")
	}
	sc.release()

	var a article
	titleParts := splitTitle(pageTitle)
	a.Title = pickTitle(doc, metas, pageTitle, titleParts, best, lines)
	a.Date = pickDate(metas, times, page, lines, a.Title)
	a.Source = pickSource(metas, page, titleParts)
	a.Body = strings.Join(bodyLines(lines, a.Title), "\n")
	return a, nil
}

// prepared is what prepare finds.
type prepared struct {
	metas       map[string]string // as readMetas reads them
	title, body *html.Node        // the first <title>, the first <body> left
}

// prepare reads the metas and finds the first <title> of the page under
// nodes, removes the junk (removeJunk) and finds the first <body> left,
// all in one walk: what separate walks for each would find.
func prepare(nodes []*html.Node) prepared {
	p := prepared{metas: map[string]string{}}
	for _, n := range nodes {
		p.clean(n)
	}
	return p
}

// see reads element c: a meta, the title.
func (p *prepared) see(c *html.Node) {
	if c.Data == "meta" {
		readMeta(c, p.metas)
	}
	if p.title == nil && c.Data == "title" {
		p.title = c
	}
}

// clean drops the elements that never hold article text (scripts,
// styles, form controls, media, hidden elements and comments), seeing
// every element on the way, those of the subtrees it removes too.
func (p *prepared) clean(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode:
			n.RemoveChild(c)
		case c.Type == html.ElementNode && (junk(c.DataAtom) || hidden(c)):
			p.see(c)
			p.seeUnder(c)
			n.RemoveChild(c)
		default:
			if c.Type == html.ElementNode {
				p.see(c)
				if p.body == nil && c.Data == "body" {
					p.body = c
				}
			}
			p.clean(c)
		}
		c = next
	}
}

// seeUnder sees the elements under n.
func (p *prepared) seeUnder(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			p.see(c)
			p.seeUnder(c)
		}
	}
}

// readMeta reads a <meta name|property|itemprop|http-equiv content> into
// m, keyed by the lower-cased name; the first of a name wins.
func readMeta(n *html.Node, m map[string]string) {
	content, ok := attr(n, "content")
	if !ok || strings.TrimSpace(content) == "" {
		return
	}
	for _, a := range []string{"name", "property", "itemprop", "http-equiv"} {
		if k, ok := attr(n, a); ok {
			k = strings.ToLower(strings.TrimSpace(k))
			if _, seen := m[k]; !seen && k != "" {
				m[k] = strings.TrimSpace(content)
			}
		}
	}
}

// attr returns the value of n's first attribute named key (as goquery's
// Attr does).
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// alone reports whether every element of the page outside n's subtree is
// one of n's ancestors (the <html> around a <body>, once the <head> is
// gone; a doctype, comments and white space beside them): then a walk of
// n's subtree finds every other element.
func alone(n *html.Node) bool {
	for a := n; a.Parent != nil; a = a.Parent {
		if a.Parent.Type == html.ElementNode && a.Parent.Data == "time" {
			return false
		}
		for c := a.Parent.FirstChild; c != nil; c = c.NextSibling {
			if c != a && (c.Type == html.ElementNode || c.FirstChild != nil) {
				return false
			}
		}
	}
	return true
}

// elements returns the elements named name under nodes, in document order.
func elements(nodes []*html.Node, name string) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == name {
				out = append(out, c)
			}
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

// firstElement returns the first element named name under nodes, in
// document order (what goquery's Find(name).First() selects), or nil.
func firstElement(nodes []*html.Node, name string) *html.Node {
	var walk func(n *html.Node) *html.Node
	walk = func(n *html.Node) *html.Node {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == name {
				return c
			}
			if f := walk(c); f != nil {
				return f
			}
		}
		return nil
	}
	for _, n := range nodes {
		if f := walk(n); f != nil {
			return f
		}
	}
	return nil
}

// nodeStats counts the text under an element.
type nodeStats struct {
	chars, linkChars, punct, links int
}

// segment is a run of text directly in one block, between <br>s and child
// blocks: a paragraph as a reader sees it.
type segment struct {
	chars, linkChars, punct int
}

// nodeInfo is what the scorer learns about one node of the tree it walks:
// the root and every element under it. Nodes are numbered in document
// order, so the subtree of node i is i up to end, and its parent is a
// number too: the scorer keeps everything in slices (reused from page to
// page) rather than in maps keyed by node, which cost more than the
// counting itself.
type nodeInfo struct {
	node     *html.Node
	parent   int32 // the parent's number, or -1 above the root
	end      int32 // one past the last number in the subtree
	seg      int32 // the block's current segment in scorer.segs, or -1
	nsegs    int32 // the block's segments
	element  bool
	hasStats bool // an element other than <br>: stats are set
	broken   bool // the block's next text starts a new segment
	ranked   bool // in scorer.order
	stats    nodeStats
	score    float64
}

// blockSegment is a segment of the block numbered block.
type blockSegment struct {
	segment
	block int32
}

// scorer walks the tree once, counting text per element and per paragraph.
type scorer struct {
	times  []*html.Node // <time> elements, in document order
	info   []nodeInfo
	segs   []blockSegment // in the order their text comes
	sorted []segment      // segs grouped by block, blocks in document order
	first  []int32        // first[i]: where block i's segments start in sorted
	order  []int32        // nodes in the order they were first given a score
}

var scorers = sync.Pool{New: func() any { return new(scorer) }}

// release returns sc to the pool, holding no nodes.
func (sc *scorer) release() {
	clear(sc.info)
	clear(sc.times)
	sc.info, sc.segs, sc.sorted, sc.first, sc.order = sc.info[:0], sc.segs[:0], sc.sorted[:0], sc.first[:0], sc.order[:0]
	sc.times = sc.times[:0]
	scorers.Put(sc)
}

// visit counts the text under n. block is the number of the block n's
// text belongs to, parent the number of n's parent.
func (sc *scorer) visit(n *html.Node, block, parent int32, inLink bool) nodeStats {
	var st nodeStats
	if n.Type == html.TextNode {
		chars, punct := countText(n.Data)
		if chars == 0 {
			return st
		}
		st.chars, st.punct = chars, punct
		if inLink {
			st.linkChars = chars
		}
		b := &sc.info[block]
		if b.seg < 0 || b.broken {
			b.seg = int32(len(sc.segs))
			b.nsegs++
			b.broken = false
			sc.segs = append(sc.segs, blockSegment{block: block})
		}
		seg := &sc.segs[b.seg]
		seg.chars += st.chars
		seg.punct += st.punct
		seg.linkChars += st.linkChars
		return st
	}
	id := int32(len(sc.info))
	sc.info = append(sc.info, nodeInfo{node: n, parent: parent, seg: -1, element: n.Type == html.ElementNode})
	if block < 0 {
		block = id // the root is its own block
	}
	switch n.Type {
	case html.ElementNode:
		if n.Data == "time" {
			sc.times = append(sc.times, n)
		}
		if n.DataAtom == atom.Br {
			sc.info[block].broken = true
			sc.info[id].end = id + 1
			return st
		}
		if n.DataAtom == atom.A {
			inLink = true
			st.links++
		}
		inner := block
		blk := isBlock(n)
		if blk {
			sc.info[block].broken = true
			inner = id
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			cs := sc.visit(c, inner, id, inLink)
			st.chars += cs.chars
			st.linkChars += cs.linkChars
			st.punct += cs.punct
			st.links += cs.links
		}
		if blk {
			sc.info[block].broken = true
		}
		sc.info[id].stats = st
		sc.info[id].hasStats = true
		sc.info[id].end = int32(len(sc.info))
		return st
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			cs := sc.visit(c, block, id, inLink)
			st.chars += cs.chars
			st.linkChars += cs.linkChars
			st.punct += cs.punct
			st.links += cs.links
		}
		sc.info[id].end = int32(len(sc.info))
		return st
	}
}

// groupSegments sorts the segments by block, keeping their order within
// a block: sorted[first[i]:first[i+1]] are block i's.
func (sc *scorer) groupSegments() {
	sc.first = slices.Grow(sc.first[:0], len(sc.info)+1)[:len(sc.info)+1]
	at := int32(0)
	for i := range sc.info {
		sc.first[i] = at
		at += sc.info[i].nsegs
	}
	sc.first[len(sc.info)] = at
	sc.sorted = slices.Grow(sc.sorted[:0], len(sc.segs))[:len(sc.segs)]
	for _, sg := range sc.segs {
		// first[b] moves past each segment placed; it is set back below.
		sc.sorted[sc.first[sg.block]] = sg.segment
		sc.first[sg.block]++
	}
	for i := range sc.info {
		sc.first[i] -= sc.info[i].nsegs
	}
}

// add gives node i (an element, or -1 for none) s more score.
func (sc *scorer) add(i int32, s float64) {
	if i < 0 || !sc.info[i].element {
		// Above the root (or not an element): never a candidate.
		return
	}
	if !sc.info[i].ranked {
		sc.info[i].ranked = true
		sc.order = append(sc.order, i)
	}
	sc.info[i].score += s
}

// stats returns the counts of node i, or nil for a node without them.
func (sc *scorer) stats(i int32) *nodeStats {
	if i < 0 || !sc.info[i].hasStats {
		return nil
	}
	return &sc.info[i].stats
}

// articleSelectors are the containers government content management
// systems (TRS, Hanweb, Ucap ...) and common templates put articles in.
const articleSelectors = "#zoom, #Zoom, .TRS_Editor, .TRS_UEDITOR, #UCAP-CONTENT, .pages_content, .article-content, " +
	".article_content, #article_content, .articleContent, .Custom_UnionStyle, #content, .content, article, .article, " +
	"#article, .news_content, .detail-content, .main-text, #zw, .zw"

// bestContainer scores blocks the way readability-style extractors do: each
// paragraph scores 1 + its punctuation + a little for its length, less its
// share of link text, and gives its score to the block holding it and half
// to the block above. The best block, after weighing its own link density
// and its class and id, is the article. It returns the scorer and the
// best block's number in it.
func bestContainer(root *html.Node) (*scorer, int32) {
	sc := scorers.Get().(*scorer)
	sc.visit(root, -1, -1, false)
	sc.groupSegments()
	// Every block's segments, in document order.
	for i := range sc.info {
		segs := sc.sorted[sc.first[i]:sc.first[i+1]]
		if len(segs) == 0 {
			continue
		}
		n := sc.info[i].node
		parent := sc.info[i].parent
		grand := int32(-1)
		if parent >= 0 {
			grand = sc.info[parent].parent
		}
		paragraphs := 0
		for _, sg := range segs {
			if sg.chars >= 8 {
				paragraphs++
			}
		}
		for _, sg := range segs {
			if sg.chars < 8 || sg.linkChars*2 > sg.chars {
				continue
			}
			s := (1 + float64(sg.punct) + min(float64(sg.chars)/60, 3)) * (1 - float64(sg.linkChars)/float64(sg.chars))
			if paragraphs >= 2 && n.DataAtom != atom.P {
				// Text split by <br>: the block itself holds the paragraphs.
				sc.add(int32(i), s)
				sc.add(parent, s/2)
			} else {
				sc.add(parent, s)
				sc.add(grand, s/2)
			}
		}
	}

	best, bestScore := int32(0), 0.0
	for _, i := range sc.order {
		st := sc.stats(i)
		if st == nil || st.chars == 0 {
			continue
		}
		s := sc.info[i].score * (1 - float64(st.linkChars)/float64(st.chars))
		if s*1.5 < bestScore {
			// Not even the largest weight (an article selector's) makes
			// it the best: spare the selector and the class tokens.
			continue
		}
		n := sc.info[i].node
		if st.chars >= 50 && selArticle.Match(n) {
			s *= 1.5
		} else {
			s *= classWeight(n)
		}
		if s >= bestScore {
			best, bestScore = i, s
		}
	}
	return sc, best
}

// Class and id tokens that mark article containers and page chrome.
var (
	positiveTokens = tokenSet("article content contents zoom trs_editor text detail main body zw news con wz nr view entry post story arti")
	negativeTokens = tokenSet("nav navbar menu foot footer header sidebar side related relate xgwz xgxw xglj share bdshare comment comments " +
		"copyright crumb crumbs breadcrumb bread position location dqwz wz_position links link list banner login search tool tools " +
		"toolbar ad ads advert qr qrcode ewm erweima print close pager pagination prev next tags keywords fontsize font zh_font " +
		"bottom top topbar gotop sitemap weibo wechat weixin fx fenxiang zan dianzan")
)

func tokenSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(s) {
		m[t] = true
	}
	return m
}

// classTokens yields an element's class and id as lower-case tokens
// ("pages_content" gives "pages_content", "pages", "content").
func classTokens(n *html.Node) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, a := range n.Attr {
			if a.Key != "class" && a.Key != "id" {
				continue
			}
			for f := range strings.FieldsSeq(strings.ToLower(a.Val)) {
				if !yield(f) {
					return
				}
				if !strings.ContainsAny(f, "-_") {
					continue
				}
				parts := 0
				for range strings.FieldsFuncSeq(f, isClassSep) {
					parts++
				}
				if parts < 2 {
					continue
				}
				for p := range strings.FieldsFuncSeq(f, isClassSep) {
					if !yield(p) {
						return
					}
				}
			}
		}
	}
}

func isClassSep(r rune) bool { return r == '-' || r == '_' }

// Parts of class and id tokens that mark chrome or articles wherever they
// appear in the token ("bdsharebuttonbox", "relatedNews", "articleBody").
var (
	negativeParts = []string{"share", "related", "crumb", "copyright", "footer", "sidebar", "comment", "qrcode", "toolbar", "pagination", "navbar", "topnav", "menu"}
	positiveParts = []string{"article", "content", "zoom", "editor", "detail"}
)

func hasPart(t string, parts []string) bool {
	for _, p := range parts {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}

func classWeight(n *html.Node) float64 {
	w := 1.0
	neg, pos := false, false
	for t := range classTokens(n) {
		if negativeTokens[t] || hasPart(t, negativeParts) {
			neg = true
		}
		if positiveTokens[t] || hasPart(t, positiveParts) {
			pos = true
		}
	}
	if pos {
		w *= 1.25
	}
	if neg {
		w *= 0.2
	}
	return w
}

// chromeNodes lists the elements inside the article container (node
// number container of sc) that are page furniture: classed as navigation,
// sharing, related links and the like, or lists made mostly of links.
func chromeNodes(sc *scorer, container int32) map[*html.Node]bool {
	var drop map[*html.Node]bool
	total := sc.stats(container)
	if total == nil {
		return drop
	}
	var walk func(i int32)
	walk = func(i int32) {
		for c := i + 1; c < sc.info[i].end; c = sc.info[c].end {
			st := sc.stats(c)
			if st == nil {
				continue
			}
			n := sc.info[c].node
			switch {
			case st.chars*2 > total.chars && total.chars > 0:
				// Holds most of the article: never chrome, look inside.
				walk(c)
			case isNegative(n), st.links >= 2 && st.chars > 0 && st.linkChars*10 >= st.chars*6:
				if drop == nil {
					drop = map[*html.Node]bool{}
				}
				drop[n] = true
			default:
				walk(c)
			}
		}
	}
	walk(container)
	return drop
}

func isNegative(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Header:
		return true
	}
	for t := range classTokens(n) {
		if negativeTokens[t] || hasPart(t, negativeParts) {
			return true
		}
	}
	return false
}

// countText counts the non-space characters of s and its sentence
// punctuation, Chinese and English.
func countText(s string) (chars, punct int) {
	prev := rune(0)
	for i, size := 0, 0; i < len(s); i += size {
		var r rune
		r, size = decodeAt(s, i)
		if r < utf8.RuneSelf && asciiSpace(byte(r)) || r >= utf8.RuneSelf && r <= 0x3000 && unicode.IsSpace(r) {
			if prev == ',' || prev == '.' || prev == ';' {
				punct++
			}
			prev = r
			continue
		}
		chars++
		if r >= '“' && (r < 0x4e00 || r > 0x9fff) { // (all of them are, and no Han character)
			switch r {
			case '，', '。', '；', '、', '：', '！', '？', '“', '”':
				punct++
			}
		}
		prev = r
	}
	return chars, punct
}

// asciiSpace is unicode.IsSpace for ASCII. (Above ASCII, U+3000 is the
// last white space character.)
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// isBlock reports whether n is a block element: one that starts and ends
// a line. (A switch: it is asked of every element, several times, and
// beats a map.)
func isBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body,
		atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir, atom.Div,
		atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4,
		atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Hr, atom.Html,
		atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P,
		atom.Pre, atom.Section, atom.Table, atom.Tbody, atom.Td, atom.Tfoot,
		atom.Th, atom.Thead, atom.Tr, atom.Ul, atom.Caption, atom.Summary:
		return true
	}
	return false
}

// lineWriter turns a tree into lines of text: blocks and <br> end lines,
// table cells are separated by tabs, and white space is collapsed as a
// browser does, except that a line break next to a Chinese character
// (source formatting) leaves no space.
type lineWriter struct {
	lines   []string
	cur     []byte // the current line, reused from line to line
	last    rune   // last rune written on the current line
	space   bool   // white space pending
	newline bool   // the pending white space holds a line break
	tab     bool   // a cell boundary is pending
}

// collapsible is the white space lineWriter collapses.
func collapsible(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0' || r == '\u3000' || r == '\u200b'
}

// text writes s. Only the first character after white space needs the
// spacing rules; the run of characters it starts is copied whole.
func (w *lineWriter) text(s string) {
	start := -1 // where the run being read starts in s, -1 between runs
	for i, size := 0, 0; i < len(s); i += size {
		var r rune
		r, size = decodeAt(s, i)
		if collapsible(r) {
			if start >= 0 {
				w.cur = append(w.cur, s[start:i]...)
				start = -1
			}
			w.space = true
			if r == '\n' || r == '\r' {
				w.newline = true
			}
			continue
		}
		if start < 0 {
			if len(w.cur) > 0 {
				switch {
				case w.tab:
					w.cur = append(w.cur, '\t')
				case w.space && !(w.newline && (isWide(w.last) || isWide(r))):
					w.cur = append(w.cur, ' ')
				}
			}
			w.space, w.newline, w.tab = false, false, false
			start = i
		}
		if r == utf8.RuneError && size == 1 {
			// An invalid byte is written as U+FFFD.
			w.cur = append(w.cur, s[start:i]...)
			w.cur = append(w.cur, "\ufffd"...)
			start = i + 1
		}
		w.last = r
	}
	if start >= 0 {
		w.cur = append(w.cur, s[start:]...)
	}
}

func (w *lineWriter) pre(s string) {
	for _, line := range strings.Split(s, "\n") {
		w.text(line)
		w.endLine()
	}
}

func (w *lineWriter) cell() {
	if len(w.cur) > 0 {
		w.tab = true
	}
}

func (w *lineWriter) endLine() {
	if line := bytes.TrimSpace(w.cur); len(line) > 0 {
		w.lines = append(w.lines, string(line))
	}
	w.cur = w.cur[:0]
	w.space, w.newline, w.tab, w.last = false, false, false, 0
}

// isWide reports whether r is written without spaces around it: Han
// characters and CJK or full-width punctuation.
func isWide(r rune) bool {
	return isHan(r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef || r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}

// textLines returns the lines of text under n, leaving out the subtrees in
// skip.
func textLines(n *html.Node, skip map[*html.Node]bool) []string {
	return newLineReader(n, skip).all()
}

// lineReader reads the lines of text under a node as they are asked for:
// a page's dateline and source are near its top, and the text after them
// need not be read for them. Blocks and <br> end lines, <pre> keeps its
// own, table cells are joined by tabs; images and the subtrees in skip
// are left out.
type lineReader struct {
	w     lineWriter
	skip  map[*html.Node]bool
	stack []lineFrame // the nodes being read, innermost last
	done  bool
}

// lineFrame is a node whose children are being read.
type lineFrame struct {
	n    *html.Node
	next *html.Node // the next child to read
}

func newLineReader(n *html.Node, skip map[*html.Node]bool) *lineReader {
	r := &lineReader{skip: skip}
	r.enter(n)
	return r
}

// at returns line i, reading as far as it needs to; false past the last.
func (r *lineReader) at(i int) (string, bool) {
	for len(r.w.lines) <= i && !r.done {
		r.step()
	}
	if i < len(r.w.lines) {
		return r.w.lines[i], true
	}
	return "", false
}

// all reads to the end and returns every line.
func (r *lineReader) all() []string {
	for !r.done {
		r.step()
	}
	return r.w.lines
}

// step reads one more node, or finishes one.
func (r *lineReader) step() {
	if len(r.stack) == 0 {
		r.w.endLine()
		r.done = true
		return
	}
	top := &r.stack[len(r.stack)-1]
	if top.next == nil {
		n := top.n
		r.stack = r.stack[:len(r.stack)-1]
		r.leave(n)
		return
	}
	c := top.next
	top.next = c.NextSibling
	r.enter(c)
}

// enter reads n, or starts on its children.
func (r *lineReader) enter(n *html.Node) {
	w := &r.w
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if r.skip[n] {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			w.endLine()
			return
		case atom.Pre:
			w.endLine()
			var b strings.Builder
			collectText(n, &b)
			w.pre(b.String())
			return
		case atom.Td, atom.Th:
			w.cell()
			r.stack = append(r.stack, lineFrame{n, n.FirstChild})
			return
		case atom.Img:
			return
		}
	}
	if isBlock(n) {
		w.endLine()
	}
	r.stack = append(r.stack, lineFrame{n, n.FirstChild})
}

// leave finishes n once its children are read.
func (r *lineReader) leave(n *html.Node) {
	switch {
	case n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th):
		r.w.cell()
	case isBlock(n):
		r.w.endLine()
	}
}

func collectText(n *html.Node, b *strings.Builder) {
	if n.Type == html.TextNode {
		b.WriteString(n.Data)
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.Br {
		b.WriteByte('\n')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectText(c, b)
	}
}

// Lines that are page furniture even inside an article container.
var (
	// toolRow is a row of page tools: 【打印】【关闭】 字号：大 中 小 ...
	toolRow = regexp.MustCompile(`^[\s【】\[\]()（）|｜/:：·]*(?:` + toolWords + `)(?:[\s【】\[\]()（）|｜/:：·]+(?:` + toolWords + `))*[\s【】\[\]()（）|｜/:：·]*$`)
	// chromePhrase marks a short line as furniture wherever it appears.
	chromePhrase = newPhrases(true, "分享到", "分享至", "扫一扫", "掃一掃", "责任编辑", "責任編輯", "当前位置", "當前位置", "您的位置",
		"您现在的位置", "上一篇", "下一篇", "上一条", "下一条", "版权所有", "版權所有", "ICP备", "ICP证", "ICP證", "公网安备",
		"网站标识码", "網站標識碼", "技术支持", "技術支援", "浏览次数", "阅读次数", "点击数", "点击量", "访问量", "瀏覽人次", "访问者",
		"copyright", "all rights reserved", "icp no")
	// chromeStart marks a short line as furniture when it starts with it.
	chromeStart = newPhrases(true, "相关链接", "相关文章", "相关新闻", "相关阅读", "相关稿件", "相關新聞", "相關文章", "主办单位",
		"主辦單位", "承办单位", "联系我们", "点赞", "编辑：", "编辑:", "editor:", "related", "share", "print this", "back to top", "©")
	// infoPhrase marks the dateline row of an article (发布时间：2022-01-24
	// 来源：重庆市民政局 字号：大 中 小): metadata, not article text.
	infoPhrase = newPhrases(false, "发布时间", "發布時間", "发布日期", "發布日期", "发文日期", "发表时间", "更新时间", "更新時間",
		"信息来源", "来源：", "来源:", "來源：", "來源:", "浏览量", "瀏覽", "作者：", "作者:", "Source:", "Updated:", "Published:",
		"Posted:", "Release Date")
)

const toolWords = `打印本页|打印|列印|关闭窗口|关闭|關閉|收藏|返回顶部|返回|纠错|我要纠错|字体|字號|字号|大|中|小|默认|分享|繁体|繁體|简体|簡體|无障碍|無障礙|(?i:print|close|share|top|back)`

// openers may precede a chrome line's first word: 【相关新闻】.
const openers = " \t【[(（"

// chromeLine reports whether l, n runes long, is page furniture.
func chromeLine(l string, n int) bool {
	if n > 80 {
		return false
	}
	return chromePhrase.in(l) || chromeStart.prefix(strings.TrimLeft(l, openers)) || n <= 40 && onlyToolRunes(l) && toolRow.MatchString(l)
}

// toolRunes holds every character toolRow can match (and a few more: the
// pattern's own syntax), letters in every case: a line with any other
// character is not a tool row, and most lines fail this before the
// regular expression.
var toolRunes = func() map[rune]bool {
	m := map[rune]bool{'\t': true, '\n': true, '\f': true, '\r': true, ' ': true}
	for _, r := range "【】[]()（）|｜/:：·" + toolWords {
		m[r] = true
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m[f] = true
		}
	}
	return m
}()

func onlyToolRunes(l string) bool {
	for _, r := range l {
		if !toolRunes[r] {
			return false
		}
	}
	return true
}

// infoLine reports whether l, n runes long, is an article's dateline row.
func infoLine(l string, n int) bool {
	return n <= 100 && infoPhrase.in(l)
}

// bodyLines drops the title, the info rows and the chrome lines from the
// article's lines.
func bodyLines(lines []string, title string) []string {
	out := lines[:0:0]
	st := newTitleMatch(title)
	for i, l := range lines {
		n := utf8.RuneCountInString(l)
		switch {
		case i < 3 && len(out) == 0 && title != "" && st.same(l):
			continue
		case chromeLine(l, n):
			continue
		case infoLine(l, n):
			continue
		}
		out = append(out, l)
	}
	return out
}

// titleMatch compares lines with a title, squashed once.
type titleMatch struct {
	title []byte // squashed
	runes int
	buf   []byte // the line squashed, reused
}

func newTitleMatch(title string) *titleMatch {
	t := appendSquashed(nil, title)
	return &titleMatch{title: t, runes: utf8.RuneCount(t)}
}

// same reports whether line is the title, written across lines or with
// a little more (a prefix, a date) or less.
func (t *titleMatch) same(line string) bool {
	t.buf = appendSquashed(t.buf[:0], line)
	a, b := t.buf, t.title
	if bytes.Equal(a, b) {
		return true
	}
	if len(b) > 0 && len(a) >= len(b) && bytes.Contains(a, b) && utf8.RuneCount(a) <= t.runes+8 {
		return true
	}
	return len(a) <= len(b) && bytes.Contains(b, a) && utf8.RuneCount(a) >= 6
}

// appendSquashed appends squash(s) to b.
func appendSquashed(b []byte, s string) []byte {
	for i, size := 0, 0; i < len(s); i += size {
		r := rune(s[i])
		size = 1
		if r >= utf8.RuneSelf {
			if c, ok := cjkAt(s, i); ok {
				size = 3
				if c > 0x3000 || !unicode.IsSpace(c) {
					b = append(b, s[i:i+3]...)
				}
				continue
			}
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !unicode.IsSpace(r) && r != '\u3000' {
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// squash drops all white space, for comparing titles written across lines.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// cleanSpace collapses white space runs to one space and trims.
func cleanSpace(s string) string {
	// Most headings and titles are clean already: one plain space
	// between words, none around them.
	clean, space := true, true // space: the previous rune was white space (or s starts)
	for _, r := range s {
		switch {
		case r == ' ':
			clean = clean && !space
			space = true
		case r < utf8.RuneSelf && asciiSpace(byte(r)) || r >= utf8.RuneSelf && r <= 0x3000 && unicode.IsSpace(r):
			clean = false
			space = true
		default:
			space = false
		}
		if !clean {
			break
		}
	}
	if clean && (!space || s == "") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' }), " ")
}
