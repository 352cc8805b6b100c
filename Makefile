# payclose — the weekly payroll close.
#   make run    close the embedded sample (two weeks, five rule sets) and print the summary
#   make test   vet, race-enabled tests, a short fuzz of the CSV readers
#   make bench  generate 100k and 1M employee-weeks (sorted and shuffled; BIG=1 adds 10M) and measure the close end to end
#   make pgo    profile 1M closes into cmd/payclose/default.pgo, the profile go build optimizes by

GO       ?= go
VERSION  ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
BIN      := bin/payclose
OUT      ?= out
FUZZTIME ?= 5s
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
# The DuckDB check is its own module: its cgo driver is a test-only dependency, never linked into
# payclose (which builds with CGO_ENABLED=0).
DUCKDB   := fixtures/duckdbcheck
# The DuckDB peer of the benchmark (benchmarks/peer) is one too, for the same reason.
PEER     := benchmarks/peer

.PHONY: all build run test vet fuzz bench pgo clean

all: build

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/payclose

# The sample contains deliberately bad rows, so the close exits 3 ("outputs written, inputs had
# rejects"); that is the expected result here, anything else fails.
# $(OUT) is the sample's own ledger, made anew each time: a ledger refuses to re-close a paid week
# without --pay-week, and a new build is a new run.
run: build
	@rm -rf $(OUT)
	@$(BIN) run --sample --out $(OUT); rc=$$?; \
	if [ $$rc -ne 0 ] && [ $$rc -ne 3 ]; then exit $$rc; fi

vet:
	@echo "== gofmt, go vet, staticcheck"
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	cd $(DUCKDB) && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./...
	cd $(PEER) && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./...

# What runs, and roughly how long on 2 cores (README "Two commands"): vet and staticcheck
# (~30 s, a few minutes the first time while staticcheck and the modules build), the race-enabled
# tests (~4-5 min: the race build is most of it; the command's crash, hostile-input and signal
# tests run real closes), the DuckDB check and the DuckDB peer's test (~30 s each, cgo), then 5 s
# of fuzzing per target (~1 min).
# go test's own vet pass is off: make vet just ran the full one.
test: vet
	@echo "== race-enabled tests (a few minutes; packages are listed as they finish)"
	$(GO) test -race -vet=off -count=1 ./...
	@echo "== DuckDB check (fixtures/duckdbcheck)"
	cd $(DUCKDB) && $(GO) test -race -vet=off -count=1 ./...
	@echo "== DuckDB peer of the benchmark (benchmarks/peer: its SQL on a hand-worked week and against payclose)"
	cd $(PEER) && $(GO) test -race -vet=off -count=1 ./...
	@echo "== fuzz ($(FUZZTIME) per target)"
	@$(MAKE) --no-print-directory fuzz

# A short coverage-guided run of every fuzz target of the readers and parsers (seed corpora in
# testdata/fuzz), of the hand-off's Parquet reader (emit FuzzOwnFile), of the spill keys' order
# and of the whole close on mutated inputs (pipeline FuzzClose). Longer runs:
# make fuzz FUZZTIME=5m. Targets are found in the test sources (go test -list would build each
# package's test binary once more only to list them). A close runs goroutines, so nearly every input looks "interesting" to
# the fuzzer: minimizing each one is capped at a few executions or it would take all the time.
# Go 1.26's fuzz coordinator can fail a target with a bare "context deadline exceeded" when
# -fuzztime runs out while a worker is mid-call (go.dev/issue/75804, fixed in Go 1.27): a run that
# fails so and wrote no failing input under testdata/fuzz/<target> is reported and not counted;
# any other failure, or a new failing input, fails the target.
FUZZPKGS ?= ./stages/ingest ./stages/spill ./stages/emit ./pipeline
fuzz:
	@log=$$(mktemp); trap 'rm -f $$log' EXIT; \
	for p in $(FUZZPKGS); do \
		for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$p/*_test.go); do \
			echo "fuzz $$p $$t ($(FUZZTIME))"; \
			before=$$(ls $$p/testdata/fuzz/$$t 2>/dev/null | wc -l); \
			if ! $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10x $$p >$$log 2>&1; then \
				cat $$log; \
				after=$$(ls $$p/testdata/fuzz/$$t 2>/dev/null | wc -l); \
				if [ "$$after" = "$$before" ] && grep -q '^    context deadline exceeded$$' $$log && ! grep -q 'Failing input' $$log; then \
					echo "fuzz $$t: stopped by Go's fuzz deadline race (go.dev/issue/75804), no failing input: not a failure"; \
				else \
					exit 1; \
				fi; \
			else \
				tail -3 $$log; \
			fi; \
		done; \
	done

bench:
	./benchmarks/bench.sh

# cmd/payclose/default.pgo, the profile go build optimizes the CLI by (benchmarks/pgo.sh).
pgo:
	./benchmarks/pgo.sh

clean:
	rm -rf bin $(OUT)
