package extract_test

import (
	"encoding/json"
	"fmt"
	"os"

	"figures/extract"
)

func ExampleString() {
	for _, c := range extract.String("zh", "为50.25万残疾人发放补贴4.39亿元，低保标准城乡差距缩小到1:0.81。") {
		fmt.Printf("%s: %s %s %s (%s)\n", c.Text, c.Kind, c.Value, c.Unit, c.Context)
	}
	for _, c := range extract.String("en", "More than 3,800 children were helped; GDP fell 2.1% in 2021.") {
		fmt.Printf("%s: %s %s %s\n", c.Text, c.Kind, c.Value, c.Qualifier)
	}
	// Output:
	// 50.25万: count 502500 person (残疾人)
	// 4.39亿元: money 439000000 yuan (补贴)
	// 1:0.81: ratio 0.81  (低保标准城乡差距)
	// 3,800: count 3800 more_than
	// 2.1%: percent -2.1 exact
}

func ExampleString_range() {
	c := extract.String("zh", "每户补助3至5万元")[0]
	fmt.Println(c.Text, c.Kind, c.Value, c.ValueMax, c.Unit, c.Qualifier)
	// Output: 3至5万元 money 30000 50000 yuan range
}

func ExampleClaim_json() {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	for _, c := range extract.String("en", "subsidies of 439 million yuan") {
		enc.Encode(c)
	}
	// Output: {"lang":"en","sentence":0,"text":"439 million yuan","start":13,"end":29,"kind":"money","value":"439000000","unit":"yuan","qualifier":"exact","context":"subsidies"}
}
