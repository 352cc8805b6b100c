package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/pipeline"
)

// One file given as two inputs (the export as --punches and again as --oncall) is refused: its
// rows would be read twice, and the rejects of the copy, kept by path, counted against the export
// too, so that the manifest said every row of the export was rejected while every one was paid.
// Another spelling of the path, or a link to the file, is the same file.
func TestSameFileAsTwoInputsIsRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	base := sampleConfig(t, out)
	link := filepath.Join(t.TempDir(), "oncall.csv")
	if err := os.Symlink(base.Punches, link); err != nil {
		t.Fatal(err)
	}
	dir, name := filepath.Split(base.Punches)
	for _, tc := range []struct {
		what string
		set  func(*pipeline.Config)
		flag string
	}{
		{"--oncall = --punches", func(c *pipeline.Config) { c.OnCall = c.Punches }, "--oncall"},
		{"--oncall another spelling", func(c *pipeline.Config) { c.OnCall = dir + "./" + name }, "--oncall"},
		{"--oncall a link to --punches", func(c *pipeline.Config) { c.OnCall = link }, "--oncall"},
		{"--schedule = --punches", func(c *pipeline.Config) { c.Schedule = c.Punches }, "--schedule"},
	} {
		cfg := base
		tc.set(&cfg)
		_, err := pipeline.Run(context.Background(), cfg)
		var u pipeline.UsageError
		if !errors.As(err, &u) || !strings.Contains(err.Error(), tc.flag) || !strings.Contains(err.Error(), "--punches") {
			t.Errorf("%s: %v, want a usage error naming %s and --punches", tc.what, err, tc.flag)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("%s: %s was created (%v): a refused run writes nothing", tc.what, out, err)
		}
	}
}
