package corpus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Meta tags that carry an article's title, publication date and source, in
// order of trust. Names are lower-cased (readMetas lower-cases them).
var (
	titleMetas  = []string{"articletitle", "og:title", "twitter:title", "dc.title"}
	dateMetas   = []string{"pubdate", "publishdate", "publish_date", "publishtime", "article:published_time", "og:article:published_time", "datepublished", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date", "firstpublishedtime", "releasedate", "date"}
	sourceMetas = []string{"contentsource", "source", "og:site_name", "sitename", "site_name", "application-name"}
)

// splitTitle splits a <title> into the article title and the site name
// ("重庆召开全市民政工作会议_重庆市民政局") at separators: _ | ｜ － ——,
// or a dash with white space on both sides, white space around a
// separator going with it. It is titleSeparators.Split(title, -1) for
//
//	\s*(?:_|\||｜|－|——|\s[-–—]\s)\s*
//
// written out.
func splitTitle(title string) []string {
	if title == "" {
		return []string{""}
	}
	var parts []string
	beg := 0
	for p := 0; p < len(title); {
		end := titleSeparatorAt(title, p)
		if end < 0 {
			p++
			continue
		}
		parts = append(parts, title[beg:p])
		beg, p = end, end
	}
	return append(parts, title[beg:])
}

// titleSeparatorAt returns the end of the separator that starts at byte p
// of s, or -1.
func titleSeparatorAt(s string, p int) int {
	q := p
	for q < len(s) && reSpace(s[q]) {
		q++
	}
	end := -1
	rest := s[q:]
	switch {
	case strings.HasPrefix(rest, "_"), strings.HasPrefix(rest, "|"):
		end = q + 1
	case strings.HasPrefix(rest, "｜"), strings.HasPrefix(rest, "－"):
		end = q + len("｜")
	case strings.HasPrefix(rest, "——"):
		end = q + len("——")
	case q > p:
		// \s[-–—]\s: the last white space, a dash, white space.
		for _, d := range []string{"-", "–", "—"} {
			if strings.HasPrefix(rest, d) && len(rest) > len(d) && reSpace(rest[len(d)]) {
				end = q + len(d) + 1
				break
			}
		}
	}
	if end < 0 {
		return -1
	}
	for end < len(s) && reSpace(s[end]) {
		end++
	}
	return end
}

// pickTitle chooses the article's title. titleParts is splitTitle(pageTitle).
func pickTitle(doc *goquery.Document, metas map[string]string, pageTitle string, titleParts []string, container *html.Node, lines []string) string {
	for _, k := range titleMetas {
		if v := cleanSpace(metas[k]); v != "" {
			return v
		}
	}
	// A heading the page's <title> repeats is the article's title: the one
	// that is the title's first part ("标题_网站名"), else the longest of
	// those the title contains (the site's name is often a heading too).
	best, exact := "", false
	pt := squash(pageTitle)
	var head string
	if len(titleParts) > 1 {
		head = squash(titleParts[0])
	}
	consider := func(t string) {
		n := utf8.RuneCountInString(t)
		if n < 4 || n > 150 || pt == "" || exact {
			return
		}
		st := squash(t)
		switch {
		case st == head || st == pt:
			best, exact = t, true
		case strings.Contains(pt, st) && n > utf8.RuneCountInString(best):
			best = t
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !exact; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isHeading(c) {
				consider(cleanSpace(nodeText(c)))
			}
			walk(c)
		}
	}
	if pt != "" {
		// (With no page title, or once a heading is the title exactly,
		// consider takes nothing more.)
		for _, n := range doc.Nodes {
			walk(n)
		}
	}
	// Some pages set the headline as the article's first line.
	for _, l := range lines[:min(len(lines), 2)] {
		consider(l)
	}
	if best != "" {
		return best
	}
	if parts := titleParts; len(parts) > 0 && pageTitle != "" {
		if utf8.RuneCountInString(parts[0]) >= 4 || len(parts) == 1 {
			return parts[0]
		}
		longest := ""
		for _, p := range parts {
			if utf8.RuneCountInString(p) > utf8.RuneCountInString(longest) {
				longest = p
			}
		}
		return longest
	}
	h := goquery.NewDocumentFromNode(container).FindMatcher(selH12).First()
	return cleanSpace(h.Text())
}

// dateLabels introduce a visible dateline: a label, then a date.
var dateLabels = newPhrases(true, "发布时间", "發布時間", "发布日期", "發布日期", "发文日期", "成文日期", "发表时间", "發表時間",
	"公布日期", "时间", "時間", "日期", "published", "updated", "posted", "release date", "date")

// isHeading reports whether n looks like a heading: h1 to h4, or an
// element whose class or id says title (.title, .tit, .bt, #title ...).
func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4:
		return true
	case atom.Title:
		return false
	}
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		v := strings.ToLower(a.Val)
		if strings.Contains(v, "title") {
			return true
		}
		for f := range strings.FieldsSeq(v) {
			if f == "tit" || f == "bt" {
				return true
			}
		}
	}
	return false
}

