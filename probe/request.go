package probe

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/md5" //nolint:gosec // MD5-signed requests of the era are checked, not trusted
	"crypto/rsa"
	stdx509 "crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/uclint/uclint/internal/dn"
)

// RequestFormat says what kind of file a certificate request came from.
type RequestFormat string

// The request formats uclint reads.
const (
	RequestCSR RequestFormat = "csr" // a PKCS #10 certificate signing request, PEM or DER (certreq's .req, OpenSSL's .csr)
	RequestINF RequestFormat = "inf" // a certreq policy file (.inf) that certreq -new turns into a request
)

// Flag is a yes/no setting of a request that may be left unset (an INF key that is absent).
type Flag int8

// The values of a Flag.
const (
	FlagUnset Flag = iota
	FlagTrue
	FlagFalse
)

// Request is a certificate request as uclint judges it, before any certificate exists: what it asks the CA for
// (Subject, SAN, Key Usage, EKU) and what it says of the key (algorithm, size, the Windows key provider and
// KeySpec, whether it is exportable and in the computer's key store). A CSR states what it holds; an INF file
// states what certreq will put in the request it makes.
type Request struct {
	Format RequestFormat
	// Subject is the Subject as text ("CN=pool01.contoso.com, O=Contoso"); RawSubject its DER encoding, from
	// which the rules read every CN.
	Subject    string
	RawSubject []byte
	// DNSNames are the DNS names asked for in the Subject Alternative Name, in order.
	DNSNames []string
	// Extensions are the extensions asked for (DER values), in order.
	Extensions []RequestedExtension
	// SANSize is the size in bytes of the DER value of the SAN extension; 0 without one.
	SANSize int
	// KeyUsage is the Key Usage asked for, when KeyUsageRequested.
	KeyUsage          stdx509.KeyUsage
	KeyUsageRequested bool
	// ExtKeyUsage are the EKU OIDs asked for, when EKURequested.
	ExtKeyUsage  []asn1.ObjectIdentifier
	EKURequested bool
	// KeyAlgorithm is "rsa", "ecdsa", "ed25519", "dsa" or "unknown"; KeyBits the key size (RSA modulus, curve
	// size), 0 when the INF leaves it to the provider.
	KeyAlgorithm string
	KeyBits      int
	// Provider is the Windows key provider named (the INF's ProviderName, the CSR's Enrollment CSP attribute);
	// "" when none is named. ProviderType is the INF's ProviderType (0: not given).
	Provider     string
	ProviderType int
	// KeySpec is the INF's KeySpec or the Enrollment CSP attribute's (1 AT_KEYEXCHANGE, 2 AT_SIGNATURE, 0 AT_NONE:
	// a CNG key), when KeySpecGiven.
	KeySpec      int
	KeySpecGiven bool
	// MachineKeySet and Exportable are the INF's settings (always FlagUnset for a CSR: a CSR does not say).
	MachineKeySet, Exportable Flag
	// TextSAN is true when an INF writes its SAN with the {text} syntax (certreq of Windows Server 2008 and later).
	TextSAN bool
	// Template is the certificate template an INF asks for (RequestAttributes CertificateTemplate).
	Template string
	// SignatureAlgorithm is the CSR's signature algorithm; SignatureError says why its signature does not verify
	// ("" when it does, or for an INF); SignatureUnchecked why uclint could not check it.
	SignatureAlgorithm string
	SignatureError     string
	SignatureUnchecked string
	// Lines gives, for an INF file, the line of each setting, by key ("Subject", "KeySpec", "2.5.29.17").
	Lines map[string]int
}

// RequestedExtension is one extension a request asks for.
type RequestedExtension struct {
	OID      asn1.ObjectIdentifier
	Critical bool
	Value    []byte // the DER of the extension's value
}

// Line is where an INF file sets key; 0 for a CSR or a key it does not set.
func (r *Request) Line(key string) int {
	if r == nil || r.Lines == nil {
		return 0
	}
	return r.Lines[strings.ToLower(key)]
}

// OIDs of request attributes and extensions.
var (
	oidEnrollmentCSP  = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 13, 2, 2}
	oidExtSAN         = asn1.ObjectIdentifier{2, 5, 29, 17}
	oidExtKeyUsage    = asn1.ObjectIdentifier{2, 5, 29, 15}
	oidExtExtKeyUsage = asn1.ObjectIdentifier{2, 5, 29, 37}
)

// Errors of the CSR reader.
var (
	errNotCSR     = errors.New("not a certificate request (PKCS #10)")
	errCSRCorrupt = errors.New("the certificate request is truncated or corrupt")
)

// ParseCSR reads a PKCS #10 certificate request, PEM ("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST" as certreq
// writes it) or DER. A signature that does not verify is not an error: the request is returned with
// SignatureError set, for the rules to judge.
func ParseCSR(data []byte) (*Request, error) {
	der := data
	if bytes.Contains(data, []byte("-----BEGIN")) {
		block := findCSRBlock(data)
		if block == nil {
			return nil, errNotCSR
		}
		der = block.Bytes
	}
	csr, err := stdx509.ParseCertificateRequest(der)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errCSRCorrupt, err)
	}
	r := &Request{
		Format:             RequestCSR,
		Subject:            csr.Subject.String(),
		RawSubject:         csr.RawSubject,
		DNSNames:           csr.DNSNames,
		SignatureAlgorithm: csr.SignatureAlgorithm.String(),
	}
	r.KeyAlgorithm, r.KeyBits = keyOf(csr.PublicKey)
	for _, e := range csr.Extensions {
		r.addExtension(e.Id, e.Critical, e.Value)
	}
	if err := r.readAttributes(csr.RawTBSCertificateRequest); err != nil {
		return nil, fmt.Errorf("%w: %w", errCSRCorrupt, err)
	}
	r.checkSignature(csr)
	return r, nil
}

