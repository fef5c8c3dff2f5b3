package review_test

import (
	"fmt"
	"strings"

	"figures/review"
)

// Chinese text reaches FTS5 as gse words plus the dictionary words inside
// them, so a search for 养老 finds 养老保险.
func ExampleIndexText() {
	text, err := review.IndexText("城乡居民养老保险基金收入4.39亿元")
	if err != nil {
		panic(err)
	}
	fmt.Println(strings.Fields(text))
	// Output: [城乡居民 城乡 居民 养老保险 养老 保险 基金 收入 4.39 亿元]
}

// A query is segmented the same way; every word must match.
func ExampleQueryTerms() {
	terms, err := review.QueryTerms("养老保险 4.39亿元")
	if err != nil {
		panic(err)
	}
	fmt.Println(terms)
	// Output: [养老保险 4.39 亿元]
}
