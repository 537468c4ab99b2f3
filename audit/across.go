package audit

import (
	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/report"
)

// acrossFindings runs the rules judged across a server's certificates once every target was linted (Lync/SfB:
// lyncdiscover names, which Microsoft's pages put on one certificate or another): each kept certificate is judged
// with the others seen for the same server or pool member. Only the DER was kept; each is parsed once here.
func (s *Settings) acrossFindings(r *report.Report, results []result) {
	var certs []lint.ServerCertificate
	var where []int // the index in r.Targets of each certificate
	parsed := map[string]*x509.Certificate{}
	at := 0
	for _, res := range results {
		if res.across {
			c, ok := parsed[string(res.der)]
			if !ok {
				var err error
				if c, err = x509.ParseCertificate(res.der); err != nil {
					at += len(res.targets)
					continue // it parsed when it was fetched; nothing to judge if it no longer does
				}
				parsed[string(res.der)] = c
			}
			tg := res.targets[0]
			certs = append(certs, lint.ServerCertificate{Server: tg.Server, Member: tg.Member, Certificate: c, Context: res.ctx})
			where = append(where, at)
		}
		at += len(res.targets)
	}
	if len(certs) == 0 {
		return
	}
	for k, findings := range s.Runner.AcrossFindings(certs) {
		tg := &r.Targets[where[k]]
		for _, f := range findings {
			tg.Findings = append(tg.Findings, report.Finding{Finding: f})
		}
		report.SortFindings(tg.Findings)
	}
}
