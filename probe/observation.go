// Package probe gets the certificates a server presents or a file holds: file loading (PEM, DER, PKCS#7, PKCS#12)
// and TLS probing, with zcrypto/tls for servers that speak only TLS 1.0 with 3DES or RC4 and with Go's crypto/tls
// for servers that speak only TLS 1.3 or only modern suites. It knows nothing of OCS rules.
package probe

import (
	"strings"

	"github.com/zmap/zcrypto/x509"
)

// Observation is what one source (a file or a TLS endpoint) presented.
type Observation struct {
	// Source names where the certificates came from: a file path or a host:port address.
	Source string
	// Leaf is the end-entity certificate. Nil when Err is set.
	Leaf *x509.Certificate
	// Chain holds the other certificates, in the order they were presented: for a TLS endpoint the rest of the
	// server's Certificate message, for a file the file's CA certificates.
	Chain []*x509.Certificate
	// Index and Count place Leaf among the end-entity certificates of a file: certificate Index (1-based) of
	// Count. A file with one server certificate has Index 1, Count 1; a caller names certificate 2 of 3 of
	// "pool.pem" e.g. "pool.pem#2". Both are 0 for TLS endpoints and for errors.
	Index, Count int
	// TLS describes the handshake; nil for files.
	TLS *TLSInfo
	// Request is the certificate request a CSR or certreq INF file holds (Leaf is then nil); nil otherwise.
	Request *Request
	// PFX is what a PFX file says of its packaging (key provider, encryption); nil for other files.
	PFX *PFXInfo
	// Err says why there is no certificate to judge. It names the source.
	Err error
}

// Stacks that can answer a probe (TLSInfo.Stack).
const (
	// StackLegacy is zcrypto/tls, offering TLS 1.0 to 1.2 with the suites of Windows Server 2003 to 2008 SChannel
	// (RSA key exchange, 3DES, RC4) besides ECDHE with AES. It is tried first.
	StackLegacy = "zcrypto/tls"
	// StackModern is Go's crypto/tls, offering TLS 1.2 and 1.3 with Go's default suites (ECDHE with AES-GCM,
	// ChaCha20-Poly1305 and AES-CBC). It is tried when the legacy handshake finds no common version or suite.
	StackModern = "crypto/tls"
)

// Stage names the step at which a handshake that got the server's certificate broke (TLSInfo.FailedAt).
type Stage string

// Stages of a handshake that broke after the server presented its certificate.
const (
	// StageNone: the handshake completed, or broke before the server presented a certificate.
	StageNone Stage = ""
	// StageCertificate: the server presented its certificate and ended the handshake before proving it holds the
	// certificate's private key (with an ECDHE suite it never sent a signed ServerKeyExchange; in TLS 1.3 it
	// never sent a valid CertificateVerify).
	StageCertificate Stage = "certificate"
	// StageSignature: the server's signature (ServerKeyExchange, or TLS 1.3 CertificateVerify) does not verify
	// with the public key of the certificate it presented: it signs with another key.
	StageSignature Stage = "signature"
	// StageKeyExchange: the server ended the handshake after uclint sent its key exchange and Finished, or its
	// Finished message does not verify; with RSA key exchange it could not decrypt uclint's key exchange with the
	// certificate's private key, or decrypted it with another key.
	StageKeyExchange Stage = "key_exchange"
	// StageClientCertificate: the server asked for a client certificate and ended the handshake when uclint
	// sent none, as OCS servers do on their MTLS port (5061). This is not a fault of the server's certificate.
	StageClientCertificate Stage = "client_certificate"
)

// TLSInfo describes the TLS handshake with an endpoint.
type TLSInfo struct {
	Version string // "TLSv1.0", "TLSv1.2", "TLSv1.3", ...
	Cipher  string // IANA name, e.g. "TLS_RSA_WITH_3DES_EDE_CBC_SHA"
	// Stack says which TLS stack answered: StackLegacy, or StackModern when the legacy handshake found no common
	// version or suite.
	Stack string
	// SNI is the server name uclint sent; "" when it sent none.
	SNI string
	// ClientCertRequested is true when the server asked for a client certificate (OCS does on 5061).
	ClientCertRequested bool
	// HandshakeError says in plain words why the handshake did not complete after the server sent its
	// certificates, if it did not; the chain is still judged. "" when the handshake completed.
	HandshakeError string
	// FailedAt names the step at which the handshake broke after the server presented its certificate
	// (StageNone when it completed).
	FailedAt Stage
	// FailedAfterCertificate is true when the handshake broke after the server presented its certificate, because
	// of the server (an alert, a closed or reset connection, a signature or Finished message that does not
	// verify), and not because it asked for a client certificate. That is the signature of a server that cannot
	// use the private key of the certificate it presents: a pool member that got the certificate without its
	// key, a key the TLS stack cannot use, a key that does not match the certificate. A timeout is not counted.
	FailedAfterCertificate bool
	// Alert is the TLS alert the server sent when the handshake broke, by its RFC 8446 name ("decrypt_error",
	// "handshake_failure"); "" when it sent none.
	Alert string
	// UnparsedChain says, for each chain certificate the server sent that could not be parsed, which one and why.
	// Those certificates are not in the Observation's Chain.
	UnparsedChain []string
	// Legacy is what the endpoint offers the clients of the OCS 2007 R2 era (Options.LegacyClients); nil when
	// not asked.
	Legacy *LegacyOffers
}

// RSAKeyExchange reports whether the negotiated suite uses RSA key exchange (a TLS_RSA_* suite): the server then
// decrypts with the certificate's key, which needs keyEncipherment in the Key Usage.
func (t *TLSInfo) RSAKeyExchange() bool { return strings.HasPrefix(t.Cipher, "TLS_RSA_") }
