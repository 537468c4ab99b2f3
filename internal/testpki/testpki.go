// Package testpki makes the certificates of uclint's test PKI: CAs, server certificates from a Spec, and the
// oddities other tools produce (MD5 and SHA-1 signatures Go refuses to make, Subjects in BMPString or
// UniversalString, RSASSA-PSS). fixtures/gen writes the committed fixtures with it; the demo's simulated deployment
// makes its own PKI with it at run time, so that the uclint binary holds no private key.
package testpki

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	_ "crypto/md5" //nolint:gosec // registers crypto.MD5: MD5-signed test certificates are the point
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // SHA-1-signed test certificates are the point
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"time"
)

// Issued is a certificate with its key and the chain above it, without the root.
type Issued struct {
	Cert  *x509.Certificate
	Key   crypto.Signer
	Chain []*x509.Certificate
}

// Spec describes a server certificate as a change from a good default: a TLS server certificate with the
// Server Authentication EKU, Key Usage digitalSignature + keyEncipherment, a CRL distribution point and an AIA
// URL, valid from From to To.
type Spec struct {
	Name       string             // fixes the serial number, so regenerated certificates keep theirs
	CN         string             // the Subject CN
	SAN        []string           // nil: the CN only; an empty non-nil slice: no SAN; IP addresses are IP SANs
	SigAlg     string             // "", "sha1", "md5", "sha224", "pss"
	Subject    []byte             // a DER Subject used as it is (string types Go would not choose)
	EKU        []x509.ExtKeyUsage // nil: Server Authentication
	KU         x509.KeyUsage      // 0: digitalSignature + keyEncipherment
	NoCRLDP    bool
	From, To   time.Time
	SelfSigned bool   // signed by its own key
	Org        string // the Subject's O; "" is "Contoso Ltd"
	CRL, AIA   string // the URLs; "" are Contoso's
}

// Default URLs of the Contoso issuing CA.
const (
	ContosoCRL = "http://pki.contoso.com/crl/contoso-issuing-ca-01.crl"
	ContosoAIA = "http://pki.contoso.com/aia/contoso-issuing-ca-01.crt"
)

// NewKey makes a key: RSA of bits ("" key type), "ecdsa" (P-256) or "ed25519".
func NewKey(keyType string, bits int) (crypto.Signer, error) {
	switch keyType {
	case "ecdsa":
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("generate an ECDSA key: %w", err)
		}
		return k, nil
	case "ed25519":
		_, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("generate an Ed25519 key: %w", err)
		}
		return k, nil
	}
	if bits == 0 {
		bits = 2048
	}
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		return nil, fmt.Errorf("generate a %d-bit RSA key: %w", bits, err)
	}
	return k, nil
}

// Serial derives a positive serial number from a name, so regenerated certificates keep their serials.
func Serial(name string) *big.Int {
	sum := sha256.Sum256([]byte(name))
	return new(big.Int).SetUint64(binary.BigEndian.Uint64(sum[:8]) >> 1)
}

// NewCA creates a CA certificate valid from from to to: a root when parent is nil, else signed by parent (with
// sigAlg when set: "sha1", "md5"); crl is the CDP an intermediate carries.
func NewCA(cn, org string, parent *Issued, sigAlg string, key crypto.Signer, from, to time.Time, crl string) (Issued, error) {
	tmpl := &x509.Certificate{
		SerialNumber:          Serial(cn),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{org}, Country: []string{"US"}},
		NotBefore:             from,
		NotAfter:              to,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	issuerCert, issuerKey, chain := tmpl, key, []*x509.Certificate(nil)
	if parent != nil {
		tmpl.MaxPathLenZero = true
		tmpl.CRLDistributionPoints = []string{crl}
		issuerCert, issuerKey, chain = parent.Cert, parent.Key, append([]*x509.Certificate{parent.Cert}, parent.Chain...)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, issuerCert, key.Public(), issuerKey)
	if err != nil {
		return Issued{}, fmt.Errorf("create %s: %w", cn, err)
	}
	if sigAlg != "" {
		if der, err = Resign(der, sigAlg, issuerKey); err != nil {
			return Issued{}, err
		}
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return Issued{}, fmt.Errorf("parse %s: %w", cn, err)
	}
	if parent == nil {
		chain = nil
	} else {
		chain = chain[:len(chain)-1] // the chain stops below the root
	}
	return Issued{Cert: cert, Key: key, Chain: chain}, nil
}

