package main

import (
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
}

func (o *outputOptions) addFlags(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&o.format, "format", report.FormatTable, "output format on stdout: "+strings.Join(report.Formats(), ", "))
	f.StringArrayVar(&o.outputs, "output", nil, "also write FORMAT=FILE (repeatable), e.g. json=/var/lib/uclint/last.json; files are replaced atomically")
	f.StringVar(&o.failOn, "fail-on", string(report.FailOnFail), "exit 1 on: fail; warn (warnings fail too); new (only warnings and errors absent from --baseline)")
	f.StringVar(&o.baseline, "baseline", "", "a previous JSON report: mark each finding new or known and list the resolved ones")
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

// newReport starts the report of a run judged with the settings; Finish completes it.

// emit marks the report against the baseline, writes stdout and every --output file, and returns the exit code.
// The files are always complete: -q shapes only what stdout shows.
func (o *outputOptions) emit(stdout io.Writer, r *report.Report, live bool, log *slog.Logger) (int, error) {
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
	view := report.Options{Live: live, Color: report.ColorWanted(stdout), Quiet: o.quiet}
	if err := plan.stdout.Render(stdout, r, view); err != nil {
		return report.ExitUncheckable, fmt.Errorf("print the report: %w", err)
	}
	for _, out := range plan.files {
		err := report.WriteAtomic(out.path, func(w io.Writer) error {
			return out.renderer.Render(w, r, report.Options{Live: live})
		})
		if err != nil {
			return report.ExitUncheckable, fmt.Errorf("--output %s: %w", out.format, err)
		}
		log.Info("wrote report", "format", out.format, "file", out.path)
	}
	if ec, ok := plan.stdout.(report.ExitCoder); ok {
		return ec.ExitCode(r), nil
	}
	return r.ExitCode(plan.failOn), nil
}
