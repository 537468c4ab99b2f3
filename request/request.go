// Package request builds what an administrator needs to get a compliant certificate for one certificate of one
// server role: a certreq INF file (the key made on the Windows server itself, in the CryptoAPI SChannel provider,
// as the OCS Certificate Wizard makes it), an OpenSSL configuration, or a PKCS #10 CSR with a new key. The names
// come from the product profile through policy.Context.RequiredNames, the same expansion the name rules judge
// with, so a request built here passes uclint's request and name rules.
package request

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/uclint/uclint/policy"
)

// SChannelProvider is the CryptoAPI key provider the OCS Certificate Wizard requests keys from (type 12).
const SChannelProvider = "Microsoft RSA SChannel Cryptographic Provider"

// schannelProviderType is PROV_RSA_SCHANNEL.
const schannelProviderType = 12

// oidServerAuth is the Server Authentication EKU.
var oidServerAuth = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}

// Spec is what a request for one certificate of one role asks for.
type Spec struct {
	Product     *policy.Profile
	Role        *policy.RoleSpec
	Certificate *policy.CertificateSpec
	// Subject is the Subject CN; SAN the SAN DNS names, the Subject first.
	Subject string
	SAN     []string
	// KeyBits is the RSA key size: the product's recommended minimum (2048).
	KeyBits int
	// SHA1 signs the CSR with SHA-1 rather than SHA-256: with clients that cannot validate SHA-2 (--clients
	// xp-sp2, server2003) the CA is likely of their era too, and a Windows Server 2003 CA without KB968730 cannot
	// verify a SHA-256 request.
	SHA1 bool
	// Name is the base of the file names the instructions in the INF and the OpenSSL configuration use: the first
	// label of the Subject, with the certificate kind for a role's other certificates ("pool01", "pool01-web").
	Name string
}

// New builds the request for the context's certificate: its role, certificate kind (the role's default when
// none), FQDN and deployment facts. It fails when the context has no role or FQDN.
func New(ctx policy.Context) (*Spec, error) {
	names, err := ctx.RequiredNames()
	if err != nil {
		return nil, fmt.Errorf("which certificate to request: %w", err)
	}
	role, _ := ctx.RoleSpec()
	cert, _ := ctx.CertificateSpec()
	p := ctx.Profile()
	bits := max(p.CryptoFor(cert).RSAWarnBelow, 2048)
	name, _, _ := strings.Cut(names.Subject, ".")
	if cert.Kind != role.Certificates[0].Kind {
		name += "-" + cert.Kind
	}
	return &Spec{
		Product: p, Role: role, Certificate: cert, Subject: names.Subject, SAN: names.SAN, KeyBits: bits,
		SHA1: ctx.HasClient(policy.NoSHA2Clients()...),
		Name: name,
	}, nil
}

// Exportable reports whether the key must be exportable: the certificate's profile requires it (a certificate
// shared by several servers, a pool or an array, or A/V authentication).
func (s *Spec) Exportable() bool { return s.Certificate.Exportable == policy.ExportableRequired }

// what says what the request is for, for comments: "Enterprise pool pool01.contoso.com: pool certificate".
func (s *Spec) what() string {
	return fmt.Sprintf("%s %s, %s (%s)", s.Product.ShortName, s.Role.Label, s.Certificate.Label, s.Subject)
}

// server says where the request is made.
func (s *Spec) server() string {
	if s.Role.Pool {
		return "first member server"
	}
	return "server"
}

// exportableReason says why the key is or is not exportable, for comments.
func (s *Spec) exportableReason() string {
	if s.Exportable() {
		return "the same certificate and key go on every server that shares it"
	}
	return "one server: the key need not leave it"
}

