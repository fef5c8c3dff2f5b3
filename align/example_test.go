package align_test

import (
	"fmt"
	"os"
	"strings"

	"figures/align"
	"figures/corpus"
	"figures/extract"
	"figures/segment"
)

// analyse splits a document and places hand-written claims on it (in the
// program, ingest.Analyze runs the extractor instead).
func analyse(path, text string, claims ...extract.Claim) align.Side {
	doc, _ := corpus.Parse(path, []byte(text))
	sents := segment.Split(doc)
	for k, c := range claims {
		for _, s := range sents {
			if i := strings.Index(s.Text, c.Text); i >= 0 {
				c.Sentence, c.Lang = s.Index, s.Lang
				c.Start = s.Start + len([]rune(s.Text[:i]))
				c.End = c.Start + len([]rune(c.Text))
				break
			}
		}
		if c.Qualifier == "" {
			c.Qualifier = extract.Exact
		}
		claims[k] = c
	}
	return align.Side{Doc: doc, Sentences: sents, Claims: claims}
}

func ExampleCheck() {
	zh := analyse("zh.txt", "全市建成养老服务设施3132个。\n为50.25万残疾人发放补贴4.39亿元。\n低保标准城乡差距缩小到1:0.81。",
		extract.Claim{Text: "3132个", Kind: extract.Count, Value: "3132"},
		extract.Claim{Text: "50.25万", Kind: extract.Count, Value: "502500"},
		extract.Claim{Text: "4.39亿元", Kind: extract.Money, Value: "439000000", Unit: "yuan"},
		extract.Claim{Text: "1:0.81", Kind: extract.Ratio, Value: "0.81"},
	)
	en := analyse("en.txt", "The city built 3,123 elderly care facilities.\nSubsidies of 4.39 billion yuan were paid to 502,500 disabled people.",
		extract.Claim{Text: "3,123", Kind: extract.Count, Value: "3123"},
		extract.Claim{Text: "4.39 billion yuan", Kind: extract.Money, Value: "4390000000", Unit: "yuan"},
		extract.Claim{Text: "502,500", Kind: extract.Count, Value: "502500", Unit: "person"},
	)
	r := align.Check(zh, en)
	for _, l := range r.Links {
		fmt.Printf("%s: %s\n", l.Verdict, l.Explanation)
	}
	fmt.Println(r.Tally())
	// Output:
	// mismatch: 3132个 is 3,132; the English says 3,123, digits 32 swapped
	// match: 50.25万 is 502,500; the English says 502,500
	// mismatch: 4.39亿元 is 439,000,000 yuan; the English says 4.39 billion yuan, 10 times too large
	// 3 figures linked: 1 matched, 0 rounded, 2 mismatched (1 digits, 1 magnitude); 1 dropped, 0 added.
}

func ExampleWriteText() {
	zh := analyse("zh.txt", "全市累计建成社区养老服务站1286个，实名注册志愿者646.3万人。\n志愿服务参与率提高3.2个百分点。",
		extract.Claim{Text: "1286个", Kind: extract.Count, Value: "1286"},
		extract.Claim{Text: "646.3万人", Kind: extract.Count, Value: "6463000", Unit: "person"},
		extract.Claim{Text: "3.2个百分点", Kind: extract.PercentPoints, Value: "3.2"},
	)
	en := analyse("en.txt", "The city built 1,286 community elderly care stations and has 6.46 million registered volunteers.\nThe volunteer participation rate rose 3.2%.",
		extract.Claim{Text: "1,286", Kind: extract.Count, Value: "1286"},
		extract.Claim{Text: "6.46 million", Kind: extract.Count, Value: "6460000", Unit: "person"},
		extract.Claim{Text: "3.2%", Kind: extract.Percent, Value: "3.2"},
	)
	r := align.Check(zh, en)
	align.WriteText(os.Stdout, &r)
	// Output:
	// figures check: zh.txt (Chinese) against en.txt (English)
	// 2 Chinese and 2 English sentences; 2 aligned groups, 0 Chinese sentences without a counterpart, 0 English.
	//
	// PROBLEMS (1): figures the English gets wrong
	//
	//   1. PERCENT_VS_POINTS: 3.2个百分点  ->  3.2%
	//      3.2个百分点 is a change of 3.2 percentage points; the English says 3.2%, a percentage, not points
	//      zh: [2] 志愿服务参与率提高«3.2个百分点»。
	//      en: [2] The volunteer participation rate rose «3.2%».
	//
	// ROUNDED (1): accepted, but check the rounding suits your use
	//   - 646.3万人 is 6,463,000 people; the English says 6.46 million, rounded to 3 significant figures (the nearest 10,000)
	//
	// MATCHED (1): 1286个 = 1,286
	//
	// 3 figures linked: 1 matched, 1 rounded, 1 mismatched (1 percent_vs_points); 0 dropped, 0 added.
}
