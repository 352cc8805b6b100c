// Command bareparse is the floor of the end-to-end benchmark: it reads CSV files and splits their
// fields with the same record reader the close uses, and does nothing else (no value parsing, no
// rules, no output). A close can never be faster than this.
//
//	bareparse punches.csv [roster.csv schedule.csv]
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/payclose/payclose/stages/ingest"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: bareparse FILE.csv...")
		os.Exit(2)
	}
	var totalRecords, totalBytes int64
	var fieldBytes int
	start := time.Now()
	for _, path := range os.Args[1:] {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bareparse:", err)
			os.Exit(1)
		}
		t0 := time.Now()
		n, bad, err := ingest.SplitRecords(f, func(fields [][]byte) {
			// Touch every field so the split cannot be optimised away.
			for _, x := range fields {
				fieldBytes += len(x)
			}
		})
		fi, _ := f.Stat()
		f.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, "bareparse:", err)
			os.Exit(1)
		}
		secs := time.Since(t0).Seconds()
		fmt.Printf("%s records=%d bad=%d bytes=%d seconds=%.3f\n", path, n, bad, fi.Size(), secs)
		totalRecords += int64(n)
		totalBytes += fi.Size()
	}
	fmt.Printf("total records=%d bytes=%d seconds=%.3f field_bytes=%d\n", totalRecords, totalBytes, time.Since(start).Seconds(), fieldBytes)
}
