#!/usr/bin/env bash
# End-to-end benchmark of the weekly close (issue 6). Builds the CLI and the bare-parse floor,
# generates synthetic weeks, closes each under /usr/bin/time -v and prints a markdown table:
# wall time, employees/s, punch rows/s, peak RSS, output bytes, and the ratio to the floor.
#
#   benchmarks/bench.sh                 # 100k and 1M employee-weeks
#   SIZES="10000 100000" benchmarks/bench.sh
#   ORDERS="sorted shuffled" benchmarks/bench.sh   # also close exports in random row order
#   WORKERS=2 SEED=1 WEEK=2026-11-15 KEEP=1 benchmarks/bench.sh
#
# Needs GNU time at /usr/bin/time (Debian/Ubuntu: apt-get install time) for the peak RSS.
set -euo pipefail

SIZES=${SIZES:-"100000 1000000"}
ORDERS=${ORDERS:-sorted}
WEEK=${WEEK:-2026-11-15}
SEED=${SEED:-1}
WORKERS=${WORKERS:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -v true >/dev/null 2>&1; then
	echo "bench.sh: GNU time is missing: install the 'time' package (apt-get install time)" >&2
	exit 2
fi

TMP=$(mktemp -d /tmp/payclose-bench.XXXXXX)
if [[ -z "${KEEP:-}" ]]; then
	trap 'rm -rf "$TMP"' EXIT
else
	echo "keeping $TMP" >&2
fi

echo "building into $TMP ..." >&2
(cd "$ROOT" && go build -o "$TMP/payclose" ./cmd/payclose && go build -o "$TMP/bareparse" ./benchmarks/cmd/bareparse)

# field NAME FILE: a value from /usr/bin/time -v output
field() { grep -F "$1" "$2" | head -1 | sed 's/.*: //'; }
# seconds from h:mm:ss.ss or m:ss.ss
secs() { awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }' <<<"$1"; }

rows=()
for size in $SIZES; do
for order in $ORDERS; do
	n=$size
	tag="$n-$order"
	dir="$TMP/week-$tag"
	echo "generating $n employees ($order) ..." >&2
	gflag=()
	[[ "$order" == shuffled ]] && gflag=(--shuffle)
	"$TMP/payclose" gen --employees "$n" --week "$WEEK" --seed "$SEED" --out "$dir" "${gflag[@]}" >"$TMP/gen-$n.txt"
	cat "$TMP/gen-$n.txt" >&2
	punch_rows=$(($(wc -l <"$dir/punches.csv") - 1))
	input_bytes=$(cat "$dir"/*.csv | wc -c)

	# Warm the page cache the same way for both runs, so neither pays for the disk.
	cat "$dir"/*.csv >/dev/null

	echo "bare parse ..." >&2
	/usr/bin/time -v "$TMP/bareparse" "$dir/punches.csv" "$dir/roster.csv" "$dir/schedule.csv" >"$TMP/bare-$n.txt" 2>"$TMP/bare-time-$n.txt"
	bare_punches=$(grep '^/.*punches.csv' "$TMP/bare-$n.txt" | sed 's/.*seconds=//')
	bare_wall=$(grep '^total ' "$TMP/bare-$n.txt" | sed 's/.*seconds=\([0-9.]*\).*/\1/')

	echo "close ..." >&2
	wflag=()
	[[ -n "$WORKERS" ]] && wflag=(--workers "$WORKERS")
	rm -rf "$dir/out" # a fresh ledger: a re-close of the same week into it would commit nothing
	set +e
	/usr/bin/time -v "$TMP/payclose" run --punches "$dir/punches.csv" --roster "$dir/roster.csv" \
		--schedule "$dir/schedule.csv" --week "$WEEK" --out "$dir/out" "${wflag[@]}" >"$TMP/run-$n.txt" 2>"$TMP/run-time-$n.txt"
	rc=$?
	set -e
	if [[ $rc -ne 0 && $rc -ne 3 ]]; then # 3: completed, inputs had rejects (the generator writes some)
		echo "bench.sh: the close failed (exit $rc):" >&2
		tail -20 "$TMP/run-time-$n.txt" >&2
		exit 1
	fi
	wall=$(secs "$(field 'Elapsed (wall clock)' "$TMP/run-time-$n.txt")")
	user=$(field 'User time' "$TMP/run-time-$n.txt")
	sys=$(field 'System time' "$TMP/run-time-$n.txt")
	cpu=$(field 'Percent of CPU' "$TMP/run-time-$n.txt")
	rss_kb=$(field 'Maximum resident set size' "$TMP/run-time-$n.txt")
	out_bytes=$(du -sb "$dir/out" | cut -f1)
	pay_lines=$(grep -m1 'Pay lines' "$TMP/run-$n.txt" | awk '{print $3}')
	rejects=$(grep -m1 'Rejected rows' "$TMP/run-$n.txt" | awk '{print $3}')
	rows+=("$(awk -v n="$n" -v o="$order" -v pr="$punch_rows" -v ib="$input_bytes" -v w="$wall" -v u="$user" -v s="$sys" -v c="$cpu" \
		-v rss="$rss_kb" -v ob="$out_bytes" -v bw="$bare_wall" -v bp="$bare_punches" -v pl="$pay_lines" -v rj="${rejects:-0}" 'BEGIN {
		printf "| %d | %s | %d | %.1f | %.2f | %.2f+%.2f (%s) | %.0f | %.0f | %.0f | %.1f | %d | %.2f | %.2f | %.1fx |",
			n, o, pr, ib/1048576, w, u, s, c, n/w, pr/w, rss/1024, ob/1048576, pl, bp, bw, w/bw }')")
	echo "  rejects: $rejects (generated bad rows: $(sed 's/.*(bad \([0-9]*\)).*/\1/' "$TMP/gen-$n.txt"))" >&2
done
done

echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(go version | cut -d' ' -f3)"
echo
echo "| employee-weeks | row order | punch rows | input MiB | wall s | user+sys s (CPU) | employees/s | punch rows/s | peak RSS MiB | output MiB | pay lines | bare parse punches s | bare parse all inputs s | close / bare parse |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for r in "${rows[@]}"; do echo "$r"; done
