package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/uclint/uclint/fixtures/sim"
	"github.com/uclint/uclint/report"
)

// startSim runs the simulated Contoso deployment and writes its deployment file; it returns the file's path.
func startSim(t testing.TB) (*sim.Deployment, string) {
	t.Helper()
	d, err := sim.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	path, err := d.WriteDeployment(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d, path
}

// silentServer accepts TCP connections on 127.0.0.1 and reads them without ever answering, until the test ends;
// it returns its address.
func silentServer(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { _, _ = io.Copy(io.Discard, c) }()
		}
	}()
	return ln.Addr().String()
}

func findTarget(t *testing.T, r report.Report, server, member, endpoint string) report.Target {
	t.Helper()
	for _, tg := range r.Targets {
		if tg.Server == server && tg.Member == member && tg.Endpoint == endpoint {
			return tg
		}
	}
	t.Fatalf("no target %s %s %s in %+v", server, member, endpoint, r.Targets)
	return report.Target{}
}

func TestScanSimulatedDeployment(t *testing.T) {
	_, config := startSim(t)
	code, out, errOut := uclint(t, "scan", "--config", config, "--format", "json", "--no-system-roots")
	if code != report.ExitFailed {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errOut)
	}
	validateReport(t, out) // TLS, handshake errors, pool findings
	r := decode(t, out)
	if r.Summary.Targets != 18 {
		t.Fatalf("summary %+v", r.Summary)
	}
	se01 := findTarget(t, r, "se01", "", "sip")
	if se01.Status != report.Pass || se01.TLS == nil || !se01.TLS.ClientCertRequested || se01.Address == "" {
		t.Errorf("se01 sip: %+v %+v", se01, se01.TLS)
	}
	fe01 := findTarget(t, r, "pool01", "fe01.contoso.com", "sip")
	if fe01.Status != report.Pass || fe01.TLS.HandshakeError == "" || !hasLint(fe01, "n_ocs_pool_members_differ") {
		t.Errorf("fe01 sip (client certificate required, the other member differs): %+v %v", fe01.TLS, lintIDs(fe01))
	}
	fe02 := findTarget(t, r, "pool01", "fe02.contoso.com", "sip")
	if fe02.Status != report.Fail || !hasLint(fe02, "e_ocs_san_missing_sip_domain") || !hasLint(fe02, "n_ocs_pool_members_differ") {
		t.Errorf("fe02 sip (old certificate): %v", lintIDs(fe02))
	}
	iis := findTarget(t, r, "pool01", "fe02.contoso.com", "web")
	if iis.Status != report.Fail || !hasLint(iis, "e_ocs_web_components_name_mismatch") || !hasLint(iis, "e_ocs_chain_untrusted") {
		t.Errorf("fe02 web (IIS self-signed): %v", lintIDs(iis))
	}
	if web := findTarget(t, r, "pool01", "fe01.contoso.com", "web"); hasLint(web, "e_ocs_web_components_name_mismatch") {
		t.Errorf("fe01 web presents the pool certificate, which names the web farm: %v", lintIDs(web))
	}
	dir := findTarget(t, r, "dir01", "", "sip")
	if dir.Status != report.Pass || dir.TLS.Version != "TLSv1.0" || dir.TLS.Cipher != "TLS_RSA_WITH_3DES_EDE_CBC_SHA" {
		t.Errorf("dir01 (TLS 1.0, 3DES): %+v %v", dir.TLS, lintIDs(dir))
	}
	// The Edge Server: its internal interface follows the table; federation is declared and its external
	// certificates come from the Enterprise CA; its A/V authentication certificate (a file) reuses the internal key.
	if internal := findTarget(t, r, "edge01", "", "internal"); internal.Status != report.Pass || internal.Kind != "internal" {
		t.Errorf("edge01 internal: %s %s %v", internal.Status, internal.Kind, lintIDs(internal))
	}
	for _, ep := range []string{"access", "federation", "webconf"} {
		if tg := findTarget(t, r, "edge01", "", ep); tg.Status != report.Warn || !hasLint(tg, "w_ocs_edge_external_private_ca") {
			t.Errorf("edge01 %s: %s %v", ep, tg.Status, lintIDs(tg))
		}
	}
	if av := findTarget(t, r, "edge01", "", ""); av.Kind != "av-auth" || av.File == "" || !hasLint(av, "w_ocs_edge_av_cert_reuses_service_cert") {
		t.Errorf("edge01 A/V authentication file: %s %s %v", av.Kind, av.File, lintIDs(av))
	}
	// Communicator Web Access: the certificate lacks as. and download.; the MTLS certificate is right.
	if web := findTarget(t, r, "cwa01", "", "web"); web.Status != report.Fail || !hasLint(web, "e_ocs_cwa_san_missing_as_download") {
		t.Errorf("cwa01 web: %s %v", web.Status, lintIDs(web))
	}
	if mtls := findTarget(t, r, "cwa01", "", "mtls"); mtls.Status != report.Pass || mtls.TLS.HandshakeError == "" {
		t.Errorf("cwa01 mtls (client certificate required): %s %v %+v", mtls.Status, lintIDs(mtls), mtls.TLS)
	}
}

