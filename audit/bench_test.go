package audit

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
)

// BenchmarkScan500VsBareHandshake scans 500 loopback endpoints through the whole pipeline (probe, lint, chain
// check, pool comparison, report) and, in the same run, makes the same 500 handshakes with the same number of
// workers doing nothing with what they get. "overhead-x" is the pipeline's time over the bare loop's (the target
// is at most 1.2).
func BenchmarkScan500VsBareHandshake(b *testing.B) {
	s, targets := benchSetup(b, 500)
	endpoints := make([]probe.Endpoint, len(targets))
	for i, t := range targets {
		endpoints[i] = probe.Endpoint{Address: t.Address, SNI: t.SNI}
	}
	ctx := context.Background()
	var bare, full time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		probe.ProbeAll(ctx, endpoints, s.Probe, s.Concurrency, func(int, probe.Observation) {})
		mid := time.Now()
		r := Run(ctx, targets, s)
		full += time.Since(mid)
		bare += mid.Sub(start)
		if r.Summary.Error != 0 {
			for _, tg := range r.Targets {
				if tg.Error != "" {
					b.Fatalf("%d targets could not be checked, e.g. %s", r.Summary.Error, tg.Error)
				}
			}
		}
	}
	b.ReportMetric(float64(full)/float64(bare), "overhead-x")
	b.ReportMetric(bare.Seconds()/float64(b.N), "bare-s/op")
	b.ReportMetric(full.Seconds()/float64(b.N), "pipeline-s/op")
}

// benchSetup starts the simulated deployment and builds n targets over its pool endpoints, with settings that
// trust its CA.
func benchSetup(b *testing.B, n int) (Settings, []policy.Target) {
	b.Helper()
	s := settings(b)
	base := simDeployment(b, &s)
	var pool []policy.Target
	for _, tg := range base {
		if tg.Server == "pool01" && tg.Member == "fe01.contoso.com" {
			pool = append(pool, tg)
		}
	}
	targets := make([]policy.Target, n)
	for i := range targets {
		tg := pool[i%len(pool)]
		tg.Member = fmt.Sprintf("fe%04d.contoso.com", i/len(pool))
		tg.Context.Member = tg.Member
		targets[i] = tg
	}
	s.Concurrency = 32
	s.Probe.Timeout = 20 * time.Second // a loaded machine is not a dead server
	return s, targets
}