// findCSRBlock returns the first PEM block holding a certificate request.
func findCSRBlock(data []byte) *pem.Block {
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil
		}
		if strings.Contains(block.Type, "CERTIFICATE REQUEST") {
			return block
		}
	}
}

// addExtension records an extension the request asks for, and what the rules read of it.
func (r *Request) addExtension(oid asn1.ObjectIdentifier, critical bool, value []byte) {
	r.Extensions = append(r.Extensions, RequestedExtension{OID: oid, Critical: critical, Value: value})
	switch {
	case oid.Equal(oidExtSAN):
		r.SANSize += len(value)
	case oid.Equal(oidExtKeyUsage):
		var bits asn1.BitString
		if _, err := asn1.Unmarshal(value, &bits); err == nil {
			r.KeyUsageRequested = true
			for i := range 9 {
				if bits.At(i) != 0 {
					r.KeyUsage |= 1 << uint(i)
				}
			}
		}
	case oid.Equal(oidExtExtKeyUsage):
		var oids []asn1.ObjectIdentifier
		if _, err := asn1.Unmarshal(value, &oids); err == nil {
			r.EKURequested = true
			r.ExtKeyUsage = append(r.ExtKeyUsage, oids...)
		}
	}
}

// readAttributes reads the attributes of the certification request information: the Enrollment CSP attribute
// (the Windows key provider and KeySpec) certreq adds. Other attributes are left alone.
func (r *Request) readAttributes(tbs []byte) error {
	in := cryptobyte.String(tbs)
	var info, attrs cryptobyte.String
	var version int
	if !in.ReadASN1(&info, cbasn1.SEQUENCE) || !info.ReadASN1Integer(&version) ||
		!info.SkipASN1(cbasn1.SEQUENCE) || !info.SkipASN1(cbasn1.SEQUENCE) {
		return errors.New("the request information does not parse")
	}
	if !info.ReadOptionalASN1(&attrs, nil, cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return errors.New("the request attributes do not parse")
	}
	for !attrs.Empty() {
		var attr, values cryptobyte.String
		var oid asn1.ObjectIdentifier
		if !attrs.ReadASN1(&attr, cbasn1.SEQUENCE) || !attr.ReadASN1ObjectIdentifier(&oid) || !attr.ReadASN1(&values, cbasn1.SET) {
			return errors.New("a request attribute does not parse")
		}
		if oid.Equal(oidEnrollmentCSP) {
			r.readEnrollmentCSP(values)
		}
	}
	return nil
}

// readEnrollmentCSP reads CSPProvider ::= SEQUENCE { keySpec INTEGER, cspName BMPString, signature BIT STRING }.
// A value that does not parse is left out: the request is judged without it.
func (r *Request) readEnrollmentCSP(values cryptobyte.String) {
	var seq cryptobyte.String
	var keySpec int
	if !values.ReadASN1(&seq, cbasn1.SEQUENCE) || !seq.ReadASN1Integer(&keySpec) {
		return
	}
	r.KeySpec, r.KeySpecGiven = keySpec, true
	var name cryptobyte.String
	var tag cbasn1.Tag
	if seq.ReadAnyASN1(&name, &tag) {
		r.Provider = decodeDirectoryString(tag, name)
	}
}

// decodeDirectoryString decodes a provider name: a BMPString (UTF-16BE, as Windows writes it) or another string
// type, read as bytes when it does not decode; without the NULs Windows may end it with.
func decodeDirectoryString(tag cbasn1.Tag, b []byte) string {
	s, ok := dn.Decode(int(tag), b)
	if !ok && tag != dn.TagBMPString {
		s = string(b)
	}
	return strings.TrimRight(s, "\x00")
}

// keyOf names a public key's algorithm as the profiles do and gives its size in bits.
func keyOf(pub any) (string, int) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return "rsa", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "ecdsa", k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "ed25519", 256
	}
	return "unknown", 0
}

// checkSignature verifies the CSR's self-signature. Go refuses MD5 signatures, which requests of the era may
// carry: those are checked here with the public key.
func (r *Request) checkSignature(csr *stdx509.CertificateRequest) {
	err := csr.CheckSignature()
	if err == nil {
		return
	}
	if csr.SignatureAlgorithm == stdx509.MD5WithRSA {
		if pub, ok := csr.PublicKey.(*rsa.PublicKey); ok {
			sum := md5.Sum(csr.RawTBSCertificateRequest) //nolint:gosec // verifying an MD5 signature of the era
			if rsa.VerifyPKCS1v15(pub, crypto.MD5, sum[:], csr.Signature) != nil {
				r.SignatureError = "its MD5 signature does not verify with the public key it holds"
			}
			return
		}
	}
	var insecure stdx509.InsecureAlgorithmError
	if errors.Is(err, stdx509.ErrUnsupportedAlgorithm) || errors.As(err, &insecure) {
		r.SignatureUnchecked = fmt.Sprintf("uclint cannot check a %s signature", csr.SignatureAlgorithm)
		return
	}
	r.SignatureError = fmt.Sprintf("its %s signature does not verify with the public key it holds (%v)", csr.SignatureAlgorithm, err)
}

// x509KeyUsage is Go's Key Usage bit set (bit 0 digitalSignature ... bit 8 decipherOnly).
type x509KeyUsage = stdx509.KeyUsage

// CommonName is the first CN of the request's Subject, decoded from any string type (BMPString and
// UniversalString included); "" when it has none.
func (r *Request) CommonName() string {
	if cns := dn.CommonNames(r.RawSubject); len(cns) > 0 {
		return cns[0]
	}
	return ""
}
