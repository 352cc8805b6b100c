#!/usr/bin/env bash
# End-to-end benchmark of the weekly close (issue 6). Builds the CLI, the bare-parse floor and the
# DuckDB peer, generates synthetic weeks, and for each runs the close, the peer and the floor one
# after the other under /usr/bin/time -v (REPS times, interleaved: close, peer, floor, close, ...),
# then prints a markdown table of medians: wall time, CPU, employees/s, punch rows/s, peak RSS,
# output bytes, and the ratios payclose/peer and payclose/floor.
#
#   benchmarks/bench.sh                 # 100k and 1M employee-weeks, sorted and shuffled exports
#   SIZES="10000 100000" benchmarks/bench.sh
#   ORDERS=sorted benchmarks/bench.sh   # only exports sorted by employee (the default adds the
#                                       # same rows in random order: an unsorted export's cost)
#   BIG=1 benchmarks/bench.sh           # also 10M employee-weeks when the disk has room (about
#                                       # 25 GiB under /tmp: 11 GiB of input, 7 GiB out, spills),
#                                       # else 5M; sorted only, and without the peer
#   BIG=1 BIG_SHUFFLED=1 benchmarks/bench.sh  # the big week shuffled too (each week's files are
#                                       # removed before the next is made: the same disk, twice
#                                       # the hours)
#   REPS=3 benchmarks/bench.sh          # three interleaved runs per size, medians
#   PEER=0 benchmarks/bench.sh          # without the DuckDB peer (benchmarks/peer, needs cgo)
#   WORKERS=2 SEED=1 WEEK=2026-11-15 KEEP=1 benchmarks/bench.sh
#
# Needs GNU time at /usr/bin/time (Debian/Ubuntu: apt-get install time) for the peak RSS.
set -euo pipefail

SIZES=${SIZES:-"100000 1000000"}
ORDERS=${ORDERS:-"sorted shuffled"}
BIG=${BIG:-}
# The peer holds a week in DuckDB's memory (7 GiB at 1M employee-weeks): not run above this size.
PEER_MAX=${PEER_MAX:-1000000}
WEEK=${WEEK:-2026-11-15}
SEED=${SEED:-1}
WORKERS=${WORKERS:-}
REPS=${REPS:-1}
PEER=${PEER:-1}
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
(cd "$ROOT" && CGO_ENABLED=0 go build -o "$TMP/payclose" ./cmd/payclose && CGO_ENABLED=0 go build -o "$TMP/bareparse" ./benchmarks/cmd/bareparse)
if [[ "$PEER" != 0 ]]; then
	# The peer is a module of its own (DuckDB through cgo): it needs a C compiler and the DuckDB
	# module; without them the table leaves its columns empty rather than failing the benchmark.
	if ! (cd "$ROOT/benchmarks/peer" && CGO_ENABLED=1 go build -o "$TMP/peer" .) >"$TMP/peer-build.txt" 2>&1; then
		echo "bench.sh: the DuckDB peer (benchmarks/peer) did not build, so it is left out (it needs cgo and a C compiler):" >&2
		tail -5 "$TMP/peer-build.txt" >&2
		PEER=0
	fi
fi

# field NAME FILE: a value from /usr/bin/time -v output
field() { grep -F "$1" "$2" | head -1 | sed 's/.*: //'; }
# seconds from h:mm:ss.ss or m:ss.ss
secs() { awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }' <<<"$1"; }
# median of the numbers given
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# measure TAG FILE: wall, CPU (user+sys) and peak RSS (KiB) of one /usr/bin/time -v output, appended
# to the arrays of TAG
measure() {
	local w u s r
	w=$(secs "$(field 'Elapsed (wall clock)' "$2")")
	u=$(field 'User time' "$2")
	s=$(field 'System time' "$2")
	r=$(field 'Maximum resident set size' "$2")
	eval "${1}_wall+=($w); ${1}_user+=($u); ${1}_sys+=($s); ${1}_rss+=($r)"
}

if [[ -n "$BIG" ]]; then
	# 10M employee-weeks need about 2.5 KiB of disk each (input, output, spill); 5M half that.
	free_kib=$(df -Pk "$TMP" | awk 'NR == 2 { print $4 }')
	if ((free_kib > 10000000 * 5 / 2)); then big=10000000; else big=5000000; fi
	echo "BIG: $big employee-weeks ($((free_kib / 1048576)) GiB free under $TMP)" >&2
	SIZES="$SIZES $big"
fi