// INF is the certreq policy file for certreq -new, with Windows line endings. Its SAN uses the {text} syntax of
// certreq on Windows Server 2008 and later.
func (s *Spec) INF() []byte {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\r\n", args...) }
	line("; certreq policy file written by uclint: %s", s.what())
	line("; On the %s, as a local administrator (the {text} SAN syntax needs Windows Server 2008 or later):", s.server())
	for _, c := range s.certreqCommands() {
		line(";   %s", c)
	}
	if s.Exportable() {
		line("; Then %s.", shareKey)
	}
	line("")
	line("[Version]")
	line("Signature = \"$Windows NT$\"")
	line("")
	line("[NewRequest]")
	line("Subject = \"CN=%s\"", s.Subject)
	line("; AT_KEYEXCHANGE: TLS 1.0 RSA key exchange decrypts with the key")
	line("KeySpec = 1")
	line("KeyLength = %d", s.KeyBits)
	line("; %s", s.exportableReason())
	line("Exportable = %s", upperBool(s.Exportable()))
	line("; the computer's key store, where the %s services find the key", s.Product.ShortName)
	line("MachineKeySet = TRUE")
	line("SMIME = FALSE")
	line("PrivateKeyArchive = FALSE")
	line("UserProtected = FALSE")
	line("UseExistingKeySet = FALSE")
	line("; a CryptoAPI key, as the %s wizard makes: not a CNG (Key Storage Provider) key", s.Product.ShortName)
	line("ProviderName = \"%s\"", SChannelProvider)
	line("ProviderType = %d", schannelProviderType)
	line("RequestType = PKCS10")
	line("; digitalSignature and keyEncipherment")
	line("KeyUsage = 0xa0")
	line("")
	line("[EnhancedKeyUsageExtension]")
	line("; Server Authentication")
	line("OID = 1.3.6.1.5.5.7.3.1")
	line("")
	line("[Extensions]")
	line("2.5.29.17 = \"{text}\"")
	for _, n := range s.SAN {
		line("_continue_ = \"dns=%s&\"", n)
	}
	return []byte(b.String())
}

func upperBool(v bool) string {
	if v {
		return "TRUE"
	}
	return "FALSE"
}

// hash is the CSR's signature hash, by name.
func (s *Spec) hash() string {
	if s.SHA1 {
		return "sha1"
	}
	return "sha256"
}

// OpenSSLConfig is an OpenSSL configuration for openssl req -new: the same Subject, SAN, Key Usage and EKU.
func (s *Spec) OpenSSLConfig() []byte {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("# OpenSSL configuration written by uclint: %s", s.what())
	req, check := s.opensslCommands()
	line("#   %s", req)
	line("# Check the request before you submit it: %s", check)
	line("# The key reaches Windows in a PFX: export it with 3DES and the SChannel provider,")
	export, options := s.pfxExport(s.Name+".key", " -certfile ca-chain.pem")
	line("#   %s \\", export)
	line("#     %s", options)
	line("")
	line("[ req ]")
	line("default_bits       = %d", s.KeyBits)
	line("default_md         = %s", s.hash())
	line("prompt             = no")
	line("string_mask        = nombstr")
	line("distinguished_name = dn")
	line("req_extensions     = server_ext")
	line("")
	line("[ dn ]")
	line("CN = %s", s.Subject)
	line("")
	line("[ server_ext ]")
	line("keyUsage         = critical, digitalSignature, keyEncipherment")
	line("extendedKeyUsage = serverAuth")
	line("subjectAltName   = @san")
	line("")
	line("[ san ]")
	for i, n := range s.SAN {
		line("DNS.%d = %s", i+1, n)
	}
	return []byte(b.String())
}

// The commands an administrator runs with a request, written once for both the comments at the top of the INF
// file and the OpenSSL configuration and the next steps uclint request prints (INFSteps, OpenSSLSteps, CSRSteps).

// shareKey is what is done with the certificate of a key that must be exportable.
const shareKey = "export it with its private key (a 3DES PFX) and import it on every server that shares it"

// certreqCommands make the request of the INF file on the server, check it, submit it and install the certificate.
func (s *Spec) certreqCommands() []string {
	n := s.Name
	return []string{
		fmt.Sprintf("certreq -new %s.inf %s.req", n, n),
		fmt.Sprintf("uclint check %s.req", n),
		fmt.Sprintf("certreq -submit -attrib \"CertificateTemplate:WebServer\" %s.req %s.cer", n, n),
		fmt.Sprintf("certreq -accept %s.cer", n),
	}
}

