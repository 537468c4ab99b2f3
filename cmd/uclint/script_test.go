package main

import (
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"software.sslmate.com/src/go-pkcs12"

	"github.com/uclint/uclint/fixtures"
	"github.com/uclint/uclint/fixtures/sim"
)

// TestScripts runs the end-to-end scripts of testdata/script: each runs one of the README's examples with the
// real binary (built with go build, run as a subprocess), against the fixture PKI or the simulated deployment on 127.0.0.1.
// TestREADMEExamplesHaveScripts holds the README to them.
func TestScripts(t *testing.T) {
	abs, err := filepath.Abs(fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	bin := uclintBinary(t)
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// The README's paths: fixtures/ as in a clone of the repository.
			env.Setenv("NO_COLOR", "1")
			env.Setenv("UCLINT_BIN", bin)
			return os.Symlink(abs, filepath.Join(env.WorkDir, "fixtures"))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"uclint":    cmdUclint,
			"status":    cmdStatus,
			"sim-start": cmdSimStart,
			"make-pfx":  cmdMakePFX,
		},
	})
}

// cmdUclint runs uclint as the README does: 'uclint ARGS... [> FILE]'. It records the exit code for status, and
// fails the script on a non-zero exit unless negated (! uclint ...).
func cmdUclint(ts *testscript.TestScript, neg bool, args []string) {
	var redirect string
	if n := len(args); n >= 2 && args[n-2] == ">" {
		redirect, args = args[n-1], args[:n-2]
	}
	cmd := exec.Command(ts.Getenv("UCLINT_BIN"), args...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = scriptEnv(ts)
	var stdout strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, ts.Stderr()
	err := cmd.Run()
	code := 0
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		code = exitErr.ExitCode()
	case err != nil:
		ts.Fatalf("run uclint: %v", err)
	}
	if redirect != "" {
		ts.Check(os.WriteFile(ts.MkAbs(redirect), []byte(stdout.String()), 0o644))
	} else {
		_, _ = fmt.Fprint(ts.Stdout(), stdout.String())
	}
	ts.Setenv("UCLINT_EXIT", strconv.Itoa(code))
	switch {
	case code != 0 && !neg:
		ts.Fatalf("uclint exited %d", code)
	case code == 0 && neg:
		ts.Fatalf("uclint exited 0")
	}
}

// cmdStatus checks the exit code of the last uclint: 'status 3'.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: status CODE")
	}
	if got := ts.Getenv("UCLINT_EXIT"); got != args[0] {
		ts.Fatalf("uclint exited %s, want %s", got, args[0])
	}
}

// cmdSimStart starts the simulated Contoso deployment on 127.0.0.1 and writes its deployment file to the path
// given, with the Contoso CA bundle beside it (ca.pem, and contoso-root.pem as the README names it); with
// -unreachable, a server dir02 whose endpoint is a loopback port nothing listens on; with -dns, the simulated DNS
// server too, its address in $DNS_SERVER. It sets $FE01_SIP to the address of fe01's SIP endpoint.
func cmdSimStart(ts *testscript.TestScript, neg bool, args []string) {
	unreachable, withDNS := false, false
	for len(args) > 1 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-unreachable":
			unreachable = true
		case "-dns":
			withDNS = true
		default:
			ts.Fatalf("sim-start: unknown option %s", args[0])
		}
		args = args[1:]
	}
	if len(args) != 1 || neg {
		ts.Fatalf("usage: sim-start [-unreachable] [-dns] DEPLOYMENT.yaml")
	}
	d, err := sim.Start()
	ts.Check(err)
	ts.Defer(d.Close)
	if withDNS {
		dns, err := d.StartDNS()
		ts.Check(err)
		ts.Defer(func() { _ = dns.Close() })
		ts.Setenv("DNS_SERVER", dns.Addr())
	}
	path := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	ts.Check(os.WriteFile(filepath.Join(filepath.Dir(path), "ca.pem"), d.CABundle, 0o644))
	// The simulated Enterprise CA, under the name the README's examples give the Enterprise root.
	ts.Check(os.WriteFile(filepath.Join(filepath.Dir(path), "contoso-root.pem"), d.CABundle, 0o644))
	ts.Check(d.WriteFiles(filepath.Dir(path)))
	yaml := d.DeploymentYAML("ca.pem")
	if unreachable {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		ts.Check(err)
		dead := ln.Addr().String()
		ts.Check(ln.Close())
		yaml += fmt.Sprintf("  - name: dir02\n    role: director\n    fqdn: dir02.contoso.com\n    endpoints: {sip: %q}\n", dead)
	}
	ts.Check(os.WriteFile(path, []byte(yaml), 0o644))
	for _, e := range d.Endpoints {
		if e.Member == "fe01.contoso.com" && e.Endpoint == "sip" {
			ts.Setenv("FE01_SIP", e.Address)
		}
	}
}

// cmdMakePFX writes a PFX of a fixture certificate, its key and the Contoso issuing CA (3DES), as the OCS Certificate
// Wizard exports it, with fixtures.PFXPassword: 'make-pfx pool01
// pool01.pfx'.
func cmdMakePFX(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: make-pfx FIXTURE FILE.pfx")
	}
	certPEM, err := fixtures.Files.ReadFile("pki/" + args[0] + ".pem")
	ts.Check(err)
	keyPEM, err := fixtures.Files.ReadFile("keys/" + args[0] + ".key")
	ts.Check(err)
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	ts.Check(err)
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	ts.Check(err)
	issuingPEM, err := fixtures.Files.ReadFile("pki/contoso-issuing.pem")
	ts.Check(err)
	block, _ := pem.Decode(issuingPEM)
	if block == nil {
		ts.Fatalf("pki/contoso-issuing.pem holds no certificate")
	}
	issuing, err := x509.ParseCertificate(block.Bytes)
	ts.Check(err)
	pfx, err := pkcs12.LegacyDES.WithRand(rand.Reader).Encode(pair.PrivateKey, leaf, []*x509.Certificate{issuing}, fixtures.PFXPassword)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), pfx, 0o600))
}

// scriptEnv is the environment uclint runs with in a script: the script's own variables that matter to it.
func scriptEnv(ts *testscript.TestScript) []string {
	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "UCLINT_") && !strings.HasPrefix(kv, "COLUMNS=") {
			env = append(env, kv)
		}
	}
	for _, k := range []string{"HOME", "TMPDIR", "WORK", "NO_COLOR", "UCLINT_PFX_PASSWORD"} {
		if v := ts.Getenv(k); v != "" {
			env = append(env, k+"="+v) // the last value of a key wins
		}
	}
	return env
}
