package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// interruptSignals end a run early: Ctrl-C, and SIGTERM from systemd (TimeoutStartSec=, systemctl stop) or from
// cron's timeout(1). On Windows only Ctrl-C arrives.
var interruptSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// errInterrupted is the cause of a run's context when a signal ended it.
type errInterrupted struct{ sig os.Signal }

func (e *errInterrupted) Error() string { return "interrupted by " + signalName(e.sig) }

// exitCode is the shell's convention for a process ended by a signal: 128 + the signal's number (130 for Ctrl-C,
// 143 for SIGTERM).
func (e *errInterrupted) exitCode() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

func signalName(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "Ctrl-C (SIGINT)"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

// withInterrupts returns a context canceled, with an *errInterrupted cause, by the first interrupt signal; a
// second one ends the process at once (the default handling is restored after the first). stop releases the
// signals.
func withInterrupts(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, interruptSignals...)
	go func() {
		select {
		case sig := <-ch:
			signal.Stop(ch)
			cancel(&errInterrupted{sig: sig})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		cancel(nil)
	}
}

// interruption is the interruption that canceled ctx, or nil when the run was not interrupted.
func interruption(ctx context.Context) *errInterrupted {
	if ctx == nil {
		return nil
	}
	e, _ := errors.AsType[*errInterrupted](context.Cause(ctx))
	return e
}

// interruptedError is what an interrupted run ends with: the report of what was checked has been printed (the
// targets not checked in it as errors), and the --output files were left as the last complete run wrote them.
func interruptedError(e *errInterrupted, files bool) error {
	msg := fmt.Sprintf("%v: the report shows what was checked; the targets not checked are errors in it", e)
	if files {
		msg += "; the --output files were left as the last complete run wrote them"
	}
	return &exitError{code: e.exitCode(), err: errors.New(msg)}
}
