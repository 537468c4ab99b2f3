package audit

import (
	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/report"
)

// poolFindings runs the pool comparison once every target was linted: the members of a pool that present
// different certificates on one endpoint each get the pool rule's finding. Only the DER of each distinct
// certificate was kept; each is parsed once here.
func (s *Settings) poolFindings(r *report.Report, results []result) {
	var members []lint.PoolMember
	var where []int // the index in r.Targets of each member
	parsed := map[string]*x509.Certificate{}
	at := 0
	for _, res := range results {
		if res.fingerprint != "" {
			c, ok := parsed[res.fingerprint]
			if !ok {
				var err error
				if c, err = x509.ParseCertificate(res.der); err != nil {
					at += len(res.targets)
					continue // it parsed when it was fetched; nothing to compare if it no longer does
				}
				parsed[res.fingerprint] = c
			}
			tg := res.targets[0]
			members = append(members, lint.PoolMember{Pool: tg.Server, Member: tg.Member, Endpoint: tg.Endpoint, Certificate: c, Context: res.ctx})
			where = append(where, at)
		}
		at += len(res.targets)
	}
	for k, f := range s.Runner.PoolFindings(members) {
		tg := &r.Targets[where[k]]
		tg.Findings = append(tg.Findings, report.Finding{Finding: f})
		report.SortFindings(tg.Findings)
	}
}
