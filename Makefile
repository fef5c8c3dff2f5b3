# figures: build, demo, tests, benchmarks and evaluation.
#
# mattn/go-sqlite3 is a cgo package: building needs a C compiler (gcc).
# The sqlite_fts5 build tag compiles SQLite's FTS5 full-text search into the
# binary; the review UI's search needs it, so every target uses TAGS.

GO      ?= go
TAGS    ?= sqlite_fts5
GOFLAGS += -tags=$(TAGS)
export GOFLAGS
export CGO_ENABLED = 1

.PHONY: all build gen demo serve test bench bench-ingest bench-corpus bench-store eval fuzz lint samples clean

all: build

build:
	$(GO) build -o bin/figures ./cmd/figures

# gen builds the corpus generator (bin/figures-gen --size 50MB --out DIR).
gen:
	$(GO) build -o bin/figures-gen ./cmd/figures-gen

demo: build
	./bin/figures demo

serve: build
	./bin/figures serve --db figures.db

# test is what .ci/run runs: formatting, vet, staticcheck (pinned in go.mod
# as a tool) and every test, the browser test included when chromium is
# installed (.ci/run installs it and makes that test mandatory).
test: lint
	$(GO) test ./...

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# bench-ingest repeats only the ingest-against-gse ratios and the writer's
# floor, five runs each (about 30 s): the numbers in docs/ingest.md.
bench-ingest:
	$(GO) test -run='^$$' -bench='IngestVsSegment|StoreDocuments' -benchtime=5x -count=5 ./ingest/

# bench-store: what the writer costs per document (BenchmarkStoreBatch, one
# variant of the schema or settings each; docs/store.md) and per pair
# (BenchmarkSaveBlock).
bench-store:
	$(GO) test -run='^$$' -bench='BenchmarkStoreBatch|BenchmarkSaveBlock' -benchtime=10x ./store/

# bench-corpus: what reading a page costs (BenchmarkParse, 200 generated
# pages, decoding).
bench-corpus:
	$(GO) test -run='^$$' -bench='BenchmarkParse$$|ParseGenerated|Decode' -benchmem -count=5 ./corpus/

# eval measures the extractor against ../shared/peers and testdata, and the
# aligner against ../shared/parallel and testdata (skipped, with a message,
# when ../shared is absent).
eval:
	$(GO) run ./eval/extract
	$(GO) run ./eval/align

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

# fuzz runs every parser's fuzz target for a short while each.
FUZZTIME ?= 15s
fuzz:
	@set -e; for p in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz' || true); do \
	    echo "== $$p $$f"; $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$p; \
	  done; \
	done

# samples regenerates the GBK sample pages from samples/src.
samples:
	$(GO) generate ./samples

clean:
	rm -rf bin figures.db figures.db-wal figures.db-shm