func TestScanServerFilterAndTable(t *testing.T) {
	_, config := startSim(t)
	code, out, _ := uclint(t, "scan", "--config", config, "--server", "dir01")
	if code != report.ExitOK || !strings.Contains(out, "TLS_RSA_WITH_3DES_EDE_CBC_SHA") || strings.Contains(out, "se01") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	for _, header := range []string{"SERVER", "MEMBER", "ENDPOINT", "ADDRESS", "TLS", "CIPHER", "SUBJECT CN", "EXPIRES", "STATUS"} {
		if !strings.Contains(out, header) {
			t.Errorf("table lacks %s:\n%s", header, out)
		}
	}
}

func TestScanAddressAndDeadEndpoints(t *testing.T) {
	d, config := startSim(t)
	bundle := filepath.Join(filepath.Dir(config), "ca.pem")
	var se01 string
	for _, e := range d.Endpoints {
		if e.Server == "se01" && e.Endpoint == "sip" {
			se01 = e.Address
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	_ = ln.Close()
	silent := silentServer(t)
	args := append([]string{"scan", "--format", "json", "--timeout", "1s", "--ca-file", bundle,
		"--role", "standard-edition", "--fqdn", "se01.contoso.com", "--sip-domain", "contoso.com", "--sip-domain", "fabrikam.com", "--auto-config"},
		se01, closed, silent)
	start := time.Now()
	code, out, _ := uclint(t, args...)
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("took %s: dead endpoints must cost one timeout, in parallel", elapsed)
	}
	r := decode(t, out)
	if code != report.ExitUncheckable || r.Summary.Pass != 1 || r.Summary.Error != 2 {
		t.Fatalf("exit %d, summary %+v", code, r.Summary)
	}
	if !strings.Contains(r.Targets[1].Error, "connection refused") || !strings.Contains(r.Targets[2].Error, "no TLS answer within 1s") {
		t.Fatalf("errors: %q, %q", r.Targets[1].Error, r.Targets[2].Error)
	}
}

func TestScanUsageErrors(t *testing.T) {
	for name, args := range map[string][]string{
		"nothing to scan":         {"scan"},
		"config and addresses":    {"scan", "--config", fixture("deployments", "contoso.yaml"), "127.0.0.1:5061"},
		"unknown server":          {"scan", "--config", fixture("deployments", "contoso.yaml"), "--server", "nope"},
		"bad timeout":             {"scan", "--timeout", "0s", "127.0.0.1:5061"},
		"server without config":   {"scan", "--server", "se01", "127.0.0.1:5061"},
		"missing deployment file": {"scan", "--config", filepath.Join(t.TempDir(), "nope.yaml")},
	} {
		t.Run(name, func(t *testing.T) {
			if code, _, errOut := uclint(t, args...); code != report.ExitUsage || errOut == "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
		})
	}
}

func TestDemo(t *testing.T) {
	code, out, errOut := uclint(t, "demo")
	if code != report.ExitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"se01", "fe02.contoso.com", "e_ocs_web_components_name_mismatch", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "uclint scan --config",
		"an Edge\nServer (edge01", "edge01 federation", "w_ocs_edge_external_private_ca", "w_ocs_edge_av_cert_reuses_service_cert",
		"Communicator\nWeb Access (cwa01", "cwa01 web", "e_ocs_cwa_san_missing_as_download",
		"Lync\nServer 2013 Front End pool", "lfe02.contoso.com", "e_lync2013_san_missing_server_fqdn", "--product lync2013"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}

// benchDeployment writes a deployment file of one pool with members/2 members... endpoints in all, each pointing at
// one of a few loopback TLS listeners that present the pool certificate.
func benchDeployment(b *testing.B, endpoints int, addrs []string, bundle string) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "sip_domains: [contoso.com, fabrikam.com]\nautomatic_client_configuration: true\n")
	fmt.Fprintf(&sb, "trust: {ca_files: [%q]}\nservers:\n  - name: pool01\n    role: enterprise-pool\n    fqdn: pool01.contoso.com\n", bundle)
	fmt.Fprintf(&sb, "    web_farm: webpool01.contoso.com\n    members:\n")
	for i := 0; i < endpoints/2; i++ {
		fmt.Fprintf(&sb, "      - fqdn: fe%04d.contoso.com\n        endpoints: {sip: %q, web: %q}\n", i, addrs[(2*i)%len(addrs)], addrs[(2*i+1)%len(addrs)])
	}
	path := filepath.Join(b.TempDir(), "big.yaml")
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

