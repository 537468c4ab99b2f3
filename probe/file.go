package probe

import (
	"bytes"
	stdx509 "crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/smallstep/pkcs7"
	"github.com/zmap/zcrypto/x509"
	"software.sslmate.com/src/go-pkcs12"
)

// MaxFileSize caps what is read of a certificate file: a certificate with its chain is a few KiB.
const MaxFileSize = 16 << 20

// LoadFileAll reads the certificates of a file (PEM, DER, PKCS#7 or PKCS#12, recognized by content) and returns
// one observation per end-entity certificate, in the order of the file: its Leaf is that certificate, its Chain
// the file's CA certificates (in the file's order, once each, parsed anew for each observation so that
// observations can be judged in different goroutines), Index and Count its position among the file's end-entity
// certificates. A file that cannot be read, holds no certificate or holds only CA certificates gives one
// observation with Err set, naming the file (errors.Is ErrOnlyCACertificates, ErrPFXPassword, ...). The PFX
// password is used for PKCS#12 files only and nothing of it ever appears in an error. It never panics.
//
// Which certificates are CA certificates: one that issued another certificate of the file; or one whose Basic
// Constraints say CA=true and whose Key Usage allows signing certificates (keyCertSign), or that has no Key Usage
// and names no host (no DNS name or IP address in its SAN). Every other certificate is an end-entity
// certificate: Basic Constraints absent or CA=false (a lone self-signed server certificate among them), or
// CA=true on a certificate that cannot sign certificates or names a host (a server certificate made with the CA
// flag by mistake, which the rules then judge).
//
// A certificate request — a CSR (PEM or DER) or a certreq INF file — gives one observation with Request set and no
// Leaf; a PFX file's observations carry its packaging (PFX).
func LoadFileAll(path, pfxPassword string) []Observation {
	data, err := readLimited(path)
	if err != nil {
		return []Observation{{Source: path, Err: err}}
	}
	if obs, ok := loadRequest(path, data); ok {
		return []Observation{obs}
	}
	certs, err := certificatesOf(path, data, pfxPassword)
	if err != nil {
		return []Observation{{Source: path, Err: err}}
	}
	var pfx *PFXInfo
	if looksLikePKCS12(data) {
		pfx = inspectPFXGuarded(data)
	}
	var leaves, cas []*x509.Certificate
	for _, c := range certs {
		if isCACertificate(c, certs) {
			if !containsCertificate(cas, c) { // several server certificates, each with the same issuing CA
				cas = append(cas, c)
			}
		} else {
			leaves = append(leaves, c)
		}
	}
	if len(leaves) == 0 {
		return []Observation{{Source: path, Err: fmt.Errorf("%s: %w (%s), no server certificate: to trust them, pass the file with --ca-file",
			path, ErrOnlyCACertificates, certificateNames(cas))}}
	}
	out := make([]Observation, len(leaves))
	for i, leaf := range leaves {
		chain := cas
		if i > 0 {
			chain = reparseAll(cas)
		}
		out[i] = Observation{Source: path, Leaf: leaf, Chain: chain, Index: i + 1, Count: len(leaves), PFX: pfx}
	}
	return out
}

// LoadFile returns the first observation of LoadFileAll: the file's first end-entity certificate with the file's
// CA certificates as its chain, or the error. Callers that judge every certificate of a file use LoadFileAll.
func LoadFile(path, pfxPassword string) Observation {
	return LoadFileAll(path, pfxPassword)[0]
}

// isCACertificate tells the CA certificates of a file from its end-entity certificates (see LoadFileAll).
func isCACertificate(c *x509.Certificate, all []*x509.Certificate) bool {
	if issuesAnother(c, all) {
		return true
	}
	if !c.BasicConstraintsValid || !c.IsCA {
		return false
	}
	if c.KeyUsage != 0 {
		return c.KeyUsage&x509.KeyUsageCertSign != 0
	}
	return len(c.DNSNames) == 0 && len(c.IPAddresses) == 0
}

func containsCertificate(certs []*x509.Certificate, c *x509.Certificate) bool {
	for _, o := range certs {
		if bytes.Equal(o.Raw, c.Raw) {
			return true
		}
	}
	return false
}

// certificateNames lists certificates by subject common name (the whole subject when it has none), quoted.
func certificateNames(certs []*x509.Certificate) string {
	const most = 5
	names := make([]string, 0, most+1)
	for i, c := range certs {
		if i == most {
			names = append(names, fmt.Sprintf("and %d more", len(certs)-most))
			break
		}
		name := c.Subject.CommonName
		if name == "" {
			name = c.Subject.String()
		}
		names = append(names, fmt.Sprintf("%q", name))
	}
	return strings.Join(names, ", ")
}

