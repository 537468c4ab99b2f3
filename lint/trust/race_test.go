package trust

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/zmap/zcrypto/x509"
)

// TestConcurrentChecks shares one Store between 32 goroutines (uclint's --concurrency) checking leaves whose
// intermediates are not presented, so that every check goes through the same --ca-file intermediates and
// anchors, while one goroutine empties the caches now and then. Run under -race it fails if verification
// writes to anything shared without the lock (zcrypto's Verify writes ValidSignature into pool certificates).
func TestConcurrentChecks(t *testing.T) {
	const goroutines, rounds = 32, 3
	p := newGoPKI(t)
	inters := []*gcert{p.inter}
	for i := range 3 {
		inters = append(inters, mint(t, p.root, caOpts(fmt.Sprintf("Go Issuing CA %02d", i+2))))
	}
	sysRoot := mint(t, nil, caOpts("Go Public Root"))
	sysInter := mint(t, sysRoot, caOpts("Go Public Issuing CA"))
	type job struct {
		leaf    *x509.Certificate
		outcome Outcome
	}
	var jobs []job
	for i := range 16 {
		inter := inters[i%len(inters)]
		jobs = append(jobs, job{mint(t, inter, leafOpts(fmt.Sprintf("fe%02d.contoso.com", i))).z, Anchored})
	}
	for i := range 4 {
		jobs = append(jobs, job{mint(t, sysInter, leafOpts(fmt.Sprintf("edge%02d.contoso.com", i))).z, System})
	}
	caFile := append(zs(inters...), p.root.z, sysInter.z)
	s := NewStore(caFile, stdPool(t, zs(sysRoot)))

	var wg sync.WaitGroup
	errs := make(chan string, goroutines*len(jobs)*rounds)
	for g := range goroutines {
		// Each goroutine parses its own copy of every leaf, as each probe does.
		own := make([]*x509.Certificate, len(jobs))
		for i, j := range jobs {
			own[i] = reparse(t, j.leaf)
		}
		wg.Add(1)
		go func(g int, own []*x509.Certificate) {
			defer wg.Done()
			for range rounds {
				for i, leaf := range own {
					if g == 0 && i%7 == 0 {
						s.Forget()
					}
					v := s.Check(leaf, nil, testAt)
					if v.Outcome != jobs[i].outcome || !v.Incomplete() || v.Path[0] != leaf {
						errs <- fmt.Sprintf("%s: %v incomplete=%v problems %+v", name(leaf), v.Outcome, v.Incomplete(), v.Problems)
					}
				}
			}
		}(g, own)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestCheckWritesNoCertificate: after Check, every certificate it was given (leaf, presented, --ca-file) equals a
// fresh parse of its bytes, field by field.
func TestCheckWritesNoCertificate(t *testing.T) {
	cases := append(opensslCases(t), goCases(t)...)
	for _, c := range cases {
		before := map[*x509.Certificate]*x509.Certificate{}
		for _, cert := range append(append([]*x509.Certificate{c.leaf}, c.presented...), c.caFile...) {
			before[cert] = reparse(t, cert)
		}
		s := c.store(t)
		s.Check(c.leaf, c.presented, testAt)
		s.Check(c.leaf, c.presented, testAt) // the cached path too
		for cert, fresh := range before {
			if !reflect.DeepEqual(cert, fresh) {
				t.Errorf("%s: Check changed %q", c.name, name(cert))
			}
		}
	}
}
