package audit

import (
	"crypto/sha256"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/report"
)

// addResults adds what the targets gave to the report, then runs the rules that compare several certificates of
// one server once every target was linted: the members of a pool that present different certificates on one
// endpoint, an Edge array's A/V authentication certificates, an A/V authentication certificate that shares its key
// with a service certificate. Only the DER of each certificate was kept; each distinct one is parsed once here.
func (s *Settings) addResults(r *report.Report, results []result) {
	var seen []lint.Seen
	var where []int                                     // the index in r.Targets of each certificate seen
	parsed := map[[sha256.Size]byte]*x509.Certificate{} // by the SHA-256 of the DER
	for _, res := range results {
		at := len(r.Targets)
		r.Targets = append(r.Targets, res.targets...)
		if res.der == nil {
			continue
		}
		key := sha256.Sum256(res.der)
		c, ok := parsed[key]
		if !ok {
			var err error
			if c, err = x509.ParseCertificate(res.der); err != nil {
				continue // it parsed when it was fetched; nothing to compare if it no longer does
			}
			parsed[key] = c
		}
		tg := res.targets[0]
		seen = append(seen, lint.Seen{Server: tg.Server, Member: tg.Member, Endpoint: tg.Endpoint, Address: tg.Address,
			File: tg.File, Certificate: c, Context: res.ctx})
		where = append(where, at)
	}
	for k, findings := range s.Runner.DeploymentFindings(seen) {
		tg := &r.Targets[where[k]]
		for _, f := range findings {
			tg.Findings = append(tg.Findings, report.Finding{Finding: f})
		}
		report.SortFindings(tg.Findings)
	}
}
