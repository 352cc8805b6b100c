package ingest

import "io"

// SplitRecords reads r with the record reader every ingest reader uses (RFC 4180, fields split in
// place) and calls fn with each record's fields, header included; fields are valid only during
// the call. It parses no value: benchmarks use it as the floor a close cannot beat (read + split).
// Records the reader cannot split are counted in bad and skipped.
func SplitRecords(r io.Reader, fn func(fields [][]byte)) (records, bad int, err error) {
	rr := newRecordReader(r)
	for {
		fields, _, err := rr.read()
		if _, ok := err.(*recordError); ok {
			bad++
			continue
		}
		if err == io.EOF {
			return records, bad, nil
		}
		if err != nil {
			return records, bad, err
		}
		records++
		fn(fields)
	}
}