// opensslCommands make the key and the request of the OpenSSL configuration, and check the request.
func (s *Spec) opensslCommands() (req, check string) {
	n := s.Name
	return fmt.Sprintf("openssl req -new -config %s.cnf -newkey rsa:%d -nodes -keyout %s.key -out %s.csr", n, s.KeyBits, n, n),
		fmt.Sprintf("uclint check %s.csr", n)
}

// pfxExport is the OpenSSL command that brings the key (in the file key) and the certificate to Windows in a PFX
// as Windows Server 2003 and 2008 import it (3DES, the SChannel provider), in two parts: the command with its
// input files and extra options, and its encryption and output options.
func (s *Spec) pfxExport(key, extra string) (export, options string) {
	n := s.Name
	return fmt.Sprintf("openssl pkcs12 -export -in %s.cer -inkey %s%s", n, key, extra),
		fmt.Sprintf("-keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -CSP \"%s\" -out %s.pfx", SChannelProvider, n)
}

// INFSteps is what to do with the INF file, on one line: the commands of its comments.
func (s *Spec) INFSteps() string {
	steps := fmt.Sprintf("on the %s, as a local administrator: %s", s.server(), strings.Join(s.certreqCommands(), "; "))
	if s.Exportable() {
		steps += "; then " + shareKey
	}
	return steps
}

// OpenSSLSteps is what to do with the OpenSSL configuration, on one line.
func (s *Spec) OpenSSLSteps() string {
	req, check := s.opensslCommands()
	return req + "; " + check
}

// CSRSteps is what to do with the CSR whose key was written to the file key, on one line.
func (s *Spec) CSRSteps(key string) string {
	export, options := s.pfxExport(key, "")
	return fmt.Sprintf("submit the CSR to the CA; keep the key in %s, and bring key and certificate to Windows in a 3DES PFX: %s %s",
		key, export, options)
}

// NewKey makes the RSA key of a request.
func (s *Spec) NewKey() (*rsa.PrivateKey, error) {
	key, err := rsa.GenerateKey(rand.Reader, s.KeyBits)
	if err != nil {
		return nil, fmt.Errorf("make a %d-bit RSA key: %w", s.KeyBits, err)
	}
	return key, nil
}

// CSR is the PKCS #10 request, PEM, signed with key: the Subject CN, the SAN, Key Usage digitalSignature and
// keyEncipherment (critical) and the Server Authentication EKU.
func (s *Spec) CSR(key crypto.Signer) ([]byte, error) {
	ku, err := asn1.Marshal(asn1.BitString{Bytes: []byte{0xa0}, BitLength: 3})
	if err != nil {
		return nil, fmt.Errorf("encode the Key Usage: %w", err)
	}
	eku, err := asn1.Marshal([]asn1.ObjectIdentifier{oidServerAuth})
	if err != nil {
		return nil, fmt.Errorf("encode the EKU: %w", err)
	}
	alg := x509.SHA256WithRSA
	if s.SHA1 {
		alg = x509.SHA1WithRSA
	}
	tmpl := &x509.CertificateRequest{
		SignatureAlgorithm: alg,
		Subject:            pkix.Name{CommonName: s.Subject},
		DNSNames:           s.SAN,
		ExtraExtensions: []pkix.Extension{
			{Id: asn1.ObjectIdentifier{2, 5, 29, 15}, Critical: true, Value: ku},
			{Id: asn1.ObjectIdentifier{2, 5, 29, 37}, Value: eku},
		},
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, tmpl, key)
	if err != nil {
		return nil, fmt.Errorf("sign the request: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}), nil
}

// ErrExists is returned by WriteNew for a file that is already there: uclint never overwrites a key or a request.
var ErrExists = errors.New("already exists: uclint does not overwrite it; move it away or choose another name")

// WriteNew writes data to a new file with the given permissions, and fails if the file exists. A file it could
// not write completely is removed.
func WriteNew(path string, data []byte, perm fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s %w", path, ErrExists)
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// KeyPEM is the PKCS #8 PEM of a private key, as OpenSSL writes it ("PRIVATE KEY").
func KeyPEM(key crypto.Signer) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("encode the key: %w", err)
	}
	var b bytes.Buffer
	if err := pem.Encode(&b, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		return nil, fmt.Errorf("encode the key: %w", err)
	}
	return b.Bytes(), nil
}
