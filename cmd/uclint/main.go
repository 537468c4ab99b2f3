// Command uclint checks the certificates of Microsoft Office Communications Server 2007 R2 servers against the
// role rules Microsoft publishes: certificate files before they are installed (check), the certificates a live
// deployment presents (scan), and a simulated deployment to try it on (demo).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
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
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// run executes uclint with args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	code := exitOK
	root := newRootCommand(stdout, stderr, &code)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		fmt.Fprintf(stderr, "uclint: %v\n", err)
		var ee *exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		return exitUsage
	}
	return code
}

func newRootCommand(stdout, stderr io.Writer, code *int) *cobra.Command {
	root := &cobra.Command{
		Use:   "uclint",
		Short: "Check OCS 2007 R2 server certificates against Microsoft's role rules",
		Long: "uclint checks the certificates of Office Communications Server 2007 R2 Standard Edition servers,\n" +
			"Enterprise pools and Directors against the rules Microsoft publishes for each role:\n" +
			"certificate files before you install them (check), and what a live deployment presents (scan).",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitUsage, err: fmt.Errorf("%w (see 'uclint %s --help')", err, c.Name())}
	})
	root.AddCommand(newCheckCommand(code), newScanCommand(code), newDemoCommand(code), newLintsCommand())
	return root
}
