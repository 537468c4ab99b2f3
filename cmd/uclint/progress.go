package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/uclint/uclint/report"
)

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
	if total <= progressThreshold || !report.IsTerminal(w) {
		return p
	}
	p.stop = make(chan struct{})
	p.wg.Go(func() {
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
	})
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
