// Command peer is the DuckDB peer of the weekly close for `make bench` (issue 16): the core rules
// of payclose written as the SQL a data engineer would write (peer.go says what it leaves out), run
// through the DuckDB Go module, so the benchmark can print payclose/peer next to payclose/floor.
// It is a module of its own because DuckDB needs cgo; payclose builds with CGO_ENABLED=0.
//
//	go run . -in DIR -out FILE.parquet [-week 2026-11-15]
//
// DIR holds punches.csv and roster.csv as `payclose gen` writes them.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

func main() {
	in := flag.String("in", "", "directory with punches.csv and roster.csv")
	out := flag.String("out", "", "Parquet file of pay lines to write")
	profile := flag.String("profile", "", "write DuckDB's query profile of the close to this file")
	weekFlag := flag.String("week", "2026-11-15", "first day (Sunday) of the week to close")
	flag.Parse()
	if *in == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	week, err := time.Parse("2006-01-02", *weekFlag)
	if err != nil || week.Weekday() != time.Sunday {
		fmt.Fprintf(os.Stderr, "peer: -week %q is not a Sunday (YYYY-MM-DD)\n", *weekFlag)
		os.Exit(2)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		fmt.Fprintln(os.Stderr, "peer:", err)
		os.Exit(1)
	}
	defer db.Close()
	start := time.Now()
	n, err := Run(context.Background(), db, *in, *out, week, *profile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("pay lines %d  seconds %.3f\n", n, time.Since(start).Seconds())
}
