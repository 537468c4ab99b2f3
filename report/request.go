package report

import (
	"github.com/uclint/uclint/probe"
)

// Request is what a report says of a certificate request judged instead of a certificate: a CSR, or a certreq INF
// file.
type Request struct {
	Format       string   `json:"format"`  // csr or inf
	Subject      string   `json:"subject"` // as written (INF) or printed (CSR)
	SubjectCN    string   `json:"subject_cn"`
	SANDNS       []string `json:"san_dns"`
	KeyAlgorithm string   `json:"key_algorithm"`      // rsa, ecdsa, ed25519, dsa, unknown
	KeyBits      int      `json:"key_bits"`           // 0 when an INF leaves the size to the key provider
	Provider     string   `json:"provider,omitempty"` // the Windows key provider named, if any
}

// DescribeRequest summarizes a certificate request for the report.
func DescribeRequest(r *probe.Request) *Request {
	san := r.DNSNames
	if san == nil {
		san = []string{}
	}
	return &Request{Format: string(r.Format), Subject: r.Subject, SubjectCN: r.CommonName(), SANDNS: san,
		KeyAlgorithm: r.KeyAlgorithm, KeyBits: r.KeyBits, Provider: r.Provider}
}