// labeledDate returns the date that follows a label in line, if any.
func labeledDate(line string) (string, bool) {
	for rest := line; ; {
		i, n := dateLabels.find(rest)
		if i < 0 {
			return "", false
		}
		rest = rest[i+n:]
		after := strings.TrimLeft(rest, " \t\u3000\u00a0:：")
		if d, ok := ParseDate(prefixRunes(after, 40)); ok {
			return d, true
		}
	}
}

// prefixRunes returns the first n runes of s.
func prefixRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

func pickDate(metas map[string]string, times []*html.Node, page *lineReader, body []string, title string) string {
	for _, k := range dateMetas {
		if d, ok := ParseDate(metas[k]); ok {
			return d
		}
	}
	if d := timeDate(times); d != "" {
		return d
	}
	for i := 0; ; i++ {
		l, ok := page.at(i)
		if !ok {
			break
		}
		if utf8.RuneCountInString(l) > 200 {
			continue
		}
		if d, ok := labeledDate(l); ok {
			return d
		}
	}
	// An unlabeled date just under the title.
	if title != "" {
		st := newTitleMatch(title)
		for i := 0; ; i++ {
			l, ok := page.at(i)
			if !ok {
				break
			}
			if !st.same(l) {
				continue
			}
			for j := i + 1; j < i+4; j++ {
				next, ok := page.at(j)
				if !ok {
					break
				}
				if utf8.RuneCountInString(next) <= 80 {
					if d, ok := ParseDate(next); ok {
						return d
					}
				}
			}
			break
		}
	}
	// The date an official notice is signed with, on a line of its own at
	// the end.
	for i := len(body) - 1; i >= 0 && i >= len(body)-3; i-- {
		if utf8.RuneCountInString(body[i]) <= 20 {
			if d, ok := ParseDate(body[i]); ok {
				return d
			}
		}
	}
	return ""
}

// timeDate returns the date of the first of the <time> elements that has
// one, in its datetime attribute or its text.
func timeDate(times []*html.Node) string {
	for _, c := range times {
		v, _ := attr(c, "datetime")
		if d, ok := ParseDate(v); ok {
			return d
		}
		if d, ok := ParseDate(nodeText(c)); ok {
			return d
		}
	}
	return ""
}

// nodeText is the text under n, white space kept (goquery's Text).
func nodeText(n *html.Node) string {
	if n.FirstChild != nil && n.FirstChild == n.LastChild && n.FirstChild.Type == html.TextNode {
		return n.FirstChild.Data
	}
	var b strings.Builder
	collectData(n, &b)
	return b.String()
}

func collectData(n *html.Node, b *strings.Builder) {
	if n.Type == html.TextNode {
		b.WriteString(n.Data)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectData(c, b)
	}
}

// sourceLabels introduce a visible source (来源：重庆市民政局).
var sourceLabels = newPhrases(true, "信息来源", "文章来源", "稿件来源", "来源", "來源", "資料來源", "source")

// labeledSource returns the source named after a label in line, if any.
func labeledSource(line string) string {
	for rest := line; ; {
		i, n := sourceLabels.find(rest)
		if i < 0 {
			return ""
		}
		rest = rest[i+n:]
		after := strings.TrimLeft(rest, " \t\u3000\u00a0")
		if v, ok := strings.CutPrefix(after, "："); ok {
			after = v
		} else if v, ok := strings.CutPrefix(after, ":"); ok {
			after = v
		} else {
			continue
		}
		if v := cutSource(after); v != "" {
			return v
		}
	}
}

