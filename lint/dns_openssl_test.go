package lint

import (
	stdx509 "crypto/x509"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCertNameAgainstOpenSSL compares uclint's name check (the one the SRV target and fallback name rules use)
// with openssl x509 -checkhost and Go's VerifyHostname, on certificates made by the openssl command. They agree
// on SAN names; they differ, on purpose, where OCS differs from RFC 6125: OCS reads the Subject CN even when a SAN
// is present, and does not expand wildcards. The test pins those differences too, so a change in either tool
// shows.
func TestCertNameAgainstOpenSSL(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl is not installed (.ci/run installs it)")
	}
	for _, tc := range []struct {
		name, subject, san, host string
		uclint, openssl, golang  bool
	}{
		{"name in the SAN", "/CN=pool01.contoso.com", "DNS:pool01.contoso.com,DNS:sip.contoso.com", "sip.contoso.com", true, true, true},
		{"SAN in another case", "/CN=pool01.contoso.com", "DNS:SIP.Contoso.COM", "sip.contoso.com", true, true, true},
		{"name nowhere", "/CN=pool01.contoso.com", "DNS:pool01.contoso.com", "sipinternal.contoso.com", false, false, false},
		{"CN only, no SAN", "/CN=POOL01.CONTOSO.COM", "", "pool01.contoso.com", true, true, false},
		{"CN beside a SAN without it (OCS reads the CN)", "/CN=pool01.contoso.com", "DNS:fe01.contoso.com", "pool01.contoso.com", true, false, false},
		{"wildcard (OCS does not expand it)", "/CN=ocs.contoso.com", "DNS:*.contoso.com", "pool01.contoso.com", false, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			certFile := filepath.Join(dir, "cert.pem")
			args := []string{"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
				"-keyout", filepath.Join(dir, "key.pem"), "-out", certFile, "-days", "1", "-subj", tc.subject}
			if tc.san != "" {
				args = append(args, "-addext", "subjectAltName="+tc.san)
			}
			if out, err := exec.Command(openssl, args...).CombinedOutput(); err != nil {
				t.Fatalf("openssl req: %v\n%s", err, out)
			}
			out, err := exec.Command(openssl, "x509", "-in", certFile, "-noout", "-checkhost", tc.host).CombinedOutput()
			if err != nil {
				t.Fatalf("openssl x509 -checkhost: %v\n%s", err, out)
			}
			if got := strings.Contains(string(out), "does match"); got != tc.openssl {
				t.Errorf("openssl says %q, want match=%v", strings.TrimSpace(string(out)), tc.openssl)
			}
			c := readPEM(t, certFile)[0]
			std, err := stdx509.ParseCertificate(c.Raw)
			if err != nil {
				t.Fatal(err)
			}
			if got := std.VerifyHostname(tc.host) == nil; got != tc.golang {
				t.Errorf("Go's VerifyHostname: match=%v, want %v", got, tc.golang)
			}
			if got := certCarries(c, tc.host); got != tc.uclint {
				t.Errorf("uclint: match=%v, want %v", got, tc.uclint)
			}
		})
	}
}
