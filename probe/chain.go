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

// SplitLeaf picks the end-entity certificate: the one that issues no other certificate of the set (preferring a
// non-CA certificate, then the first); the others are its chain, in the order given.
func SplitLeaf(certs []*x509.Certificate) (*x509.Certificate, []*x509.Certificate) {
	if len(certs) == 0 {
		return nil, nil
	}
	best := -1
	for i, c := range certs {
		if issuesAnother(c, certs) {
			continue
		}
		if best < 0 || (certs[best].IsCA && !c.IsCA) {
			best = i
		}
	}
	if best < 0 {
		best = 0
	}
	chain := make([]*x509.Certificate, 0, len(certs)-1)
	for i, c := range certs {
		if i != best {
			chain = append(chain, c)
		}
	}
	return certs[best], chain
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