// sourceEnd cuts a source value at the next field of the dateline: two
// white space characters, a tab, a separator or bracket, a field label, or
// an English label after a space. It is what the regular expression
//
//	\s{2,}|\t|[|｜【\[]|发布|發布|时间|時間|日期|作者|编辑|編輯|浏览|瀏覽|阅读|閱讀|点击|點擊|访问|字号|字號|字体|(?i:\s(?:published|updated|date|author|editor|views))
//
// finds first, written out: this runs on every labeled line of every page.
func sourceEnd(v string) int {
	end := len(v)
	if i, _ := sourceEndWords.find(v); i >= 0 {
		end = i
	}
	for j := 0; j < end; j++ {
		switch c := v[j]; c {
		case '\t', '|', '[':
			return j
		case ' ', '\n', '\f', '\r':
			if j+1 < len(v) && reSpace(v[j+1]) {
				return j
			}
			for _, w := range sourceEndLabels {
				if hasPrefixFold(v[j+1:], w) {
					return j
				}
			}
		}
	}
	if end == len(v) {
		return -1
	}
	return end
}

var (
	sourceEndWords  = newPhrases(false, "｜", "【", "发布", "發布", "时间", "時間", "日期", "作者", "编辑", "編輯", "浏览", "瀏覽", "阅读", "閱讀", "点击", "點擊", "访问", "字号", "字號", "字体")
	sourceEndLabels = []string{"published", "updated", "date", "author", "editor", "views"}
)

// reSpace reports whether c is white space to a regular expression's \s.
func reSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// hasPrefixFold reports whether s starts with w (lower-case ASCII) under
// Unicode simple case folding, as (?i) matches: "Date", "DATE", and "ſ"
// for "s".
func hasPrefixFold(s, w string) bool {
	for i := 0; i < len(w); i++ {
		if s == "" {
			return false
		}
		r, size := utf8.DecodeRuneInString(s)
		if r != rune(w[i]) && !foldsTo(r, rune(w[i])) {
			return false
		}
		s = s[size:]
	}
	return true
}

