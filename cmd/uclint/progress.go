package main

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/uclint/uclint/report"
)

// progressThreshold is the number of endpoints above which a scan shows progress.
const progressThreshold = 8

// startProgress returns a progress bar of total endpoints on w: drawn only when w is a terminal and there are more
// than a handful of endpoints (otherwise it draws nothing), and removed from the terminal when it finishes.
func startProgress(w io.Writer, total int) *progressbar.ProgressBar {
	return progressbar.NewOptions(total,
		progressbar.OptionSetVisibility(total > progressThreshold && report.IsTerminal(w)),
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("endpoints"),
		progressbar.OptionSetTheme(progressbar.ThemeASCII),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}
