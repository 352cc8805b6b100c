package pipeline

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/payclose/payclose/stages/emit"
)

// freeSpace is diskFree, a variable so a test can play a full disk.
var freeSpace = diskFree

// diskNeed estimates what a close writes under --out for inputs of the given size: measured on
// generated weeks, the Parquet files are about 0.23x the input and exceptions.csv with rejects.csv
// about 0.08x (1M employee-weeks: 1.06 GiB in, 238 MiB Parquet, 87 MiB of reports); while it runs
// the close also spills exceptions (about as much as exceptions.csv) and, for inputs not sorted by
// employee, a binary copy of the roster, schedule and punch rows (about 0.45x the input, removed
// before the reports are written). Three quarters of the input plus 64 MiB covers the worst of these
// with room for weeks that raise more exceptions.
func diskNeed(inputs []emit.Input) int64 {
	var in int64
	for _, x := range inputs {
		in += x.Bytes
	}
	return in/4*3 + 64<<20
}

// checkDisk stops a close before it starts when the file system of dir has less free space than
// the close is expected to need, rather than failing (or filling the disk) half way through.
func checkDisk(dir string, inputs []emit.Input) error {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			free, ok := freeSpace(d)
			if need := diskNeed(inputs); ok && free < need {
				return fmt.Errorf("not enough free disk for %s: %d MiB free, the close needs about %d MiB (three quarters of the size of its inputs plus 64 MiB: pay lines, accruals, reports, and rows spilled while it runs); free some space or give --out on a larger disk",
					dir, free>>20, need>>20)
			}
			return nil
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}
