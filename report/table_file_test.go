package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/uclint/uclint/lint"
)

// TestScanTableFileTarget: a scan's certificate file (an Edge Server's A/V authentication certificate, which no
// endpoint presents) shows as "file" with its name in the table, and with its path over its findings.
func TestScanTableFileTarget(t *testing.T) {
	path := filepath.Join("certs", "edge01-av.pem")
	av := Target{Server: "edge01", File: path, Kind: "av-auth", Status: Warn,
		Findings: []Finding{finding("w_ocs_edge_av_cert_reuses_service_cert", lint.Warn, "shares the internal key", "request another", "")}}
	r := &Report{Targets: []Target{av}}
	r.Finish()
	out := render(t, r, FormatTable, Options{Live: true})
	if !strings.Contains(out, "│ file ") || !strings.Contains(out, " edge01-av.pem ") {
		t.Errorf("the row should say file and its name:\n%s", out)
	}
	if !strings.Contains(out, "edge01 file ("+path+"): warn") {
		t.Errorf("the heading should give the path:\n%s", out)
	}
}
