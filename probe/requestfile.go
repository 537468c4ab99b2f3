package probe

import (
	"bytes"
	stdx509 "crypto/x509"
	"fmt"
	"path/filepath"
	"strings"
)

// loadRequest recognizes a certificate request file and reads it: a certreq INF file (by its .inf extension or a
// [NewRequest] section), a PEM CSR (a CERTIFICATE REQUEST block and no certificate), or a DER CSR. ok is false
// for any other file, which is then read for certificates. A request that cannot be read is an observation with
// Err set, naming the file.
func loadRequest(path string, data []byte) (obs Observation, ok bool) {
	obs.Source = path
	defer func() {
		if r := recover(); r != nil {
			obs, ok = Observation{Source: path, Err: fmt.Errorf("%s: the request is corrupt (the parser failed: %v)", path, r)}, true
		}
	}()
	switch requestKind(path, data) {
	case RequestINF:
		req, err := ParseINF(data)
		if err != nil {
			obs.Err = fmt.Errorf("%s: not a usable certreq INF file: %w", path, err)
			return obs, true
		}
		obs.Request, obs.Index, obs.Count = req, 1, 1
		return obs, true
	case RequestCSR:
		req, err := ParseCSR(data)
		if err != nil {
			obs.Err = fmt.Errorf("%s: %w", path, err)
			return obs, true
		}
		obs.Request, obs.Index, obs.Count = req, 1, 1
		return obs, true
	}
	return obs, false
}

// requestKind tells a request file from a certificate file.
func requestKind(path string, data []byte) RequestFormat {
	if strings.EqualFold(filepath.Ext(path), ".inf") {
		return RequestINF
	}
	if bytes.Contains(data, []byte("-----BEGIN")) {
		if bytes.Contains(data, []byte("CERTIFICATE REQUEST-----")) && !bytes.Contains(data, []byte("-----BEGIN CERTIFICATE-----")) &&
			!bytes.Contains(data, []byte("-----BEGIN PKCS7-----")) {
			return RequestCSR
		}
		return ""
	}
	if looksLikeINF(data) {
		return RequestINF
	}
	if len(data) > 0 && data[0] == 0x30 {
		if _, err := stdx509.ParseCertificateRequest(data); err == nil {
			return RequestCSR
		}
	}
	return ""
}

// looksLikeINF reports whether text data holds a [NewRequest] section, in any of the encodings ParseINF reads.
func looksLikeINF(data []byte) bool {
	const probeSize = 64 << 10
	text, err := decodeINFText(data[:min(len(data), probeSize)&^1])
	if err != nil {
		return false
	}
	return strings.Contains(strings.ToLower(text), "[newrequest]")
}

// inspectPFXGuarded runs InspectPFX under a recover: a panic leaves the PFX rules without information.
func inspectPFXGuarded(data []byte) (info *PFXInfo) {
	defer func() {
		if recover() != nil {
			info = nil
		}
	}()
	return InspectPFX(data)
}