// foldsTo reports whether r is in the case-folding orbit of c.
func foldsTo(r, c rune) bool {
	for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

// hostedBy is the site owner in a government site's footer.
var hostedBy = regexp.MustCompile(`(?:主办单位|主辦單位|主办|主辦|版权所有|版權所有)\s*[:：]\s*(\S+)`)

func pickSource(metas map[string]string, page *lineReader, titleParts []string) string {
	// ContentSource is the source field of the CMS, the one the page shows.
	if v := cleanSpace(metas["contentsource"]); v != "" {
		return v
	}
	for i := 0; ; i++ {
		l, ok := page.at(i)
		if !ok {
			break
		}
		if utf8.RuneCountInString(l) > 200 {
			continue
		}
		if v := labeledSource(l); v != "" {
			return v
		}
	}
	for _, k := range sourceMetas {
		if v := cleanSpace(metas[k]); v != "" {
			return v
		}
	}
	for _, l := range page.all() {
		if !strings.Contains(l, "主办") && !strings.Contains(l, "主辦") && !strings.Contains(l, "版权所有") && !strings.Contains(l, "版權所有") {
			continue // what hostedBy needs to match
		}
		if m := hostedBy.FindStringSubmatch(l); m != nil {
			if v := cutSource(m[1]); v != "" {
				return v
			}
		}
	}
	if parts := titleParts; len(parts) >= 2 {
		return parts[len(parts)-1]
	}
	return ""
}

func cutSource(v string) string {
	if i := sourceEnd(v); i >= 0 {
		v = v[:i]
	}
	v = strings.Trim(v, " \t\u3000\u00a0,，。;；:：")
	if n := utf8.RuneCountInString(v); n == 0 || n > 60 {
		return ""
	}
	return v
}

var (
	rocDate = regexp.MustCompile(`民國\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})`)
	hanDate = regexp.MustCompile(`([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日`)
)

// monthNames are what dmyDate and mdyDate need, case folded: one of them,
// and a four-digit year after it.
var monthNames = newPhrases(true, "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

// monthThenYear reports whether s has a month's name (or its first three
// letters) with four digits somewhere after it, as English dates must:
// most English datelines are 2022-01-24, and the English patterns need
// not be tried on them. A long s (ſ) is also an s to (?i), so a line with
// one is always tried.
func monthThenYear(s string) bool {
	if strings.Contains(s, "ſ") {
		return true
	}
	i, _ := monthNames.find(s)
	return i >= 0 && digitRun(s[i:], 4)
}

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

// ParseDate finds the first date in s and returns it as YYYY-MM-DD. It reads
// 2022-01-24, 2022/1/24, 2022.01.24, 2022年1月24日 (also with full-width
// digits), 20220124, 二〇二二年一月二十四日, 民國111年1月24日, 24 January 2022,
// January 24, 2022 and ISO timestamps. Impossible dates are not dates.
func ParseDate(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	if strings.IndexFunc(s, func(r rune) bool {
		return '0' <= r && r <= '9' || '０' <= r && r <= '９' || r == '〇' || r == '零' || r == '一' || r == '二'
	}) < 0 {
		return "", false
	}
	s = foldText(s)
	letters := strings.IndexFunc(s, func(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }) >= 0
	valid := func(y, m, d int) bool {
		if y < 1949 || y > 2100 {
			return false
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		return t.Year() == y && int(t.Month()) == m && t.Day() == d
	}
	type found struct {
		at      int
		y, m, d int
	}
	var buf [4]found
	hits := buf[:0]
	add := func(m []int, year, month, day int, roc bool, read func(string) int) {
		if m == nil {
			return
		}
		y := read(s[m[2*year]:m[2*year+1]])
		if roc {
			y += 1911
		}
		mo := s[m[2*month]:m[2*month+1]]
		mn, ok := months[strings.ToLower(mo)]
		if !ok {
			mn = read(mo)
		}
		hits = append(hits, found{m[0], y, mn, read(s[m[2*day]:m[2*day+1]])})
	}
	// Every pattern but the Chinese-numeral ones needs a four-digit year:
	// most lines that get here have figures but no date, and fail this
	// cheap test instead of the regular expressions.
	year := digitRun(s, 4)
	if year {
		if m := ymdIndex(s); m != nil {
			hits = append(hits, found{m[0], atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])})
		}
	}
	if strings.Contains(s, "年") {
		if strings.Contains(s, "民國") {
			add(rocDate.FindStringSubmatchIndex(s), 1, 2, 3, true, atoi)
		}
		if strings.Contains(s, "月") && strings.Contains(s, "日") {
			if m := hanDate.FindStringSubmatchIndex(s); m != nil {
				hits = append(hits, found{m[0], hanDigits(s[m[2]:m[3]]), hanNumber(s[m[4]:m[5]]), hanNumber(s[m[6]:m[7]])})
			}
		}
	}
	if letters && year && monthThenYear(s) {
		add(dmyIndex(s), 3, 2, 1, false, atoi)
		add(mdyIndex(s), 3, 1, 2, false, atoi)
	}
	if y, m, d, ok := compactDate(strings.TrimSpace(s)); ok {
		hits = append(hits, found{0, y, m, d})
	}
	first := -1
	for i, h := range hits {
		if valid(h.y, h.m, h.d) && (first < 0 || h.at < hits[first].at) {
			first = i
		}
	}
	if first < 0 {
		return "", false
	}
	h := hits[first]
	// YYYY-MM-DD (the year is four digits: 1949 to 2100).
	b := make([]byte, 0, 10)
	b = strconv.AppendInt(b, int64(h.y), 10)
	b = append(b, '-', byte('0'+h.m/10), byte('0'+h.m%10), '-', byte('0'+h.d/10), byte('0'+h.d%10))
	return string(b), true
}

// ymdIndex is what the regular expression
//
//	(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})
//
// matches first (FindStringSubmatchIndex), written out for the most common
// dateline of all: 2022-01-24, 2022/1/24, 2022年1月24日.
// (Backtracking never helps that pattern: the white space before a
// separator cannot be a separator, and a month of two digits cut to one
// leaves a digit where a separator must be.)
func ymdIndex(s string) []int {
	for p := 0; p+4 <= len(s); p++ {
		if !isDigit(s[p]) || !isDigit(s[p+1]) || !isDigit(s[p+2]) || !isDigit(s[p+3]) {
			continue
		}
		i := ymdSep(s, skipReSpace(s, p+4), "年")
		if i < 0 {
			continue
		}
		i = skipReSpace(s, i)
		ms, me := i, digits12(s, i)
		if me < 0 {
			continue
		}
		i = ymdSep(s, skipReSpace(s, me), "月")
		if i < 0 {
			continue
		}
		i = skipReSpace(s, i)
		ds, de := i, digits12(s, i)
		if de < 0 {
			continue
		}
		return []int{p, de, p, p + 4, ms, me, ds, de}
	}
	return nil
}

func skipReSpace(s string, i int) int {
	for i < len(s) && reSpace(s[i]) {
		i++
	}
	return i
}

// ymdSep returns the end of a date separator (- / . or han) at s[i:], or -1.
func ymdSep(s string, i int, han string) int {
	switch {
	case i < len(s) && (s[i] == '-' || s[i] == '/' || s[i] == '.'):
		return i + 1
	case strings.HasPrefix(s[i:], han):
		return i + len(han)
	}
	return -1
}

// digits12 returns the end of one or two digits at s[i:] (two when there
// are), or -1.
func digits12(s string, i int) int {
	switch {
	case i+1 < len(s) && isDigit(s[i]) && isDigit(s[i+1]):
		return i + 2
	case i < len(s) && isDigit(s[i]):
		return i + 1
	}
	return -1
}

// dmyIndex is what the regular expression
//
//	(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b
//
// matches first (FindStringSubmatchIndex), written out: 24 January 2022,
// 3rd Sept. 2021. No part of the pattern can give back what it took and
// still match (what follows each part cannot start like it), so each
// start is tried once, left to right.
func dmyIndex(s string) []int {
	for p := 0; p < len(s); p++ {
		if !isDigit(s[p]) || wordBefore(s, p) {
			continue
		}
		de := digits12(s, p)
		i := ordinalSuffix(s, de)
		if i = spaces1(s, i); i < 0 {
			continue
		}
		ms, me := i, monthAt(s, i)
		if me < 0 {
			continue
		}
		i = lettersFold(s, me)
		if i < len(s) && s[i] == '.' {
			i++
		}
		if i < len(s) && s[i] == ',' {
			i++
		}
		if i = spaces1(s, i); i < 0 || !year4(s, i) {
			continue
		}
		return []int{p, i + 4, p, de, ms, me, i, i + 4}
	}
	return nil
}

// mdyIndex is dmyIndex for
//
//	(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b
//
// January 24, 2022, Sep 3rd 2021.
func mdyIndex(s string) []int {
	for p := 0; p < len(s); p++ {
		me := monthAt(s, p)
		if me < 0 || wordBefore(s, p) == wordAt(s, p) {
			continue
		}
		i := lettersFold(s, me)
		if i < len(s) && s[i] == '.' {
			i++
		}
		if i = spaces1(s, i); i < 0 {
			continue
		}
		ds, de := i, digits12(s, i)
		if de < 0 {
			continue
		}
		i = ordinalSuffix(s, de)
		if i < len(s) && s[i] == ',' {
			i++
		}
		if i = spaces1(s, i); i < 0 || !year4(s, i) {
			continue
		}
		return []int{p, i + 4, p, me, ds, de, i, i + 4}
	}
	return nil
}

// wordAt and wordBefore report whether the character at, or before, byte
// p of s is a word character to a regular expression's \b: an ASCII
// letter or digit or _.
func wordAt(s string, p int) bool { return p < len(s) && isWordByte(s[p]) }

func wordBefore(s string, p int) bool {
	if p == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:p])
	return r < utf8.RuneSelf && isWordByte(byte(r))
}

func isWordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// spaces1 returns the end of one or more \s at s[i:], or -1.
func spaces1(s string, i int) int {
	if i < 0 || i >= len(s) || !reSpace(s[i]) {
		return -1
	}
	return skipReSpace(s, i)
}

// year4 reports whether four digits start at s[i:], not followed by a word
// character.
func year4(s string, i int) bool {
	return i+4 <= len(s) && isDigit(s[i]) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) && !wordAt(s, i+4)
}

// foldAt returns the end of the letter c (lower-case ASCII) at s[i:] under
// (?i) matching, or -1: either case, and ſ for s, K (Kelvin) for k.
func foldAt(s string, i int, c byte) int {
	switch {
	case i >= len(s):
		return -1
	case s[i]|0x20 == c:
		return i + 1
	case c == 's' && strings.HasPrefix(s[i:], "ſ"):
		return i + len("ſ")
	case c == 'k' && strings.HasPrefix(s[i:], "\u212a"):
		return i + len("\u212a")
	}
	return -1
}

// wordFoldAt returns the end of w (lower-case ASCII letters) at s[i:]
// under (?i) matching, or -1.
func wordFoldAt(s string, i int, w string) int {
	for k := 0; k < len(w) && i >= 0; k++ {
		i = foldAt(s, i, w[k])
	}
	return i
}