// reparseAll parses certificates again from their DER, giving copies no other goroutine holds.
func reparseAll(certs []*x509.Certificate) []*x509.Certificate {
	out := make([]*x509.Certificate, len(certs))
	for i, c := range certs {
		parsed, err := x509.ParseCertificate(c.Raw)
		if err != nil {
			parsed = c // it parsed once from the same bytes; cannot happen
		}
		out[i] = parsed
	}
	return out
}

// LoadCertificates reads every certificate of a file, for CA bundles (--ca-file).
func LoadCertificates(path string) ([]*x509.Certificate, error) {
	return readCertificates(path, "")
}

func readCertificates(path, pfxPassword string) (certs []*x509.Certificate, err error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	return certificatesOf(path, data, pfxPassword)
}

// certificatesOf parses the certificates of a file's data; errors name the file.
func certificatesOf(path string, data []byte, pfxPassword string) (certs []*x509.Certificate, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: the file is empty", path)
	}
	certs, err = parseGuarded(data, pfxPassword)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return certs, nil
}

// parseGuarded runs ParseCertificates under a recover, so that a panic in a parser becomes an error. When a
// password was given, the panic's text is left out of the message: it could hold the password.
func parseGuarded(data []byte, pfxPassword string) (certs []*x509.Certificate, err error) {
	defer func() {
		if r := recover(); r != nil {
			certs = nil
			if pfxPassword != "" {
				err = errors.New("the file is corrupt (the parser failed)")
				return
			}
			err = fmt.Errorf("the file is corrupt (the parser failed: %v)", r)
		}
	}()
	return ParseCertificates(data, pfxPassword)
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open the file: %w", path, unwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the file: %w", path, unwrapPath(err))
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s: the file is larger than %d MiB: not a certificate file", path, MaxFileSize>>20)
	}
	return data, nil
}

func unwrapPath(err error) error {
	if pe, ok := errors.AsType[*os.PathError](err); ok {
		return pe.Err
	}
	return err
}

// Errors the file loaders return, for callers that need to tell them apart (errors.Is).
var (
	ErrNoCertificate = errors.New("no certificate found: not PEM, DER, PKCS#7 or PKCS#12")
	// ErrPFXPassword: the password given does not open the PFX file.
	ErrPFXPassword = errors.New("wrong PFX password: check UCLINT_PFX_PASSWORD or the --password-file")
	// ErrPFXNoPassword: no password was given and the PFX file needs one.
	ErrPFXNoPassword = errors.New("the PFX file is protected by a password: set UCLINT_PFX_PASSWORD or use --password-file")
	// ErrOnlyCACertificates: the file holds CA certificates and no end-entity certificate (LoadFileAll).
	ErrOnlyCACertificates = errors.New("holds only CA certificates")
)

// Fixed texts for PFX files that cannot be read: a PKCS#12 parser's message is never shown, since it was made
// while the password was in use.
var (
	errPFXCorrupt     = errors.New("the PFX file is truncated or corrupt")
	errPFXUnsupported = errors.New("the PFX file uses a format or algorithm uclint cannot read: export it again from Windows " +
		"(with its private key, encryption TripleDES-SHA1 or AES256-SHA256)")
	errPFXNoKey = errors.New("the PFX file holds certificates without a private key, in a form uclint cannot read: " +
		"export the certificate as a .cer or .p7b file instead")
)

// ParseCertificates parses PEM (CERTIFICATE and PKCS7 blocks), DER, PKCS#7 or PKCS#12 data.
func ParseCertificates(data []byte, pfxPassword string) ([]*x509.Certificate, error) {
	if bytes.Contains(data, []byte("-----BEGIN")) {
		return parsePEM(data)
	}
	if c, err := x509.ParseCertificate(data); err == nil {
		return []*x509.Certificate{c}, nil
	}
	if certs, err := parsePKCS7(data); err == nil {
		return certs, nil
	}
	if looksLikePKCS12(data) {
		return parsePKCS12(data, pfxPassword)
	}
	if err := notACertificateDER(data); err != nil {
		return nil, err
	}
	if len(data) > 0 && data[0] == 0x30 {
		if _, err := x509.ParseCertificate(data); err != nil {
			return nil, fmt.Errorf("the certificate is truncated or corrupt: %w", err)
		}
	}
	return nil, ErrNoCertificate
}

// Errors for files that hold something other than a certificate.
var (
	errKeyOnly = errors.New("holds a private key but no certificate")
	errCSROnly = errors.New("holds a certificate request (CSR), not a certificate: submit it to the CA and check what the CA returns")
)