// Issue creates a server certificate from its spec, signed by parent (unless the spec is self-signed), with key.
// Its chain is parent's certificate and parent's chain.
func Issue(s Spec, parent Issued, key crypto.Signer) (Issued, error) {
	tmpl := template(s)
	if s.SelfSigned {
		parent = Issued{Cert: tmpl, Key: key}
		tmpl.Issuer = tmpl.Subject
	}
	tmpl.SubjectKeyId = KeyID(key.Public())
	if s.SigAlg == "pss" {
		tmpl.SignatureAlgorithm = x509.SHA256WithRSAPSS
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent.Cert, key.Public(), parent.Key)
	if err != nil {
		return Issued{}, fmt.Errorf("create %s: %w", s.Name, err)
	}
	if s.SigAlg == "sha1" || s.SigAlg == "md5" || s.SigAlg == "sha224" {
		if der, err = Resign(der, s.SigAlg, parent.Key); err != nil {
			return Issued{}, err
		}
	}
	cert, err := x509.ParseCertificate(der)
	switch {
	case err != nil && s.Subject != nil:
		cert = &x509.Certificate{Raw: der} // a string type Go does not read (UniversalString): kept as it is
	case err != nil:
		return Issued{}, fmt.Errorf("parse %s: %w", s.Name, err)
	}
	var chain []*x509.Certificate
	if !s.SelfSigned {
		chain = append([]*x509.Certificate{parent.Cert}, parent.Chain...)
	}
	return Issued{Cert: cert, Key: key, Chain: chain}, nil
}

// KeyID is the subject key identifier of a public key: the SHA-1 of its encoding, as Windows CAs compute it.
func KeyID(pub crypto.PublicKey) []byte {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil
	}
	var spki struct {
		Algorithm pkix.AlgorithmIdentifier
		Key       asn1.BitString
	}
	if _, err := asn1.Unmarshal(der, &spki); err != nil {
		return nil
	}
	sum := sha1.Sum(spki.Key.Bytes) //nolint:gosec // RFC 5280 method 1 uses SHA-1
	return sum[:]
}

func template(s Spec) *x509.Certificate {
	eku := s.EKU
	if eku == nil {
		eku = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	}
	ku := s.KU
	if ku == 0 {
		ku = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
	}
	org := s.Org
	if org == "" {
		org = "Contoso Ltd"
	}
	tmpl := &x509.Certificate{
		SerialNumber: Serial(s.Name),
		Subject:      pkix.Name{CommonName: s.CN, Organization: []string{org}, Country: []string{"US"}},
		RawSubject:   s.Subject,
		NotBefore:    s.From,
		NotAfter:     s.To,
		KeyUsage:     ku,
		ExtKeyUsage:  eku,
	}
	crl, aia := s.CRL, s.AIA
	if crl == "" {
		crl = ContosoCRL
	}
	if aia == "" {
		aia = ContosoAIA
	}
	if !s.SelfSigned {
		tmpl.IssuingCertificateURL = []string{aia}
	}
	if !s.NoCRLDP {
		tmpl.CRLDistributionPoints = []string{crl}
	}
	san := s.SAN
	if san == nil {
		san = []string{s.CN}
	}
	for _, n := range san {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	return tmpl
}

// Resign replaces the signature of a certificate with one made with an algorithm Go refuses to sign with (MD5,
// SHA-224) or may one day refuse (SHA-1): the TBS and outer algorithm identifiers change, the issuer signs the new TBS.
func Resign(der []byte, alg string, signer crypto.Signer) ([]byte, error) {
	issuerKey, ok := signer.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("resign: the issuer's key is not RSA")
	}
	var oid asn1.ObjectIdentifier
	var hash crypto.Hash
	var cert struct {
		TBS    asn1.RawValue
		SigAlg pkix.AlgorithmIdentifier
		Sig    asn1.BitString
	}
	if _, err := asn1.Unmarshal(der, &cert); err != nil {
		return nil, fmt.Errorf("resign: %w", err)
	}
	algID := func(o asn1.ObjectIdentifier) pkix.AlgorithmIdentifier {
		return pkix.AlgorithmIdentifier{Algorithm: o, Parameters: asn1.NullRawValue}
	}
	switch alg {
	case "sha1":
		oid = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 5}
		hash = crypto.SHA1
	case "md5":
		oid = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 4}
		hash = crypto.MD5
	case "sha224": // Go signs no SHA-224 certificate; Windows XP never validates one
		oid = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 14}
		hash = crypto.SHA224
	default:
		return nil, fmt.Errorf("resign: unknown algorithm %q", alg)
	}
	newAlg, err := asn1.Marshal(algID(oid))
	if err != nil {
		return nil, fmt.Errorf("resign: %w", err)
	}
	tbs, err := replaceTBSAlgorithm(cert.TBS.FullBytes, newAlg)
	if err != nil {
		return nil, err
	}
	h := hash.New()
	h.Write(tbs)
	sig, err := rsa.SignPKCS1v15(rand.Reader, issuerKey, hash, h.Sum(nil))
	if err != nil {
		return nil, fmt.Errorf("resign with %s: %w", alg, err)
	}
	cert.TBS = asn1.RawValue{FullBytes: tbs}
	cert.SigAlg = algID(oid)
	cert.Sig = asn1.BitString{Bytes: sig, BitLength: len(sig) * 8}
	out, err := asn1.Marshal(cert)
	if err != nil {
		return nil, fmt.Errorf("resign: %w", err)
	}
	return out, nil
}

