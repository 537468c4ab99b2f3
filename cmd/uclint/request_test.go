package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/uclint/uclint/report"
)

// TestRequestCommand: uclint request writes, for each server of the Contoso deployment file, an INF that uclint
// check passes; a CSR with its key (0600); and refuses what it cannot do with exit 2 and a message.
func TestRequestCommand(t *testing.T) {
	config := fixture("deployments", "contoso.yaml")
	dir := t.TempDir()
	for _, server := range []string{"se01", "pool01", "dir01"} {
		for _, kind := range []string{"default", "web"} {
			if server == "dir01" && kind == "web" {
				continue
			}
			inf := filepath.Join(dir, server+"-"+kind+".inf")
			code, out, errOut := uclint(t, "request", "--config", config, "--server", server, "--certificate", kind, "--out", inf)
			if code != 0 || out != "" || !strings.Contains(errOut, "certreq -new "+server+"-"+kind+".inf "+server+"-"+kind+".req") {
				t.Fatalf("request %s %s: exit %d, stdout %q, stderr %q", server, kind, code, out, errOut)
			}
			code, out, _ = uclint(t, "check", "--config", config, "--server", server, "--certificate", kind, "--format", "json", inf)
			if code != 0 || !strings.Contains(out, `"status": "pass"`) || !strings.Contains(out, `"format": "inf"`) {
				t.Fatalf("check of the INF for %s %s: exit %d\n%s", server, kind, code, out)
			}
		}
	}
	// The INF on stdout, as the README shows it.
	code, out, _ := uclint(t, "request", "--config", config, "--server", "pool01")
	if code != 0 || !strings.Contains(out, "_continue_ = \"dns=webpool01.contoso.com&\"\r\n") || !strings.Contains(out, "Exportable = TRUE\r\n") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	// A CSR with a new key: the key is 0600, and neither file is ever overwritten.
	key, csr := filepath.Join(dir, "se01.key"), filepath.Join(dir, "se01.csr")
	args := []string{"request", "--role", "standard-edition", "--fqdn", "se01.contoso.com", "--sip-domain", "contoso.com",
		"--sip-domain", "fabrikam.com", "--auto-config", "--format", "csr", "--key-out", key, "--out", csr}
	if code, _, errOut := uclint(t, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if info, err := os.Stat(key); err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o600) {
		t.Fatalf("key file: %v %v", info, err)
	}
	before, _ := os.ReadFile(key)
	code, _, errOut := uclint(t, args...)
	if code != report.ExitUsage || !strings.Contains(errOut, key+" already exists") {
		t.Fatalf("second run: exit %d, %q", code, errOut)
	}
	if after, _ := os.ReadFile(key); string(after) != string(before) {
		t.Fatal("the key was overwritten")
	}
	code, out, _ = uclint(t, "check", "--role", "standard-edition", "--fqdn", "se01.contoso.com", "--sip-domain", "contoso.com",
		"--sip-domain", "fabrikam.com", "--auto-config", csr)
	if code != 0 || !strings.Contains(out, "1 pass") {
		t.Fatalf("check of the CSR: exit %d\n%s", code, out)
	}
	// An OpenSSL configuration.
	if code, out, _ := uclint(t, "request", "--config", config, "--server", "dir01", "--format", "openssl"); code != 0 ||
		!strings.Contains(out, "DNS.1 = dir01.contoso.com\n") || !strings.Contains(out, "extendedKeyUsage = serverAuth") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"request", "--config", config}, "--config needs one --server NAME"},
		{[]string{"request", "--fqdn", "se01.contoso.com"}, "--fqdn need --role"},
		{[]string{"request"}, "request needs to know the server"},
		{[]string{"request", "--config", config, "--server", "se01", "--format", "pfx"}, `--format "pfx": use inf, openssl or csr`},
		{[]string{"request", "--config", config, "--server", "se01", "--format", "csr"}, "give --key-out FILE"},
		{[]string{"request", "--config", config, "--server", "se01", "--key-out", key}, "--key-out applies to --format csr only"},
		{[]string{"request", "--config", config, "--server", "se01", "--certificate", "oauth"}, `--certificate "oauth": a standard-edition has default, web`},
		{[]string{"request", "--config", config, "--server", "se01", "--clients", "xp-sp9"}, `--clients: unknown client "xp-sp9"; use one of xp-sp2, xp-sp3`},
		{[]string{"request", "--config", config, "--server", "se01", "--out", csr}, csr + " already exists"},
	} {
		code, _, errOut := uclint(t, tc.args...)
		if code != report.ExitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

// TestClientsFlag: --clients turns on the client-compatibility rules; the deployment file's clients: does too, and
// an unknown client there stops uclint with the file and line.
func TestClientsFlag(t *testing.T) {
	se01 := fixture("pki", "se01.pem")
	code, out, _ := uclint(t, "check", "--config", fixture("deployments", "contoso.yaml"), "--server", "se01", "--at", "2026-06-01T00:00:00Z",
		"--clients", "xp-sp2,phone-edition", se01)
	if code != 0 || !strings.Contains(out, "w_ocs_sha2_legacy_windows") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	code, out, _ = uclint(t, "check", "--config", fixture("deployments", "contoso.yaml"), "--server", "se01", "--at", "2026-06-01T00:00:00Z", se01)
	if code != 0 || strings.Contains(out, "w_ocs_sha2_legacy_windows") {
		t.Fatalf("without --clients: exit %d:\n%s", code, out)
	}
	dir := t.TempDir()
	yaml := filepath.Join(dir, "deployment.yaml")
	write := func(clients string) {
		t.Helper()
		data := "sip_domains: [contoso.com]\nclients: " + clients + "\nservers:\n  - {name: se01, role: standard-edition, fqdn: se01.contoso.com}\n"
		if err := os.WriteFile(yaml, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("[server2003]")
	code, out, _ = uclint(t, "check", "--config", yaml, "--at", "2026-06-01T00:00:00Z", "--no-system-roots", "--ca-file", fixture("pki", "contoso-ca-bundle.pem"), se01)
	if code != 0 || !strings.Contains(out, "w_ocs_sha2_legacy_windows") {
		t.Fatalf("clients: in the file: exit %d:\n%s", code, out)
	}
	write("[server2003, windows98]")
	code, _, errOut := uclint(t, "check", "--config", yaml, se01)
	if code != report.ExitUsage || !strings.Contains(errOut, yaml+":2: clients: unknown client \"windows98\"") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
}
