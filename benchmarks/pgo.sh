#!/usr/bin/env bash
# Makes cmd/payclose/default.pgo, the CPU profile `go build` uses for profile-guided optimization
# (Go's -pgo=auto: a main package's default.pgo applies to it and everything it imports).
# The profile is of the weeks the close spends its life on: a generated 1M employee-week export
# closed once sorted by employee and once shuffled (the partitioned path), the two profiles merged.
# Issue 16, measured when it came in: payclose's own code 4.8% fewer instructions in a 100k close,
# the 1M close 0.92-0.95x the CPU (medians of 5 pairs), BenchmarkRules 14,692 -> 14,134
# instructions/op (run it with -pgo=../cmd/payclose/default.pgo to measure the rules as built).
#
#   make pgo                  # ~1 min on 2 cores (and the next build ~2 min: everything is recompiled); commit the new cmd/payclose/default.pgo
#   EMPLOYEES=100000 make pgo # a quicker, noisier profile
#
# Refresh it after a change that moves where the close spends its time; a stale profile only
# optimizes less (the compiler matches it to the code by function and line offset).
set -euo pipefail

EMPLOYEES=${EMPLOYEES:-1000000}
WEEK=${WEEK:-2026-11-15}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d /tmp/payclose-pgo.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

(cd "$ROOT" && CGO_ENABLED=0 go build -o "$TMP/payclose" ./cmd/payclose)
for order in sorted shuffled; do
	flag=""
	[[ $order == shuffled ]] && flag="--shuffle"
	"$TMP/payclose" gen --employees "$EMPLOYEES" --week "$WEEK" --seed 1 $flag --out "$TMP/$order" >/dev/null
	rc=0
	"$TMP/payclose" run --punches "$TMP/$order/punches.csv" --roster "$TMP/$order/roster.csv" \
		--schedule "$TMP/$order/schedule.csv" --week "$WEEK" --out "$TMP/out-$order" --progress off \
		--cpuprofile "$TMP/$order.prof" >/dev/null 2>&1 || rc=$?
	# 3: outputs written, the generated inputs had rejects (they do, on purpose).
	if [[ $rc != 0 && $rc != 3 ]]; then
		echo "pgo.sh: the $order close failed (exit $rc)" >&2
		exit 1
	fi
	rm -rf "$TMP/$order" "$TMP/out-$order"
done
go tool pprof -proto "$TMP/sorted.prof" "$TMP/shuffled.prof" >"$ROOT/cmd/payclose/default.pgo"
echo "wrote cmd/payclose/default.pgo ($(wc -c <"$ROOT/cmd/payclose/default.pgo") bytes)"
