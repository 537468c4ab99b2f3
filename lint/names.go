package lint

import (
	"github.com/zmap/zcrypto/encoding/asn1"
	"strings"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/policy"
)

// subjectCN returns the certificate's Subject common name ("" when there is none).
func subjectCN(c *x509.Certificate) string { return c.Subject.CommonName }

// hasSANDNS reports whether the SAN holds name as a DNS name (case-insensitive, trailing dot ignored; a wildcard
// does not count, since OCS does not support them).
func hasSANDNS(c *x509.Certificate, name string) bool {
	for _, n := range c.DNSNames {
		if policy.SameName(n, name) {
			return true
		}
	}
	return false
}

// namesCertificate reports whether name is the certificate's CN or one of its SAN DNS names.
func namesCertificate(c *x509.Certificate, name string) bool {
	return policy.SameName(subjectCN(c), name) || hasSANDNS(c, name)
}

// sipFQDN is the name automatic client configuration looks up for a SIP domain.
func sipFQDN(domain string) string { return "sip." + policy.NormalizeName(domain) }

// quoteList formats names for a message: "a", "b" and "c".
func quoteList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = `"` + n + `"`
	}
	switch len(quoted) {
	case 0:
		return ""
	case 1:
		return quoted[0]
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
}

// plainList formats names for a remediation: a, b and c.
func plainList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// hasExtension reports whether the certificate carries the extension oid. It compares OIDs directly: zlint's
// util.IsExtInCert formats every OID as a string, which costs more than all of uclint's rules together.
func hasExtension(c *x509.Certificate, oid asn1.ObjectIdentifier) bool {
	for _, e := range c.Extensions {
		if e.Id.Equal(oid) {
			return true
		}
	}
	return false
}
