// Command uclint checks the certificates of Microsoft Office Communications Server 2007 R2 servers against the
// role rules Microsoft publishes: certificate files before they are installed (check), the certificates a live
// deployment presents (scan), and a simulated deployment to try it on (demo).
package main

import (
	"context"
	stdx509 "crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/uclint/uclint/report"
)

// softMemoryLimit is the heap size past which the garbage collector works harder. A scan's live heap is small
// (tens of MB, whatever the number of endpoints: each certificate is judged and let go), but a handshake makes a
// lot of short-lived garbage, and without a limit the heap grows to twice the live size and more before it is
// collected. The limit is soft: a larger live heap is never refused. GOMEMLIMIT, when set, takes precedence.
const softMemoryLimit = 100 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	ctx, stop := withInterrupts(context.Background())
	code := runContext(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries the exit code a command ends with.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError is a usage or configuration error: nothing was checked, exit 2.
func usageError(format string, args ...any) error {
	return &exitError{code: report.ExitUsage, err: fmt.Errorf(format, args...)}
}

// app is one run of uclint: where it writes, how it logs, and the exit code its command sets.
type app struct {
	stdout, stderr io.Writer
	log            *slog.Logger
	code           int
	logLevel       string
	logFormat      string
	// env holds environment variables this run sees over the process's, and systemRoots, when not nil, are its
	// system roots instead of crypto/x509's. explain runs its examples in this process with them, never changing
	// the process's environment (which Go reads the system roots from once a process).
	env         map[string]string
	systemRoots *stdx509.CertPool
}

// getenv is an environment variable as this run sees it.
func (a *app) getenv(key string) string {
	if v, ok := a.env[key]; ok {
		return v
	}
	return os.Getenv(key)
}

// roots are the system roots of this run; nil when the system gives none (an error reading them).
func (a *app) roots() *stdx509.CertPool {
	if a.systemRoots != nil {
		return a.systemRoots
	}
	pool, _ := stdx509.SystemCertPool()
	return pool
}

// run executes uclint with args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext executes uclint with args; canceling ctx (with an *errInterrupted cause: a signal) interrupts the
// run, which still prints what it checked.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return (&app{stdout: stdout, stderr: stderr}).execute(ctx, args)
}

// execute runs uclint with args as the app a (its output and environment) and returns the exit code.
func (a *app) execute(ctx context.Context, args []string) int {
	a.log = slog.New(slog.DiscardHandler)
	root := a.rootCommand()
	root.SetArgs(args)
	if err := root.ExecuteContext(ctx); err != nil {
		if a.logFormat == "json" {
			a.log.Error("uclint stopped", "error", err) // journald and cron mail read the structured form
		} else {
			for _, line := range errorLines(err) {
				fmt.Fprintf(a.stderr, "uclint: %s\n", line)
			}
		}
		if ee, ok := errors.AsType[*exitError](err); ok {
			return ee.code
		}
		return report.ExitUsage
	}
	return a.code
}

// errorLines are the messages of an error, one a line: each of several joined errors (errors.Join) on its own.
func errorLines(err error) []string {
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		var lines []string
		for _, e := range joined.Unwrap() {
			lines = append(lines, errorLines(e)...)
		}
		return lines
	}
	return []string{err.Error()}
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "uclint",
		Short: "Check OCS 2007 R2 server certificates against Microsoft's role rules",
		Long: "uclint checks the certificates of Office Communications Server 2007 R2 Standard Edition servers,\n" +
			"Enterprise pools and Directors against the rules Microsoft publishes for each role:\n" +
			"certificate files before you install them (check), and what a live deployment presents (scan).",
		Version:       readVersion().short(),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			return a.setupLogging()
		},
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: report.ExitUsage, err: fmt.Errorf("%w (see 'uclint %s --help')", err, c.Name())}
	})
	root.PersistentFlags().StringVar(&a.logLevel, "log-level", "warn", "log to stderr at this level: debug, info, warn, error")
	root.PersistentFlags().StringVar(&a.logFormat, "log-format", "text", "log format: text, or json (for journald and cron mail)")
	root.AddCommand(a.checkCommand(), a.scanCommand(), a.dnsCommand(), a.demoCommand(), newLintsCommand(), a.explainCommand(), rolesCommand(), versionCommand(), a.requestCommand())
	return root
}

// setupLogging builds the logger from --log-level and --log-format. Logs go to stderr; reports to stdout.
func (a *app) setupLogging() error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(a.logLevel)); err != nil {
		return usageError("--log-level %q: use debug, info, warn or error", a.logLevel)
	}
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: secondsAttr}
	switch strings.ToLower(a.logFormat) {
	case "text":
		a.log = slog.New(slog.NewTextHandler(a.stderr, opts))
	case "json":
		a.log = slog.New(slog.NewJSONHandler(a.stderr, opts))
	default:
		return usageError("--log-format %q: use text or json", a.logFormat)
	}
	return nil
}

// secondsAttr logs a duration as seconds, a float under a key ending in _seconds ("timeout_seconds": 5), in the
// text and the JSON format alike: slog would write nanoseconds in JSON ("timeout": 5000000000), which no log
// reader takes for a duration, and "5s" in text.
func secondsAttr(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() != slog.KindDuration {
		return a
	}
	key := a.Key
	if !strings.HasSuffix(key, "_seconds") {
		key += "_seconds"
	}
	return slog.Float64(key, a.Value.Duration().Seconds())
}