// replaceTBSAlgorithm swaps the signature AlgorithmIdentifier inside a TBSCertificate (the field after the
// version and serial number).
func replaceTBSAlgorithm(tbs, newAlg []byte) ([]byte, error) {
	var seq asn1.RawValue
	if _, err := asn1.Unmarshal(tbs, &seq); err != nil {
		return nil, fmt.Errorf("resign: TBS: %w", err)
	}
	var fields [][]byte
	for rest := seq.Bytes; len(rest) > 0; {
		var f asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &f); err != nil {
			return nil, fmt.Errorf("resign: TBS field: %w", err)
		}
		fields = append(fields, f.FullBytes)
	}
	algIndex := 1
	if len(fields) > 0 && fields[0][0] == 0xa0 { // [0] version
		algIndex = 2
	}
	fields[algIndex] = newAlg
	out, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: bytes.Join(fields, nil)})
	if err != nil {
		return nil, fmt.Errorf("resign: %w", err)
	}
	return out, nil
}

// PEM encodes certificates as PEM blocks.
func PEM(certs ...*x509.Certificate) []byte {
	var b bytes.Buffer
	for _, c := range certs {
		_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	return b.Bytes()
}

// PEMKey encodes a private key as a PKCS#8 PEM block.
func PEMKey(key crypto.Signer) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("marshal key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// RawSubject builds a DER Subject of one RDN per attribute given.
func RawSubject(atvs ...asn1.RawValue) []byte {
	var rdns [][]byte
	for _, atv := range atvs {
		set, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: atv.FullBytes})
		if err != nil {
			panic(err)
		}
		rdns = append(rdns, set)
	}
	der, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: bytes.Join(rdns, nil)})
	if err != nil {
		panic(err)
	}
	return der
}

var oidCN = asn1.ObjectIdentifier{2, 5, 4, 3}

// UTF8CN is a CN attribute as a UTF8String.
func UTF8CN(s string) asn1.RawValue { return StringCN(asn1.TagUTF8String, s) }

// StringCN is a CN attribute whose value has the string type tag: 12 UTF8String, 30 BMPString (UTF-16 big
// endian), 28 UniversalString (UTF-32 big endian).
func StringCN(tag int, s string) asn1.RawValue {
	var value []byte
	for _, r := range s {
		u := uint32(r) //nolint:gosec // a rune from a string is at most unicode.MaxRune
		switch tag {
		case 30:
			value = binary.BigEndian.AppendUint16(value, uint16(u)) //nolint:gosec // test names are in the BMP
		case 28:
			value = binary.BigEndian.AppendUint32(value, u)
		default:
			value = append(value, string(r)...)
		}
	}
	v, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: tag, Bytes: value})
	if err != nil {
		panic(err)
	}
	oid, err := asn1.Marshal(oidCN)
	if err != nil {
		panic(err)
	}
	seq, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: append(oid, v...)})
	if err != nil {
		panic(err)
	}
	return asn1.RawValue{FullBytes: seq}
}
