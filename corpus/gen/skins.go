package gen

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
	"time"
)

// Page chrome, in the three versions. Every skin wraps the article in
// navigation, a breadcrumb, an info row, tool rows, a related-news list
// with figures of its own, and a footer with ICP and visitor numbers: what
// the HTML reader must leave out.
var chrome = [3]struct {
	home, news, nav, crumb, published, source, views, size, share, print, close, related, hosted, rights, phone string
}{
	hans: {"首页", "工作动态", "政务公开|办事服务|互动交流|数据发布|专题专栏", "当前位置：", "发布时间：", "来源：", "浏览次数：", "字号：", "分享到：", "打印本页", "关闭窗口", "相关新闻", "主办单位：", "版权所有", "联系电话："},
	hant: {"首頁", "新聞公報", "政府資訊|網上服務|公眾參與|統計數字|專題網站", "當前位置：", "發布日期：", "來源：", "瀏覽人次：", "字號：", "分享：", "列印", "關閉", "相關新聞", "主辦單位：", "版權所有", "聯絡電話："},
	en:   {"Home", "News", "Government|Services|Invest|Data|Visiting", "Location: ", "Updated: ", "Source: ", "Views: ", "Font size: ", "Share: ", "Print", "Close", "Related Stories", "Sponsored by ", "Copyright", "Tel: "},
}

