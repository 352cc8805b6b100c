package handoff

import "io"

func writeReport(w io.Writer, in *Input, opt Options, stats []*weekStats, prev *weekStats) error {
	return nil
}
