package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/spf13/cobra"

	"github.com/uclint/uclint/report"
)

// outputOptions are the flags that say what a run writes and how it ends.
type outputOptions struct {
	format   string
	outputs  []string
	failOn   string
	baseline string
	quiet    bool
	columns  string
}

func (o *outputOptions) addFlags(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&o.format, "format", report.FormatTable, "output format on stdout: "+strings.Join(report.Formats(), ", "))
	f.StringArrayVar(&o.outputs, "output", nil, "also write FORMAT=FILE (repeatable), e.g. json=/var/lib/uclint/last.json; files are replaced atomically")
	f.StringVar(&o.failOn, "fail-on", string(report.FailOnFail), "exit 1 on: fail; warn (warnings fail too); new (only warnings and errors absent from --baseline)")
	f.StringVar(&o.baseline, "baseline", "", "a previous JSON report: mark each finding new or known and list the resolved ones")
	f.StringVar(&o.columns, "columns", "", "table: the target table's columns, comma-separated, from "+strings.Join(report.ColumnNames(), ", ")+" (default: the ones that fit the terminal)")
	_ = c.RegisterFlagCompletionFunc("format", completeFormats)
	f.BoolVarP(&o.quiet, "quiet", "q", false, "table: print only what needs attention (targets not pass, findings not known from --baseline); nothing when all is well")
}

// fileOutput is one --output FORMAT=FILE.
type fileOutput struct {
	format, path string
	renderer     report.Renderer
}

// outputPlan is the output flags validated.
type outputPlan struct {
	stdout report.Renderer
	files  []fileOutput
	failOn report.FailOn
	// columns: --columns, nil for the defaults.
	columns []string
}

// validate checks the output flags before anything is checked, so that a typo costs no scan.
func (o *outputOptions) validate() (*outputPlan, error) {
	stdout, err := report.Lookup(o.format)
	if err != nil {
		return nil, usageError("--format: %v", err)
	}
	failOn, err := report.ParseFailOn(o.failOn)
	if err != nil {
		return nil, usageError("%v", err)
	}
	if failOn == report.FailOnNew && o.baseline == "" {
		return nil, usageError("--fail-on new needs --baseline PREVIOUS.json")
	}
	plan := &outputPlan{stdout: stdout, failOn: failOn}
	if o.columns != "" {
		if plan.columns, err = report.ParseColumns(o.columns); err != nil {
			return nil, usageError("--columns: %v", err)
		}
	}
	for _, spec := range o.outputs {
		format, path, ok := strings.Cut(spec, "=")
		rd, err := report.Lookup(format)
		if !ok || path == "" || err != nil {
			return nil, usageError("--output %q: give FORMAT=FILE with FORMAT one of %s", spec, strings.Join(report.Formats(), ", "))
		}
		plan.files = append(plan.files, fileOutput{format: format, path: path, renderer: rd})
	}
	return plan, nil
}

// emit marks the report against the baseline, writes stdout and every --output file, and returns the exit code.
// The files are always complete: -q shapes only what stdout shows. A file that cannot be written is reported
// (every one of them, the others still written) and exits report.ExitOutput unless a target failed. An
// interrupted run (ctx canceled by a signal) prints what it checked and leaves the files as they were.
func (o *outputOptions) emit(ctx context.Context, stdout io.Writer, r *report.Report, live bool, log *slog.Logger) (int, error) {
	plan, err := o.validate()
	if err != nil {
		return report.ExitUsage, err
	}
	if o.baseline != "" {
		previous, err := report.LoadBaseline(o.baseline)
		if err != nil {
			return report.ExitUsage, usageError("--baseline: %v", err)
		}
		if previous == nil {
			log.Info("no baseline yet: every finding is new", "baseline", o.baseline)
		}
		r.Compare(previous)
	}
	view := report.Options{Live: live, Color: report.ColorWanted(stdout), Quiet: o.quiet, Width: report.TerminalWidth(stdout),
		Columns: plan.columns}
	var failures []error
	if err := plan.stdout.Render(stdout, r, view); err != nil {
		failures = append(failures, fmt.Errorf("print the report: %w", err))
	}
	if stop := interruption(ctx); stop != nil {
		if len(failures) > 0 {
			log.Error("the report could not be printed", "error", failures[0])
		}
		return stop.exitCode(), interruptedError(stop, len(plan.files) > 0)
	}
	for _, out := range plan.files {
		err := report.WriteAtomic(out.path, func(w io.Writer) error {
			return out.renderer.Render(w, r, report.Options{Live: live})
		})
		if err != nil {
			failures = append(failures, fmt.Errorf("--output %s=%s: %w; the previous file, if any, is untouched: check that the folder exists and that uclint may write there", out.format, out.path, err))
			continue
		}
		log.Info("wrote report", "format", out.format, "file", out.path)
	}
	code := r.ExitCode(plan.failOn)
	if ec, ok := plan.stdout.(report.ExitCoder); ok {
		code = ec.ExitCode(r)
	}
	if len(failures) == 0 {
		return code, nil
	}
	code = writeFailureCode(code, plan.stdout)
	return code, &exitError{code: code, err: errors.Join(failures...)}
}

// writeFailureCode is the exit code of a run whose report could not be written in full: a failure stays a
// failure (1; Nagios: WARNING and CRITICAL stay); otherwise report.ExitOutput (Nagios: UNKNOWN).
func writeFailureCode(code int, stdout report.Renderer) int {
	if _, nagios := stdout.(report.ExitCoder); nagios {
		if code == report.NagiosOK {
			return report.NagiosUnknown
		}
		return code
	}
	if code == report.ExitFailed {
		return code
	}
	return report.ExitOutput
}
