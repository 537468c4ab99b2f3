package lint

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/zmap/zcrypto/x509"
)

// signed is one certificate of the chain and its signature algorithm, for the signature rules.
type signed struct {
	cert *x509.Certificate
	leaf bool
	root bool // self-signed: its own signature is never checked by a verifier
}

// chainOf lists the leaf and the certificates of its chain as the path validation found them (the path to the
// anchor, or as far as it got), else as presented.
func chainOf(c *x509.Certificate, t *Target) []signed {
	out := []signed{{cert: c, leaf: true, root: selfIssued(c)}}
	cas := t.Chain
	if t.Trust != nil && len(t.Trust.Path) > 1 {
		cas = t.Trust.Path[1:]
	}
	for _, ca := range cas {
		if bytes.Equal(ca.Raw, c.Raw) {
			continue
		}
		out = append(out, signed{cert: ca, root: selfIssued(ca)})
	}
	return out
}

func selfIssued(c *x509.Certificate) bool { return bytes.Equal(c.RawIssuer, c.RawSubject) }

// whose names a certificate of the chain in a message: "the certificate" or "the CA \"Contoso Issuing CA\"".
func whose(s signed) string {
	switch {
	case s.leaf:
		return "the certificate"
	case s.root:
		return fmt.Sprintf("the root CA %q", s.cert.Subject.CommonName)
	}
	return fmt.Sprintf("the CA %q", s.cert.Subject.CommonName)
}

// signedWith lists the certificates of the chain whose signature algorithm is one of algs; roots only when
// withRoots (a root's self-signature is not checked, so its algorithm matters less).
func signedWith(c *x509.Certificate, t *Target, withRoots bool, algs ...x509.SignatureAlgorithm) []signed {
	var out []signed
	for _, s := range chainOf(c, t) {
		if s.root && !s.leaf && !withRoots {
			continue
		}
		if slices.Contains(algs, s.cert.SignatureAlgorithm) {
			out = append(out, s)
		}
	}
	return out
}

// describeSigned says which certificates are signed how: "the certificate (SHA1-RSA) and the CA \"X\" (SHA1-RSA)".
func describeSigned(list []signed) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = fmt.Sprintf("%s (%s)", whose(s), s.cert.SignatureAlgorithm)
	}
	return joinAnd(parts, "and")
}
