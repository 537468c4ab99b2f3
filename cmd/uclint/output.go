package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// --fail-on modes.
const (
	failOnFail = "fail" // exit 1 when a target fails
	failOnWarn = "warn" // ... or warns
	failOnNew  = "new"  // exit 1 only for warnings and errors absent from --baseline
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
	f.StringVar(&o.format, "format", formatTable, "output format on stdout: "+strings.Join(formats(), ", "))
	f.StringArrayVar(&o.outputs, "output", nil, "also write FORMAT=FILE (repeatable), e.g. json=/var/lib/uclint/last.json; files are replaced atomically")
	f.StringVar(&o.failOn, "fail-on", failOnFail, "exit 1 on: fail; warn (warnings fail too); new (only warnings and errors absent from --baseline)")
	f.StringVar(&o.baseline, "baseline", "", "a previous JSON report: mark each finding new or known and list the resolved ones")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "table: print only the targets that are not pass")
}

// fileOutput is one --output FORMAT=FILE.
type fileOutput struct{ format, path string }

// validate checks the output flags before anything is checked, so that a typo costs no scan.
func (o *outputOptions) validate() ([]fileOutput, error) {
	if !contains(formats(), o.format) {
		return nil, usageError("unknown --format %q: use one of %s", o.format, strings.Join(formats(), ", "))
	}
	switch o.failOn {
	case failOnFail, failOnWarn:
	case failOnNew:
		if o.baseline == "" {
			return nil, usageError("--fail-on new needs --baseline PREVIOUS.json")
		}
	default:
		return nil, usageError("unknown --fail-on %q: use fail, warn or new", o.failOn)
	}
	var outs []fileOutput
	for _, spec := range o.outputs {
		format, path, ok := strings.Cut(spec, "=")
		if !ok || path == "" || !contains(formats(), format) {
			return nil, usageError("--output %q: give FORMAT=FILE with FORMAT one of %s", spec, strings.Join(formats(), ", "))
		}
		outs = append(outs, fileOutput{format: format, path: path})
	}
	return outs, nil
}

// emit marks the report against the baseline, writes stdout and every --output file, and returns the exit code.
func (o *outputOptions) emit(stdout io.Writer, r *report, live bool, log *slog.Logger) (int, error) {
	outs, err := o.validate()
	if err != nil {
		return exitUsage, err
	}
	if o.baseline != "" {
		previous, err := loadBaseline(o.baseline)
		if err != nil {
			return exitUsage, err
		}
		if previous == nil {
			log.Info("no baseline yet: every finding is new", "baseline", o.baseline)
		}
		r.compare(previous)
	}
	view := renderOptions{live: live, color: colorWanted(stdout), quiet: o.quiet}
	if err := render(stdout, r, o.format, view); err != nil {
		return exitUncheckable, err
	}
	for _, out := range outs {
		err := writeAtomic(out.path, func(w io.Writer) error {
			return render(w, r, out.format, renderOptions{live: live})
		})
		if err != nil {
			return exitUncheckable, err
		}
		log.Info("wrote report", "format", out.format, "file", out.path)
	}
	if o.format == formatNagios {
		return r.nagiosCode(), nil
	}
	return r.exitCode(o.failOn), nil
}

// writeAtomic writes a file through a temporary file in the same folder, renamed over the old one only when
// complete: a collector never reads half a file, and a run that fails midway leaves the old file whole.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { //nolint:gosec // reports are read by collectors
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// loadBaseline reads a previous JSON report; a missing file is no baseline yet (the first nightly run).
func loadBaseline(path string) (*report, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, usageError("--baseline: %v", err)
	}
	var previous report
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&previous); err != nil {
		return nil, usageError("--baseline %s is not a uclint JSON report: %v", path, err)
	}
	return &previous, nil
}
