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

// LoadFile reads the certificates of a file (PEM, DER, PKCS#7 or PKCS#12, recognized by content) and returns them
// as an observation: the end-entity certificate and its chain, or an error that names the file. The PFX password
// is used for PKCS#12 files only and never appears in an error. It never panics.
func LoadFile(path, pfxPassword string) Observation {
	certs, err := readCertificates(path, pfxPassword)
	if err != nil {
		return Observation{Source: path, Err: err}
	}
	leaf, chain := SplitLeaf(certs)
	return Observation{Source: path, Leaf: leaf, Chain: chain}
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
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: the file is empty", path)
	}
	certs, err = parseGuarded(data, pfxPassword)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return certs, nil
}

// parseGuarded runs ParseCertificates under a recover, so that a panic in a parser becomes an error.
func parseGuarded(data []byte, pfxPassword string) (certs []*x509.Certificate, err error) {
	defer func() {
		if r := recover(); r != nil {
			certs, err = nil, fmt.Errorf("the file is corrupt (the parser failed: %v)", r)
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
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Errors ParseCertificates returns, for callers that need to tell them apart.
var (
	ErrNoCertificate = errors.New("no certificate found: not PEM, DER, PKCS#7 or PKCS#12")
	ErrPFXPassword   = errors.New("wrong PFX password: set UCLINT_PFX_PASSWORD or use --password-file")
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

func parsePKCS12(data []byte, password string) ([]*x509.Certificate, error) {
	if err := checkPFXIterations(data, maxPFXIterations); err != nil {
		return nil, err
	}
	_, leaf, chain, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return nil, ErrPFXPassword
		}
		if certs, trustErr := pkcs12.DecodeTrustStore(data, password); trustErr == nil && len(certs) > 0 {
			return reparse(certs)
		}
		return nil, fmt.Errorf("the PFX file is truncated or corrupt: %s", redact(err.Error(), password))
	}
	return reparse(append([]*stdCertificate{leaf}, chain...))
}

// redact removes the password from a parser's message, should a parser ever quote it.
func redact(msg, password string) string {
	if password == "" {
		return msg
	}
	return strings.ReplaceAll(msg, password, "***")
}
