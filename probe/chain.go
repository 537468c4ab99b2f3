package probe

import (
	"bytes"
	stdx509 "crypto/x509"
	"fmt"

	"github.com/zmap/zcrypto/x509"
)

type stdCertificate = stdx509.Certificate

// reparse turns certificates parsed by Go's crypto/x509 into zcrypto certificates, which the lints read.
func reparse(certs []*stdCertificate) ([]*x509.Certificate, error) {
	out := make([]*x509.Certificate, 0, len(certs))
	for _, c := range certs {
		zc, err := x509.ParseCertificate(c.Raw)
		if err != nil {
			return nil, fmt.Errorf("a certificate is corrupt: %w", err)
		}
		out = append(out, zc)
	}
	return out, nil
}

// issuesAnother reports whether c is the issuer of another certificate of the set.
func issuesAnother(c *x509.Certificate, certs []*x509.Certificate) bool {
	for _, o := range certs {
		if o == c || !bytes.Equal(o.RawIssuer, c.RawSubject) {
			continue
		}
		if len(o.AuthorityKeyId) > 0 && len(c.SubjectKeyId) > 0 && !bytes.Equal(o.AuthorityKeyId, c.SubjectKeyId) {
			continue
		}
		if bytes.Equal(o.RawIssuer, o.RawSubject) && bytes.Equal(o.Raw, c.Raw) {
			continue
		}
		return true
	}
	return false
}
