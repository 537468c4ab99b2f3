package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uclint/uclint/lint"
)

// BenchmarkCheck1000FilesVsZlintCLI runs `uclint check` and zlint's own command line (github.com/zmap/zlint/v3/
// cmd/zlint, at the version go.mod requires) on the same 1,000 certificate files with the same zlint sources, one
// after the other in every iteration. uclint also runs its own rules and checks every chain against --ca-file;
// "ratio" is uclint's time over zlint's (the target is at most 1). It builds both commands first, and skips when
// zlint's command cannot be built (no network to the Go module proxy).
func BenchmarkCheck1000FilesVsZlintCLI(b *testing.B) {
	dir := b.TempDir()
	zlintBin := filepath.Join(dir, "zlint")
	install := exec.Command("go", "install", "github.com/zmap/zlint/v3/cmd/zlint@v3.7.3")
	install.Env = append(os.Environ(), "GOBIN="+dir, "GOFLAGS=-mod=mod")
	install.Dir = dir
	if out, err := install.CombinedOutput(); err != nil {
		b.Skipf("cannot build zlint's command line: %v\n%s", err, out)
	}
	uclintBin := filepath.Join(dir, "uclint")
	if out, err := exec.Command("go", "build", "-o", uclintBin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build uclint: %v\n%s", err, out)
	}
	names := []string{"se01", "pool01", "dir01", "dirpool01", "pool01-member-cn", "pool01-missing-sip-fabrikam",
		"se01-wildcard", "se01-sha1", "se01-rsa1024", "se01-expired"}
	files := make([]string, 0, 1000)
	for i := range 1000 {
		data, err := os.ReadFile(fixture("pki", names[i%len(names)]+".pem"))
		if err != nil {
			b.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprintf("cert%04d.pem", i))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			b.Fatal(err)
		}
		files = append(files, path)
	}
	var sources []string
	for _, s := range lint.DefaultZlintSources {
		sources = append(sources, string(s))
	}
	zlintArgs := append([]string{"-includeSources", strings.Join(sources, ",")}, files...)
	uclintArgs := append([]string{"check", "--format", "json", "--no-system-roots", "--at", "2026-06-01T00:00:00Z",
		"--ca-file", fixture("pki", "contoso-ca-bundle.pem")}, files...)
	run := func(bin string, args []string) time.Duration {
		start := time.Now()
		cmd := exec.Command(bin, args...)
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Run(); err != nil && out.Len() == 0 {
			b.Fatalf("%s: %v", filepath.Base(bin), err)
		}
		return time.Since(start)
	}
	var zlintTime, uclintTime time.Duration
	b.ResetTimer()
	for range b.N {
		zlintTime += run(zlintBin, zlintArgs)
		uclintTime += run(uclintBin, uclintArgs)
	}
	b.ReportMetric(uclintTime.Seconds()/zlintTime.Seconds(), "ratio")
	b.ReportMetric(zlintTime.Seconds()/float64(b.N), "zlint-s/op")
	b.ReportMetric(uclintTime.Seconds()/float64(b.N), "uclint-s/op")
}
