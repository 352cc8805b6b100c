// Package emittest writes the emit package's files for other packages' tests.
package emittest

import (
	"os"
	"testing"

	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/model"
)

// WritePayLines writes lines as a pay_lines Parquet file at path (run id "r1"), as a close does.
func WritePayLines(t testing.TB, path string, lines []model.PayLine) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := emit.NewPayLineWriter(f, "r1", emit.ParquetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(lines); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