// poolEndpoints starts the simulated deployment for a benchmark and returns the addresses that present the
// pool certificate, and the path of its CA bundle.
func poolEndpoints(b *testing.B) ([]string, string) {
	d, err := sim.Start()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(d.Close)
	var addrs []string
	for _, e := range d.Endpoints {
		if e.Certificate == "pool01" {
			addrs = append(addrs, e.Address)
		}
	}
	bundle := filepath.Join(b.TempDir(), "ca.pem")
	if err := os.WriteFile(bundle, d.CABundle, 0o600); err != nil {
		b.Fatal(err)
	}
	return addrs, bundle
}

// scanBenchDeployment scans a deployment file for a benchmark and checks that every endpoint answered.
func scanBenchDeployment(b *testing.B, config string, endpoints int) {
	opts := scanOptions{options: options{config: config, out: outputOptions{format: report.FormatJSON, failOn: string(report.FailOnFail)}}, timeout: 5 * time.Second, concurrency: 32}
	r, err := opts.scan(context.Background(), nil, &app{stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	if r.Summary.Targets != endpoints || r.Summary.Error != 0 {
		b.Fatalf("summary %+v", r.Summary)
	}
}

// BenchmarkScan500 probes and lints 500 loopback endpoints (RSA-2048, full handshakes) through the scan code.
func BenchmarkScan500(b *testing.B) {
	addrs, bundle := poolEndpoints(b)
	config := benchDeployment(b, 500, addrs, bundle)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		scanBenchDeployment(b, config, 500)
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/scan")
}

// BenchmarkScan2000 scans 2,000 loopback endpoints and reports the peak heap (sampled), servers included.
func BenchmarkScan2000(b *testing.B) {
	addrs, bundle := poolEndpoints(b)
	config := benchDeployment(b, 2000, addrs, bundle)
	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak {
					peak = m.HeapInuse
				}
			}
		}
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		scanBenchDeployment(b, config, 2000)
	}
	close(stop)
	<-sampled
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// BenchmarkScanSilent100 scans 100 endpoints that accept and never answer, with --timeout 2s --concurrency 100.
func BenchmarkScanSilent100(b *testing.B) {
	silent := silentServer(b)
	args := []string{"scan", "--format", "json", "--timeout", "2s", "--concurrency", "100", "--role", "director", "--fqdn", "dir01.contoso.com"}
	for range 100 {
		args = append(args, silent)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out strings.Builder
		if code := run(args, &out, io.Discard); code != report.ExitUncheckable {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/scan")
}
