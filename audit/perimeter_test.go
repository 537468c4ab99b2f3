package audit

import (
	"context"
	"crypto/tls"
	stdx509 "crypto/x509"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uclint/uclint/internal/tlstest"

	"github.com/uclint/uclint/fixtures"
	"github.com/uclint/uclint/lint/trust"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/probe"
	"github.com/uclint/uclint/report"
)

// serveFixture serves a fixture certificate (with whatever chain its file holds) on 127.0.0.1 and returns the
// address.
func serveFixture(t *testing.T, name string) string {
	t.Helper()
	pair := fixturePair(t, name)
	config := &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS10}
	return tlstest.Serve(t, config)
}

// perimeterDeployment writes the perimeter fixture deployment with its file paths made absolute, each
// replacement old → new applied, and loads it.
func perimeterDeployment(t *testing.T, replace ...string) *policy.Deployment {
	t.Helper()
	data, err := os.ReadFile(fixtures.Path("deployments", "contoso-perimeter.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "../pki/", filepath.ToSlash(fixtures.Path("pki"))+"/")
	text = strings.NewReplacer(replace...).Replace(text)
	path := filepath.Join(t.TempDir(), "perimeter.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := policy.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// perimeterSettings trust the Contoso CA, and the simulated public CA as a system root.
func perimeterSettings(t *testing.T) Settings {
	t.Helper()
	s := settings(t)
	cas, err := probe.LoadCertificates(fixtures.Path("pki", "contoso-ca-bundle.pem"))
	if err != nil {
		t.Fatal(err)
	}
	public, err := probe.LoadCertificates(fixtures.Path("pki", "public-root.pem"))
	if err != nil {
		t.Fatal(err)
	}
	system := stdx509.NewCertPool()
	for _, c := range public {
		sc, err := stdx509.ParseCertificate(c.Raw)
		if err != nil {
			t.Fatal(err)
		}
		system.AddCert(sc)
	}
	s.Trust = trust.NewStore(cas, system)
	return s
}

// fileTargets are the deployment's certificate files: nothing is dialled.
func fileTargets(t *testing.T, d *policy.Deployment) []policy.Target {
	t.Helper()
	all, err := d.Targets(nil)
	if err != nil {
		t.Fatal(err)
	}
	var files []policy.Target
	for _, tg := range all {
		if tg.File != "" {
			files = append(files, tg)
		}
	}
	return files
}

func lintIDs(tg report.Target) []string {
	var ids []string
	for _, f := range tg.Findings {
		ids = append(ids, f.Lint+":"+f.Status.String())
	}
	return ids
}

// TestPerimeterFilesFollowTheTables: every certificate of the perimeter fixture deployment follows Microsoft's
// tables: no finding above a notice, the A/V authentication certificates compared in the deployment-level pass.
func TestPerimeterFilesFollowTheTables(t *testing.T) {
	targets := fileTargets(t, perimeterDeployment(t))
	if len(targets) != 13 {
		t.Fatalf("%d file targets", len(targets))
	}
	r := Run(context.Background(), targets, perimeterSettings(t))
	for _, tg := range r.Targets {
		if tg.Status != report.Pass {
			t.Errorf("%s %s %s (%s): %s %v", tg.Server, tg.Member, filepath.Base(tg.File), tg.Kind, tg.Status, lintIDs(tg))
		}
	}
}

// TestPerimeterFileMistakes: the A/V authentication certificate reissued on the internal key pair, and an Edge
// array member holding an A/V authentication certificate of its own, are caught from files.
func TestPerimeterFileMistakes(t *testing.T) {
	d := perimeterDeployment(t,
		"av-auth: "+filepath.ToSlash(fixtures.Path("pki", "edge01-av.pem")), "av-auth: "+filepath.ToSlash(fixtures.Path("pki", "edge01-av-reused.pem")),
		"        files: {internal: "+filepath.ToSlash(fixtures.Path("pki", "edgearray-internal.pem"))+", av-auth: "+filepath.ToSlash(fixtures.Path("pki", "edgearray-av.pem"))+"}\n  - name: cwa01",
		"        files: {internal: "+filepath.ToSlash(fixtures.Path("pki", "edgearray-internal.pem"))+", av-auth: "+filepath.ToSlash(fixtures.Path("pki", "edgearray-av-other.pem"))+"}\n  - name: cwa01")
	r := Run(context.Background(), fileTargets(t, d), perimeterSettings(t))
	got := map[string]report.Target{}
	for _, tg := range r.Targets {
		got[tg.Server+" "+tg.Member+" "+tg.Kind] = tg
	}
	if tg := got["edge01  av-auth"]; tg.Status != report.Warn || !has(tg, "w_ocs_edge_av_cert_reuses_service_cert") {
		t.Errorf("edge01 A/V: %s %v", tg.Status, lintIDs(tg))
	}
	if tg := got["edge01  internal"]; tg.Status != report.Pass {
		t.Errorf("the internal certificate is not the one at fault: %s %v", tg.Status, lintIDs(tg))
	}
	for _, m := range []string{"edge02.contoso.com", "edge03.contoso.com"} {
		if tg := got["edgearray01 "+m+" av-auth"]; tg.Status != report.Fail || !has(tg, "e_ocs_edge_array_av_cert_differs") {
			t.Errorf("%s A/V: %s %v", m, tg.Status, lintIDs(tg))
		}
		if tg := got["edgearray01 "+m+" internal"]; tg.Status != report.Pass {
			t.Errorf("%s internal: %s %v", m, tg.Status, lintIDs(tg))
		}
	}
}

// TestPerimeterOverTLS: an Edge array whose members present different internal certificates, and a TLS media
// gateway that sends only its own certificate, on real TLS servers on 127.0.0.1.
func TestPerimeterOverTLS(t *testing.T) {
	edge02, edge03 := serveFixture(t, "edgearray-internal"), serveFixture(t, "edgearray-internal-other")
	gwGood, gwLeaf := serveFixture(t, "gw01"), serveFixture(t, "gw01-leaf-only")
	file := fmt.Sprintf(`sip_domains: [contoso.com]
servers:
  - name: edgearray01
    role: edge-array
    fqdn: edge-int.contoso.com
    access_edge_fqdn: sip.contoso.com
    members:
      - fqdn: edge02.contoso.com
        endpoints: {internal: %q}
      - fqdn: edge03.contoso.com
        endpoints: {internal: %q}
  - name: gw01
    role: media-gateway
    fqdn: gw01.contoso.com
    endpoints: {sip: %q}
  - name: gw02
    role: media-gateway
    fqdn: gw01.contoso.com
    endpoints: {sip: %q}
`, edge02, edge03, gwGood, gwLeaf)
	path := filepath.Join(t.TempDir(), "d.yaml")
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := policy.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	all, err := d.Targets(nil)
	if err != nil {
		t.Fatal(err)
	}
	var loopback []policy.Target // the array's external endpoints default to sip.contoso.com: never dialled here
	for _, tg := range all {
		if strings.HasPrefix(tg.Address, "127.0.0.1:") {
			loopback = append(loopback, tg)
		}
	}
	if len(loopback) != 4 {
		t.Fatalf("targets: %+v", all)
	}
	r := Run(context.Background(), loopback, perimeterSettings(t))
	for _, tg := range r.Targets {
		switch tg.Server {
		case "edgearray01":
			if tg.Status != report.Fail || !has(tg, "e_ocs_edge_array_internal_cert_differs") || has(tg, "n_ocs_pool_members_differ") {
				t.Errorf("%s: %s %v", tg.Member, tg.Status, lintIDs(tg))
			}
		case "gw01":
			if tg.Status != report.Pass {
				t.Errorf("gateway that sends its chain: %s %v", tg.Status, lintIDs(tg))
			}
		case "gw02":
			if tg.Status != report.Warn || !has(tg, "w_ocs_gateway_chain_not_sent") || has(tg, "w_ocs_chain_incomplete") {
				t.Errorf("gateway that sends only its leaf: %s %v", tg.Status, lintIDs(tg))
			}
		}
	}
}
