// Package probe gets the certificates a server presents or a file holds: file loading (PEM, DER, PKCS#7,
// PKCS#12) and TLS probing with zcrypto/tls, including servers that speak only TLS 1.0 with 3DES or RC4. It knows
// nothing of OCS rules.
package probe

import (
	"github.com/zmap/zcrypto/x509"
)

// Observation is what one source (a file or a TLS endpoint) presented.
type Observation struct {
	// Source names where the certificates came from: a file path or a host:port address.
	Source string
	// Leaf is the end-entity certificate: the one that issues nothing else that was presented. Nil when Err is set.
	Leaf *x509.Certificate
	// Chain holds the other certificates, in the order they were presented.
	Chain []*x509.Certificate
	// TLS describes the handshake; nil for files.
	TLS *TLSInfo
	// Err says why there is no certificate to judge. It names the source.
	Err error
}

// TLSInfo describes the TLS handshake with an endpoint.
type TLSInfo struct {
	Version string // "TLSv1.0", "TLSv1.2", ...
	Cipher  string // IANA name, e.g. "TLS_RSA_WITH_3DES_EDE_CBC_SHA"
	// ClientCertRequested is true when the server asked for a client certificate (OCS does on 5061).
	ClientCertRequested bool
	// HandshakeError holds why the handshake did not complete after the server sent its certificates, if it did
	// not (a server that requires a client certificate); the chain is still judged.
	HandshakeError string
	// UnparsedChain says, for each chain certificate the server sent that could not be parsed, which one and why.
	// Those certificates are not in the Observation's Chain.
	UnparsedChain []string
}
