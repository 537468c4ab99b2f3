//go:build linux

package main

import (
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// BenchmarkScan10000PeakRSS scans a deployment of 10,000 loopback endpoints with the uclint binary and reports the
// peak resident memory of that process alone (the servers run in the benchmark's process): the target is under
// 150 MB.
func BenchmarkScan10000PeakRSS(b *testing.B) {
	addrs, bundle := poolEndpoints(b)
	config := benchDeployment(b, 10000, addrs, bundle)
	bin := filepath.Join(b.TempDir(), "uclint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build uclint: %v\n%s", err, out)
	}
	var peak int64
	b.ResetTimer()
	for range b.N {
		cmd := exec.Command(bin, "scan", "--config", config, "--format", "json", "--timeout", "30s")
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			b.Fatal(err)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > peak {
			peak = ru.Maxrss // KiB on Linux
		}
	}
	b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
}
