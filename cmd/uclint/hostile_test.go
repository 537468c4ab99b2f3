package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uclint/uclint/internal/tlstest"

	"github.com/uclint/uclint/fixtures"
	"github.com/uclint/uclint/report"
)

// hostileName holds terminal escape sequences: an OSC that would set the window title, a screen clear, a bell.
const hostileName = "evil\x1b]0;pwned\x07\x1b[2J.contoso.com"

// serveHostile runs a TLS server on 127.0.0.1 whose certificate's CN and SAN hold terminal escape sequences.
func serveHostile(t *testing.T) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: hostileName},
		DNSNames: []string{hostileName, "sip.contoso.com\x1b[31m"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	config := &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}
	return tlstest.Serve(t, config)
}

// TestNothingRawReachesTheTerminal: certificate names with escape sequences show as visible escapes in the
// table, the JSON stays valid and keeps the names exactly, and the other formats carry no raw escape either.
func TestNothingRawReachesTheTerminal(t *testing.T) {
	addr := serveHostile(t)
	args := []string{"scan", "--role", "standard-edition", "--fqdn", "se01.contoso.com", addr}
	for _, format := range report.Formats() {
		_, out, errOut := uclint(t, append(args, "--format", format)...)
		if strings.ContainsAny(out+errOut, "\x1b\x07") {
			t.Errorf("%s: a raw escape or bell reached the output:\n%q", format, out)
		}
		switch format {
		case report.FormatTable:
			if !strings.Contains(out, `evil\x1b]0;pwned\a\x1b[2J.contoso.com`) {
				t.Errorf("table: the name is not shown with visible escapes:\n%s", out)
			}
		case report.FormatJSON:
			var r report.Report
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatalf("json: invalid: %v", err)
			}
			if r.Targets[0].Certificate == nil || r.Targets[0].Certificate.SubjectCN != hostileName {
				t.Errorf("json: the name was not kept exactly: %+v", r.Targets[0].Certificate)
			}
		}
	}
}

// TestPasswordNeverShown: a wrong PFX password appears nowhere: not in the report, the errors or the debug logs.
func TestPasswordNeverShown(t *testing.T) {
	const secret = "Sup3r-Secret-PFX-pa55"
	file := filepath.Join(t.TempDir(), "password.txt")
	if err := os.WriteFile(file, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pfx := fixtures.Path("pki", "formats", "se01-legacy.pfx")
	for _, format := range report.Formats() {
		_, out, errOut := uclint(t, "check", "--password-file", file, "--log-level", "debug", "--log-format", "json", "--format", format, pfx)
		if strings.Contains(out+errOut, secret) {
			t.Fatalf("%s: the password leaked:\n%s\n%s", format, out, errOut)
		}
		if format == report.FormatJSON && !strings.Contains(out, "wrong PFX password") {
			t.Fatalf("json: no error for the wrong password:\n%s", out)
		}
	}
	t.Setenv(pfxPasswordEnv, secret)
	if _, out, errOut := uclint(t, "check", "--log-level", "debug", pfx); strings.Contains(out+errOut, secret) {
		t.Fatalf("the password from %s leaked", pfxPasswordEnv)
	}
}

// TestBadDeploymentFileExits2: an invalid deployment file stops uclint before anything is checked, naming the
// file and line.
func TestBadDeploymentFileExits2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deployment.yaml")
	if err := os.WriteFile(path, []byte("servers:\n  - name: pool01\n    role: enterprise-pool\n    fqdn: pool01.contoso.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := uclint(t, "scan", "--config", path)
	if code != report.ExitUsage || out != "" || !strings.Contains(errOut, path+":2:") || !strings.Contains(errOut, "members") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
