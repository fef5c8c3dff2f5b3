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

.PHONY: all build demo test bench eval fuzz lint clean

all: build

build:
	$(GO) build -o bin/figures ./cmd/figures

demo: build
	./bin/figures demo

test:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet ./...
	$(GO) test ./...

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# eval measures the extractor against ../shared/peers and testdata, and the
# aligner against ../shared/parallel and testdata (skipped, with a message,
# when ../shared is absent).
eval:
	$(GO) run ./eval/extract
	$(GO) run ./eval/align

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

clean:
	rm -rf bin figures.db figures.db-wal figures.db-shm
