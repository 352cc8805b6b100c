// Package benchmarks measures the close: Go benchmarks per stage (parse, assemble + rules per
// employee-week, Parquet encoding, end to end) on workloads from benchmarks/gen, and bench.sh, the
// end-to-end run at 100k and 1M employee-weeks against the bare-parse floor. Results and profiles
// are in README.md.
package benchmarks