func (g *Generator) page(s *story, a article, v int, date time.Time, declared string) string {
	r := g.r
	label := strings.TrimPrefix(declared, "lie:")
	head := "<head>\n"
	switch {
	case label == "":
	case r.IntN(2) == 0:
		head += fmt.Sprintf("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\" />\n", label)
	default:
		head += fmt.Sprintf("<meta charset=\"%s\">\n", label)
	}
	site := a.agency
	head += fmt.Sprintf("<title>%s_%s</title>\n", html.EscapeString(a.title), html.EscapeString(site))
	if r.IntN(2) == 0 {
		head += fmt.Sprintf("<meta name=\"PubDate\" content=\"%s %02d:%02d\">\n<meta name=\"ContentSource\" content=\"%s\">\n",
			date.Format("2006-01-02"), 8+r.IntN(10), r.IntN(60), html.EscapeString(a.agency))
	}
	head += "<script type=\"text/javascript\">var pv=" + fmt.Sprint(10000+r.IntN(900000)) + ";document.write('<span>'+pv+'</span>');</script>\n"
	head += "<style>.nav li{float:left;margin:0 12px} #zoom p{text-indent:2em;line-height:2}</style>\n</head>\n"

	c := chrome[v]
	var nav strings.Builder
	nav.WriteString("<div class=\"nav\"><ul>")
	fmt.Fprintf(&nav, "<li><a href=\"/\">%s</a></li>", c.home)
	for _, item := range strings.Split(c.nav, "|") {
		fmt.Fprintf(&nav, "<li><a href=\"/%d/\">%s</a></li>", r.IntN(100), item)
	}
	nav.WriteString("</ul></div>\n")
	crumb := fmt.Sprintf("<div class=\"position\">%s<a href=\"/\">%s</a> &gt; <a href=\"/news/\">%s</a></div>\n", c.crumb, c.home, c.news)

	dateText := date.Format("2006-01-02")
	if v == en {
		dateText = []string{date.Format("2 January 2006"), date.Format("Jan 2, 2006"), date.Format("2006-01-02")}[r.IntN(3)]
	} else if r.IntN(2) == 0 {
		dateText = fmt.Sprintf("%d年%02d月%02d日", date.Year(), date.Month(), date.Day())
	}
	info := fmt.Sprintf("<div class=\"info\">%s%s&nbsp;&nbsp;&nbsp;&nbsp;%s%s&nbsp;&nbsp;&nbsp;&nbsp;%s%d&nbsp;&nbsp;%s<a href=\"#\">A+</a> <a href=\"#\">A-</a></div>\n",
		c.published, dateText, c.source, html.EscapeString(a.agency), c.views, 100+r.IntN(90000), c.size)
	tools := fmt.Sprintf("<div class=\"share\">%s<a href=\"#\" class=\"wx\">WeChat</a> <a href=\"#\" class=\"wb\">Weibo</a></div>\n<div class=\"print\">【<a href=\"javascript:window.print()\">%s</a>】【<a href=\"javascript:window.close()\">%s</a>】</div>\n",
		c.share, c.print, c.close)
	var rel strings.Builder
	fmt.Fprintf(&rel, "<div class=\"xgwz\"><h3>%s</h3><ul>\n", c.related)
	for _, h := range a.related {
		fmt.Fprintf(&rel, "<li><a href=\"/a/%d.html\">%s</a><span>%s</span></li>\n", r.IntN(99999), html.EscapeString(h), date.AddDate(0, 0, -1-r.IntN(60)).Format("2006-01-02"))
	}
	rel.WriteString("</ul></div>\n")
	var footer string
	switch v {
	case hans:
		footer = fmt.Sprintf("<div class=\"footer\"><p>%s%s&nbsp;&nbsp;%s023-%d</p><p>%s&nbsp;&nbsp;渝ICP备%08d号-%d&nbsp;&nbsp;网站标识码：%d&nbsp;&nbsp;渝公网安备 %d号</p></div>\n",
			c.hosted, html.EscapeString(site), c.phone, 60000000+r.IntN(9999999), c.rights, r.IntN(99999999), 1+r.IntN(3), 5000000000+r.IntN(999999), 50010000000000+r.IntN(999999))
	case hant:
		footer = fmt.Sprintf("<div class=\"footer\"><p>%s%s&nbsp;&nbsp;%s2%d</p><p>%s &copy; %d | 重要告示 | 私隱政策 | 瀏覽人次：%d</p></div>\n",
			c.hosted, html.EscapeString(site), c.phone, 1000000+r.IntN(8999999), c.rights, date.Year(), 100000+r.IntN(9999999))
	default:
		footer = fmt.Sprintf("<div class=\"footer\"><p>%s%s&nbsp;&nbsp;%s+86-23-%d</p><p>%s &copy; %d. All rights reserved. ICP No. %08d | Visitors: %d</p></div>\n",
			c.hosted, html.EscapeString(site), c.phone, 60000000+r.IntN(9999999), c.rights, date.Year(), r.IntN(99999999), 100000+r.IntN(9999999))
	}
	title := html.EscapeString(a.title)
	body := paragraphs(r, a.paras, v)

	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html>\n" + head + "<body>\n")
	switch r.IntN(3) {
	case 0: // TRS-style: #zoom > .TRS_Editor
		b.WriteString("<div class=\"top\"><div class=\"logo\"><h1>" + html.EscapeString(site) + "</h1></div></div>\n")
		b.WriteString(nav.String() + "<div class=\"main\">\n" + crumb)
		b.WriteString("<div class=\"article\">\n<div class=\"title\"><h2>" + title + "</h2></div>\n" + info)
		b.WriteString("<div id=\"zoom\"><div class=\"TRS_Editor\">\n" + body + "</div></div>\n")
		b.WriteString(tools + rel.String() + "</div>\n</div>\n" + footer)
	case 1: // portal style: article > .pages_content, related in an aside
		b.WriteString("<header class=\"header\">" + nav.String() + "</header>\n" + strings.Replace(crumb, "position", "BreadcrumbNav", 1))
		b.WriteString("<div class=\"container\"><article class=\"pub_border\">\n<h1>" + title + "</h1>\n" + strings.Replace(info, "class=\"info\"", "class=\"pages-date\"", 1))
		b.WriteString("<div class=\"pages_content\" id=\"UCAP-CONTENT\">\n" + body + "</div>\n")
		b.WriteString(strings.Replace(tools, "class=\"share\"", "class=\"share-box\"", 1) + "</article>\n")
		b.WriteString("<aside class=\"right\">" + strings.Replace(rel.String(), "xgwz", "related", 1) + "</aside></div>\n")
		b.WriteString(strings.Replace(strings.Replace(footer, "<div class=\"footer\">", "<footer>", 1), "</div>\n", "</footer>\n", 1))
	default: // old table layout: the article in a table cell, notices in a side column
		b.WriteString("<table width=\"980\" align=\"center\"><tr><td class=\"menu\">" + nav.String() + "</td></tr></table>\n")
		b.WriteString("<table width=\"980\" align=\"center\"><tr>\n<td width=\"200\" valign=\"top\" class=\"left\">" + rel.String() + "</td>\n<td valign=\"top\">\n")
		b.WriteString("<table width=\"100%\"><tr><td align=\"center\" class=\"bt_title\"><b>" + title + "</b></td></tr>\n")
		b.WriteString("<tr><td align=\"center\" class=\"bt_info\">" + strings.TrimSuffix(strings.TrimPrefix(info, "<div class=\"info\">"), "</div>\n") + "</td></tr>\n")
		b.WriteString("<tr><td class=\"bt_content\">\n" + body + "</td></tr>\n<tr><td>" + tools + "</td></tr></table>\n</td></tr></table>\n")
		b.WriteString(strings.Replace(strings.Replace(footer, "<div class=\"footer\">", "<table width=\"980\" align=\"center\"><tr><td class=\"foot\">", 1), "</div>\n", "</td></tr></table>\n", 1))
	}
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

// bad makes a file that must fail, or be passed over.
func (g *Generator) bad(base string) File {
	r := g.r
	switch r.IntN(4) {
	case 0:
		data := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
		data = append(data, randomBytes(r, 2000, 0)...)
		return File{Path: base + ".html", Data: data, Meta: Meta{Bad: "binary"}}
	case 1:
		return File{Path: base + ".txt", Data: nil, Meta: Meta{Bad: "empty"}}
	case 2:
		return File{Path: base + ".txt", Data: randomBytes(r, 3000, 0x80), Meta: Meta{Bad: "undecodable"}}
	default:
		return File{Path: base + ".pdf", Data: append([]byte("%PDF-1.7\n"), randomBytes(r, 1000, 0)...), Meta: Meta{Bad: "unsupported"}}
	}
}

func randomBytes(r *rand.Rand, n int, floor byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = floor + byte(r.IntN(256-int(floor)))
	}
	return b
}
