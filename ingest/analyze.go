// Package ingest runs the pipeline over batches of bulletins: it reads and
// decodes files (corpus), splits them (segment), extracts their figures
// (extract), pairs Chinese originals with English versions and checks them
// (align), and stores everything (store), one transaction per document.
package ingest

import (
	"fmt"

	"figures/align"
	"figures/corpus"
	"figures/extract"
	"figures/segment"
)

// Analyze segments doc and extracts its claims. Chinese sentences are
// segmented into words with gse first, for the claims' context.
func Analyze(doc *corpus.Document) (align.Side, error) {
	sents := segment.Split(doc)
	for i := range sents {
		if err := segment.Words(&sents[i]); err != nil {
			return align.Side{}, fmt.Errorf("%s: %w", doc.Path, err)
		}
	}
	claims := extract.Sentences(sents)
	for i := range claims {
		claims[i].File = doc.Path
	}
	return align.Side{Doc: doc, Sentences: sents, Claims: claims}, nil
}