rows=()
for size in $SIZES; do
for order in $ORDERS; do
	if [[ -n "$BIG" && -z "${BIG_SHUFFLED:-}" && "$size" == "${big:-}" && "$order" != sorted ]]; then
		continue # the big week: sorted only unless asked (its shuffled copy doubles the hours)
	fi
	peer_on=$PEER
	((size > PEER_MAX)) && peer_on=0
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

	# Warm the page cache the same way for every run, so none pays for the disk.
	cat "$dir"/*.csv >/dev/null

	close_wall=() close_user=() close_sys=() close_rss=()
	peer_wall=() peer_user=() peer_sys=() peer_rss=()
	bare_wall=() bare_user=() bare_sys=() bare_rss=()
	bare_in=() bare_p=()
	wflag=()
	[[ -n "$WORKERS" ]] && wflag=(--workers "$WORKERS")
	for ((rep = 1; rep <= REPS; rep++)); do
		echo "close ($rep/$REPS) ..." >&2
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
		measure close "$TMP/run-time-$n.txt"

		if [[ "$peer_on" != 0 ]]; then
			echo "peer ($rep/$REPS) ..." >&2
			rm -f "$dir/peer.parquet"
			if ! /usr/bin/time -v "$TMP/peer" -in "$dir" -out "$dir/peer.parquet" -week "$WEEK" >"$TMP/peer-$n.txt" 2>"$TMP/peer-time-$n.txt"; then
				echo "bench.sh: the peer failed:" >&2
				tail -20 "$TMP/peer-time-$n.txt" >&2
				exit 1
			fi
			measure peer "$TMP/peer-time-$n.txt"
		fi

		echo "bare parse ($rep/$REPS) ..." >&2
		/usr/bin/time -v "$TMP/bareparse" "$dir/punches.csv" "$dir/roster.csv" "$dir/schedule.csv" >"$TMP/bare-$n.txt" 2>"$TMP/bare-time-$n.txt"
		measure bare "$TMP/bare-time-$n.txt"
		bare_p+=("$(grep '^/.*punches.csv' "$TMP/bare-$n.txt" | sed 's/.*seconds=//')")
		bare_in+=("$(grep '^total ' "$TMP/bare-$n.txt" | sed 's/.*seconds=\([0-9.]*\).*/\1/')")
	done
	cw=$(median "${close_wall[@]}") cu=$(median "${close_user[@]}") cs=$(median "${close_sys[@]}") crss=$(median "${close_rss[@]}")
	bw=$(median "${bare_in[@]}") bp=$(median "${bare_p[@]}")
	bcpu=() ccpu=() pcpu=()
	for ((i = 0; i < REPS; i++)); do
		ccpu+=("$(awk -v u="${close_user[i]}" -v s="${close_sys[i]}" 'BEGIN { print u + s }')")
		bcpu+=("$(awk -v u="${bare_user[i]}" -v s="${bare_sys[i]}" 'BEGIN { print u + s }')")
		[[ "$peer_on" != 0 ]] && pcpu+=("$(awk -v u="${peer_user[i]}" -v s="${peer_sys[i]}" 'BEGIN { print u + s }')")
	done
	cc=$(median "${ccpu[@]}") bc=$(median "${bcpu[@]}")
	if [[ "$peer_on" != 0 ]]; then
		pw=$(median "${peer_wall[@]}") pc=$(median "${pcpu[@]}") prss=$(median "${peer_rss[@]}")
		peer_cols=$(awk -v cw="$cw" -v cc="$cc" -v pw="$pw" -v pc="$pc" -v prss="$prss" 'BEGIN {
			printf "%.2f | %.2f | %.0f | %.2f / %.2f", pw, pc, prss/1024, cw/pw, cc/pc }')
	else
		peer_cols="– | – | – | –"
	fi
	out_bytes=$(du -sb "$dir/out" | cut -f1)
	pay_lines=$(grep -m1 'Pay lines' "$TMP/run-$n.txt" | awk '{print $3}')
	rejects=$(grep -m1 'Rejected rows' "$TMP/run-$n.txt" | awk '{print $3}')
	rows+=("$(awk -v n="$n" -v o="$order" -v pr="$punch_rows" -v ib="$input_bytes" -v w="$cw" -v u="$cu" -v s="$cs" -v c="$cc" \
		-v rss="$crss" -v ob="$out_bytes" -v bw="$bw" -v bp="$bp" -v bc="$bc" -v pl="$pay_lines" -v peer="$peer_cols" 'BEGIN {
		floor = (bw > 0 ? sprintf("%.1f", w/bw) : "–") " / " (bc > 0 ? sprintf("%.1f", c/bc) : "–")
		printf "| %d | %s | %d | %.1f | %.2f | %.2f+%.2f (%.0f%%) | %.0f | %.0f | %.0f | %.0f | %d | %.2f | %.2f | %s | %s |",
			n, o, pr, ib/1048576, w, u, s, 100*c/w, n/w, pr/w, rss/1024, ob/1048576, pl, bp, bw, peer, floor }')")
	echo "  rejects: $rejects (generated bad rows: $(sed 's/.*(bad \([0-9]*\)).*/\1/' "$TMP/gen-$n.txt"))" >&2
	[[ -z "${KEEP:-}" ]] && rm -rf "$dir" # the next week's disk
done
done

echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(go version | cut -d' ' -f3); medians of $REPS interleaved run(s) (close, peer, floor)"
echo
echo "| employee-weeks | row order | punch rows | input MiB | wall s | user+sys s (CPU) | employees/s | punch rows/s | peak RSS MiB | output MiB | pay lines | bare parse punches s | bare parse all inputs s | peer wall s | peer CPU s | peer peak RSS MiB | payclose/peer wall / CPU | payclose/floor wall / CPU |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for r in "${rows[@]}"; do echo "$r"; done