// notACertificateDER recognizes the DER files admins mistake for certificates: a private key or a CSR.
func notACertificateDER(data []byte) error {
	if _, err := stdx509.ParsePKCS8PrivateKey(data); err == nil {
		return errKeyOnly
	}
	if _, err := stdx509.ParsePKCS1PrivateKey(data); err == nil {
		return errKeyOnly
	}
	if _, err := stdx509.ParseECPrivateKey(data); err == nil {
		return errKeyOnly
	}
	if _, err := stdx509.ParseCertificateRequest(data); err == nil {
		return errCSROnly
	}
	return nil
}

func parsePEM(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	var others []string
	rest := data
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		switch block.Type {
		case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE":
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("certificate %d: the certificate is truncated or corrupt: %w", len(certs)+1, err)
			}
			certs = append(certs, c)
		case "PKCS7":
			p7, err := parsePKCS7(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("the PKCS#7 block is truncated or corrupt: %w", err)
			}
			certs = append(certs, p7...)
		default:
			others = append(others, block.Type)
		}
	}
	if len(certs) > 0 {
		return certs, nil
	}
	for _, t := range others {
		switch {
		case strings.Contains(t, "PRIVATE KEY"):
			return nil, errKeyOnly
		case strings.Contains(t, "CERTIFICATE REQUEST"):
			return nil, errCSROnly
		}
	}
	if bytes.Contains(data, []byte("-----BEGIN CERTIFICATE")) {
		return nil, errors.New("the certificate is truncated or corrupt: its PEM block does not end")
	}
	return nil, ErrNoCertificate
}

func parsePKCS7(der []byte) ([]*x509.Certificate, error) {
	p7, err := pkcs7.Parse(der)
	if err != nil {
		return nil, fmt.Errorf("parse PKCS#7: %w", err)
	}
	if len(p7.Certificates) == 0 {
		return nil, errors.New("the PKCS#7 file holds no certificate")
	}
	certs := make([]*x509.Certificate, 0, len(p7.Certificates))
	for _, sc := range p7.Certificates {
		c, err := x509.ParseCertificate(sc.Raw)
		if err != nil {
			return nil, fmt.Errorf("a certificate in the PKCS#7 file is corrupt: %w", err)
		}
		certs = append(certs, c)
	}
	return certs, nil
}

// looksLikePKCS12 reports whether data starts like a PFX: SEQUENCE { INTEGER 3, ... }.
func looksLikePKCS12(data []byte) bool {
	if len(data) < 8 || data[0] != 0x30 {
		return false
	}
	i := 2
	if data[1]&0x80 != 0 {
		i += int(data[1] & 0x7f)
	}
	return i+2 < len(data) && data[i] == 0x02 && data[i+1] == 0x01 && data[i+2] == 0x03
}

// parsePKCS12 reads a PFX file's certificates. The empty password is tried when none was given (PFX files with an
// empty password exist) and when the one given is wrong (the file may have none). Errors are fixed texts.
func parsePKCS12(data []byte, password string) ([]*x509.Certificate, error) {
	if err := checkPFXIterations(data, maxPFXIterations); err != nil {
		return nil, err
	}
	certs, err := decodePKCS12(data, password)
	if errors.Is(err, pkcs12.ErrIncorrectPassword) && password != "" {
		if empty, emptyErr := decodePKCS12(data, ""); emptyErr == nil {
			certs, err = empty, nil
		}
	}
	var notImplemented pkcs12.NotImplementedError
	switch {
	case err == nil:
		return reparse(certs)
	case errors.Is(err, pkcs12.ErrIncorrectPassword) && password == "":
		return nil, ErrPFXNoPassword
	case errors.Is(err, pkcs12.ErrIncorrectPassword):
		return nil, ErrPFXPassword
	case errors.As(err, &notImplemented):
		return nil, errPFXUnsupported
	case strings.Contains(err.Error(), "private key missing"):
		return nil, errPFXNoKey
	}
	return nil, errPFXCorrupt
}

// decodePKCS12 returns the certificates of a PFX file (the one matching its private key first), or of a PFX
// trust store (certificates only, marked as trusted).
func decodePKCS12(data []byte, password string) ([]*stdCertificate, error) {
	_, leaf, chain, err := pkcs12.DecodeChain(data, password)
	if err == nil {
		return append([]*stdCertificate{leaf}, chain...), nil
	}
	if errors.Is(err, pkcs12.ErrIncorrectPassword) {
		return nil, err //nolint:wrapcheck // parsePKCS12 turns it into a fixed text
	}
	if certs, trustErr := pkcs12.DecodeTrustStore(data, password); trustErr == nil && len(certs) > 0 {
		return certs, nil
	}
	return nil, err //nolint:wrapcheck // parsePKCS12 turns it into a fixed text
}
