package ingest

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// punchExport builds a realistic export: 100k rows, 5k employees, mostly worked pairs with a
// quoted name, some pay-code edits.
func punchExport(rows int) []byte {
	var buf bytes.Buffer
	buf.WriteString(punchHeader)
	for i := 0; i < rows; i++ {
		emp := i % 5000
		day := 1 + i/5000%28
		switch {
		case i%10 == 9:
			fmt.Fprintf(&buf, "%06d,\"Worker, No. %d\",2/%d/2026,Vacation,,,7.5,UMMH/MED/UNIT%02d/RN/-/-/-,\n", emp, emp, day, emp%40)
		default:
			fmt.Fprintf(&buf, "%06d,\"Worker, No. %d\",2/%d/2026,,2/%d/2026 6:5%d,2/%d/2026 19:1%d,,UMMH/MED/UNIT%02d/RN/-/-/-,CHARGE\n",
				emp, emp, day, day, i%10, day, i%7, emp%40)
		}
	}
	return buf.Bytes()
}

func BenchmarkReadPunches(b *testing.B) {
	const rows = 100_000
	data := punchExport(rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var total int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stats, err := ReadPunches(bytes.NewReader(data), "punches.csv", func(p *model.Punch) { total += p.Out - p.In }, nil)
		if err != nil || stats.Emitted != rows {
			b.Fatalf("%v %+v", err, stats)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
}
