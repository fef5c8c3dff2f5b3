package corpus_test

import (
	"fmt"

	"golang.org/x/text/encoding/simplifiedchinese"

	"figures/corpus"
)

func ExampleParse() {
	page := `<html><head><meta charset="gb2312"><title>全市民政工作会议召开_江北市民政局</title></head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/news">民政要闻</a></div>
<div class="info">发布时间：2023-02-16　来源：江北市民政局</div>
<div id="zoom">
  <p>　　会议指出，全年累计发放城乡低保金12.36亿元，保障困难群众28.7万人。</p>
  <p>　　全市养老机构床位达到5.6万张，护理型床位占比提高到58.3%。</p>
</div>
<div class="footer">版权所有：江北市民政局　渝ICP备05003300号</div>
</body></html>`
	data, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(page))

	doc, err := corpus.Parse("mz/2023-02-16.html", data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Encoding, doc.Lang, doc.Date, doc.Source)
	fmt.Println(doc.Title)
	for _, p := range doc.Paragraphs {
		fmt.Println(p.Start, p.End, p.Lang)
	}
	fmt.Println(doc.Text)
	// Output:
	// gbk zh-Hans 2023-02-16 江北市民政局
	// 全市民政工作会议召开
	// 0 37 zh-Hans
	// 38 70 zh-Hans
	// 会议指出，全年累计发放城乡低保金12.36亿元，保障困难群众28.7万人。
	// 全市养老机构床位达到5.6万张，护理型床位占比提高到58.3%。
}
