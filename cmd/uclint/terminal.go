package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())) //nolint:gosec // a file descriptor fits an int
}

// colorWanted reports whether status colours go to w: a terminal, NO_COLOR unset (https://no-color.org), and not
// a dumb terminal.
func colorWanted(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set || os.Getenv("TERM") == "dumb" {
		return false
	}
	return isTerminal(w)
}

// colored wraps a target status in its colour when color is on.
func colored(status string, color bool) string {
	if !color {
		return status
	}
	code := map[string]string{statusPass: "32", statusWarn: "33", statusFail: "31", statusError: "35"}[status]
	if code == "" {
		return status
	}
	return "\x1b[" + code + "m" + status + "\x1b[0m"
}

// progress draws a progress bar on a terminal while endpoints are probed.
type progress struct {
	w     io.Writer
	total int
	mu    sync.Mutex
	done  int
	stop  chan struct{}
	wg    sync.WaitGroup
}

// progressThreshold is the number of endpoints above which a scan shows progress.
const progressThreshold = 8

// startProgress starts a progress bar on w when w is a terminal and there are more than a handful of endpoints;
// otherwise it returns a progress that draws nothing.
func startProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total}
	if total <= progressThreshold || !isTerminal(w) {
		return p
	}
	p.stop = make(chan struct{})
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				fmt.Fprint(p.w, "\r\x1b[K")
				return
			case <-tick.C:
				p.draw()
			}
		}
	}()
	return p
}

// step counts one endpoint done.
func (p *progress) step() {
	p.mu.Lock()
	p.done++
	p.mu.Unlock()
}

func (p *progress) draw() {
	p.mu.Lock()
	done := p.done
	p.mu.Unlock()
	const width = 30
	filled := width * done / p.total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d endpoints", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, p.total)
}

// finish removes the bar.
func (p *progress) finish() {
	if p.stop != nil {
		close(p.stop)
		p.wg.Wait()
	}
}