var monthAbbrevs = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// monthAt returns the end of a month's first three letters at s[i:]
// (case folded), or -1. (The pattern's "sept" is never reached: "sep"
// comes first and [a-z]* takes the t.)
func monthAt(s string, i int) int {
	for _, m := range monthAbbrevs {
		if e := wordFoldAt(s, i, m); e >= 0 {
			return e
		}
	}
	return -1
}

// ordinalSuffix returns the end of st, nd, rd or th at s[i:] (case
// folded), or i.
func ordinalSuffix(s string, i int) int {
	for _, w := range []string{"st", "nd", "rd", "th"} {
		if e := wordFoldAt(s, i, w); e >= 0 {
			return e
		}
	}
	return i
}

// lettersFold returns the end of the run of letters at s[i:] that (?i)[a-z]*
// takes: ASCII letters, ſ and K.
func lettersFold(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z':
			i++
		case strings.HasPrefix(s[i:], "ſ"):
			i += len("ſ")
		case strings.HasPrefix(s[i:], "\u212a"):
			i += len("\u212a")
		default:
			return i
		}
	}
	return i
}

// compactDate reads 20220124 at the start of t, not followed by another
// digit (what ^(\d{4})(\d{2})(\d{2})(?:\D|$) matches).
func compactDate(t string) (y, m, d int, ok bool) {
	if len(t) < 8 || len(t) > 8 && isDigit(t[8]) {
		return 0, 0, 0, false
	}
	for i := range 8 {
		if !isDigit(t[i]) {
			return 0, 0, 0, false
		}
	}
	return atoi(t[:4]), atoi(t[4:6]), atoi(t[6:8]), true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digitRun reports whether s has n ASCII digits in a row.
func digitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// hanDigits reads a year written digit by digit: 二〇二二 is 2022.
func hanDigits(s string) int {
	n := 0
	for _, r := range s {
		d := strings.IndexRune("〇一二三四五六七八九", r)
		if r == '零' {
			d = 0
		}
		if d < 0 {
			return -1
		}
		// IndexRune counts bytes; every digit is three bytes.
		n = n*10 + d/3
	}
	return n
}

// hanNumber reads 一 to 三十一.
func hanNumber(s string) int {
	digit := func(r rune) int { return strings.IndexRune("〇一二三四五六七八九", r) / 3 }
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digit(rs[0])
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digit(rs[1])
	case len(rs) == 2 && rs[1] == '十':
		return digit(rs[0]) * 10
	case len(rs) == 3 && rs[1] == '十':
		return digit(rs[0])*10 + digit(rs[2])
	}
	return -1
}

// textMeta reads what a plain-text bulletin says about itself: a short
// first line is its title, and a labeled dateline or source line near the
// top (or a signature date at the end) gives the date and source.
func textMeta(lines []string) (title, date, source string) {
	if len(lines) > 0 {
		first := lines[0]
		n := utf8.RuneCountInString(first)
		if n <= 60 && !strings.ContainsAny(lastRune(first), "。.；;！!？?，,") && len(lines) > 1 {
			title = first
		}
	}
	head := lines[:min(len(lines), 6)]
	for _, l := range head {
		if utf8.RuneCountInString(l) > 120 {
			continue
		}
		if date == "" {
			date, _ = labeledDate(l)
		}
		if source == "" {
			source = labeledSource(l)
		}
	}
	if date == "" {
		for i := len(lines) - 1; i >= 0 && i >= len(lines)-3; i-- {
			if utf8.RuneCountInString(lines[i]) <= 20 {
				if d, ok := ParseDate(lines[i]); ok {
					date = d
					break
				}
			}
		}
	}
	return title, date, source
}

func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	return fmt.Sprintf("%c", r)
}
