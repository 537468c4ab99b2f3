package lint

import (
	"unicode/utf8"

	"github.com/zmap/zcrypto/x509"

	"github.com/uclint/uclint/internal/dn"
)

// The Subject's CNs are read from the raw DER here rather than from the parsed name: zcrypto, like Go, leaves a CN
// in UniversalString undecoded, although Windows reads it, and keeps only the last of several CNs.

// subjectCN returns the certificate's Subject common name as zcrypto reads it (the last CN), else the first CN
// decoded from the raw Subject; "" when there is none.
func subjectCN(c *x509.Certificate) string {
	if c.Subject.CommonName != "" {
		return c.Subject.CommonName
	}
	if cns := subjectCNs(c); len(cns) > 0 {
		return cns[0]
	}
	return ""
}

// subjectCNs lists every CN of the Subject, in order, decoded from its string type (see package dn).
func subjectCNs(c *x509.Certificate) []string { return dn.CommonNames(c.RawSubject) }

// wideStringsOnly reports whether the Subject holds BMPString or UniversalString values and every one of them
// decodes to printable text: a Subject Windows reads without trouble.
func wideStringsOnly(c *x509.Certificate) bool {
	wide := false
	for _, a := range dn.Attributes(c.RawSubject) {
		if a.Value.Tag != dn.TagBMPString && a.Value.Tag != dn.TagUniversalString {
			continue
		}
		s, ok := dn.Decode(a.Value.Tag, a.Value.Bytes)
		if !ok {
			return false
		}
		for _, r := range s {
			if r < 0x20 || r == 0x7f || r == utf8.RuneError {
				return false
			}
		}
		wide = true
	}
	return wide
}
