// Command payclose is the weekly payroll close: Kronos punches, roster and schedule in; Parquet
// pay lines, rejects, exceptions and a manifest out.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/payclose/payclose/pipeline"

	_ "github.com/payclose/payclose/stages/rules/all" // every built-in rule family
)

// version is set by the Makefile (-ldflags -X main.version=...).
var version = "dev"

// Exit codes: the contract with the scheduler that runs the close.
const (
	exitOK      = 0
	exitFailed  = 1
	exitUsage   = 2
	exitRejects = 3
)

// errRejects marks a run that completed and wrote its outputs, but had rejected input rows.
var errRejects = errors.New("inputs had rejects")

func main() {
	tuneGC()
	go exitAfterSignal(os.Stderr, signalGrace)
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// signalGrace is how long a run has, after SIGINT or SIGTERM, to stop by itself.
const signalGrace = 700 * time.Millisecond

// exitAfterSignal ends the process with exit 1 if the run has not stopped within grace of a signal.
// The readers stop at their next read once the run's context is cancelled, but a read or open
// blocked in the kernel (a FIFO nobody writes to) never returns: nothing is committed before the
// atomic commit at the very end, so exiting leaves no output, only a staging directory that
// the next run removes.
func exitAfterSignal(stderr io.Writer, grace time.Duration) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	<-ch
	time.Sleep(grace)
	fmt.Fprintln(stderr, "payclose: interrupted; stopped without writing any output")
	os.Exit(exitFailed)
}

// tuneGC trades memory the close does not need for collector time: the Parquet encoders allocate
// about 650 bytes per pay line, all short-lived, while the live heap of a streamed close stays
// small, so collecting half as often saves a tenth of the run. A soft limit, from the machine
// (defaultMemoryLimit), keeps the heap of a very large week under control. GOGC and GOMEMLIMIT,
// when set, win; --memory-limit wins over both.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit())
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app := newApp(stdout, stderr)
	err := app.RunContext(ctx, args)
	return exitCode(err, stderr)
}

func exitCode(err error, stderr io.Writer) int {
	var usage pipeline.UsageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errRejects):
		return exitRejects
	case errors.As(err, &usage), isCLIUsage(err), strings.HasPrefix(err.Error(), "Required flag"):
		fmt.Fprintln(stderr, "payclose:", err)
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "payclose: interrupted; stopped without writing any output")
		return exitFailed
	}
	fmt.Fprintln(stderr, "payclose:", err)
	return exitFailed
}

// cliUsage wraps flag problems found by our own checks.
type cliUsage struct{ error }

func isCLIUsage(err error) bool {
	var u cliUsage
	return errors.As(err, &u)
}

func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "payclose",
		Usage: "weekly payroll close for hourly hospital and university staff",
		Description: `Example:
   payclose run --sample --out out/          close the embedded sample weeks
   payclose explain --sample --employee 100109
   payclose <command> --help                 each command's flags and an example`,
		Version: version,
		// A first argument that is not a command is bad usage (exit 2), not a help topic.
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return cliUsage{fmt.Errorf("unknown command %q (commands: run, validate, explain, diff, whatif, raises, calendar, schema, gen; payclose --help)", c.Args().First())}
			}
			return cli.ShowAppHelp(c)
		},
		Writer:    stdout,
		ErrWriter: stderr,
		// Errors are mapped to exit codes in run, after deferred cleanup has happened.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return cliUsage{err}
		},
		Commands: []*cli.Command{
			runCommand(),
			validateCommand(),
			calendarCommand(),
			schemaCommand(),
			explainCommand(),
			diffCommand(),
			whatifCommand(),
			raisesCommand(),
			genCommand(),
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = app.OnUsageError
	}
	return app
}

func logger(c *cli.Context) *slog.Logger {
	var h slog.Handler
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if c.String("log-format") == "json" {
		h = slog.NewJSONHandler(c.App.ErrWriter, opts)
	} else {
		h = slog.NewTextHandler(c.App.ErrWriter, opts)
	}
	return slog.New(h)
}
