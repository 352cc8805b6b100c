// Package emit writes a run's outputs: pay lines and accruals as Parquet, rejects and exceptions
// as CSV, the run manifest as JSON, and commits them to the output directory atomically.
//
// Writers know no contract: they turn the records of stages/model into bytes, exactly as
// /work/shared/FORMATS.md describes, and nothing else. Every writer is deterministic: the same
// records give the same bytes, so a rerun of the same week can be verified with sha256sum.
package emit
