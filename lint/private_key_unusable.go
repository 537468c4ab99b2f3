package lint

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/probe"
)

// private_key_unusable: a live endpoint presents its certificate and then cannot finish the handshake, other than
// by asking for a client certificate as OCS servers do on 5061. That is the signature of a server that cannot use
// the private key of the certificate it presents: a pool member given the certificate without its key (imported
// from a .cer), a key in a CNG provider the product cannot use, a key the service account may not read.
func init() {
	register("private_key_unusable", func(r rule) zlint.CertificateLintInterface { return &privateKeyUnusable{rule: r} })
}

type privateKeyUnusable struct{ rule }

// CheckApplies to certificates seen on a live endpoint.
func (l *privateKeyUnusable) CheckApplies(c *x509.Certificate) bool {
	t := l.target()
	return t.live() && t.TLS != nil
}

// Execute reads how the handshake ended.
func (l *privateKeyUnusable) Execute(c *x509.Certificate) *zlint.LintResult {
	tls := l.target().TLS
	if !tls.FailedAfterCertificate {
		return pass()
	}
	how := map[probe.Stage]string{
		probe.StageCertificate: "presented its certificate and ended the handshake before proving it holds the certificate's private key",
		probe.StageSignature:   "signs the handshake with a key that is not the certificate's",
		probe.StageKeyExchange: "could not use the certificate's private key for the key exchange",
	}[tls.FailedAt]
	if how == "" {
		how = "presented its certificate and then could not finish the handshake"
	}
	details := fmt.Sprintf("the server %s (%s)", how, tls.HandshakeError)
	if tls.Alert != "" && tls.HandshakeError == "" {
		details = fmt.Sprintf("the server %s (it sent a %s alert)", how, tls.Alert)
	}
	return l.result("%s: it cannot use the private key of the certificate it presents, so no client can connect", details)
}

// Remediation names the usual causes, with the tools of Windows Server 2003/2008 and later.
func (l *privateKeyUnusable) Remediation(c *x509.Certificate) string {
	return "open the certificate in the Certificates snap-in for the Computer account on that server: it must say \"You have a private key that corresponds to this certificate\"; if not, import the PFX (with its key) exported from the server that requested it, or " +
		l.request() + "; if it has a key, check that it is not in a CNG (Key Storage) provider and that the service account may read it, then restart the " + l.product.ShortName + " services"
}
