package lint

import (
	"strings"
	"testing"

	"github.com/uclint/uclint/policy"
)

// seenFixture is a fixture certificate as the audit saw it for a server.
func seenFixture(t *testing.T, name, server, member, endpoint, file string, ctx policy.Context) Seen {
	t.Helper()
	c, _ := leaf(t, name)
	return Seen{Server: server, Member: member, Endpoint: endpoint, File: file, Certificate: c, Context: ctx}
}

// findingsOf lists the lint IDs of findings.
func lintIDsOf(fs []Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Lint)
	}
	return ids
}

func hasFinding(fs []Finding, id string) (Finding, bool) {
	for _, f := range fs {
		if f.Lint == id {
			return f, true
		}
	}
	return Finding{}, false
}

func newRunnerT(t *testing.T) *Runner {
	t.Helper()
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestEdgeAVReusesServiceCertificate: the A/V authentication certificate, read from a file, shares its key with the
// internal interface's certificate presented on the Edge Server.
func TestEdgeAVReusesServiceCertificate(t *testing.T) {
	r := newRunnerT(t)
	internal := seenFixture(t, "edge01-internal", "edge01", "", "internal", "", kind(ctxEdge, "internal"))
	internal.Address = "10.0.0.21:5061"
	access := seenFixture(t, "edge01-access", "edge01", "", "access", "", kind(ctxEdge, "access"))
	own := seenFixture(t, "edge01-av", "edge01", "", "", "edge01-av.pem", kind(ctxEdge, "av-auth"))
	reused := seenFixture(t, "edge01-av-reused", "edge01", "", "", "edge01-av-reused.pem", kind(ctxEdge, "av-auth"))
	if f := r.DeploymentFindings([]Seen{internal, access, own}); len(f) != 0 {
		t.Fatalf("an A/V certificate with its own key: %v", f)
	}
	f := r.DeploymentFindings([]Seen{internal, access, reused})
	got, ok := hasFinding(f[2], nameEdgeAVReuse)
	if !ok || len(f) != 1 {
		t.Fatalf("want the reuse warning on the A/V certificate only, got %v", f)
	}
	for _, want := range []string{"internal endpoint at 10.0.0.21:5061", "Edge internal interface certificate", "edge01-av-reused.pem", "UNCERTAIN"} {
		if !strings.Contains(got.Details, want) {
			t.Errorf("details lack %q: %s", want, got.Details)
		}
	}
	// The very same certificate used for both is said so; another server's certificates are never compared.
	same := seenFixture(t, "edge01-internal", "edge01", "", "", "internal-as-av.pem", kind(ctxEdge, "av-auth"))
	if f := r.DeploymentFindings([]Seen{internal, same}); !strings.Contains(f[1][0].Details, "the very same certificate") {
		t.Errorf("same certificate: %v", f)
	}
	other := internal
	other.Server = "edge02"
	if f := r.DeploymentFindings([]Seen{other, reused}); len(f) != 0 {
		t.Errorf("another Edge Server's certificate: %v", f)
	}
}

// TestEdgeArrayCertificatesDiffer: the members of an Edge array must present one internal certificate and hold one
// A/V authentication certificate.
func TestEdgeArrayCertificatesDiffer(t *testing.T) {
	r := newRunnerT(t)
	member := func(name, m, endpoint, file, k string) Seen {
		return seenFixture(t, name, "edgearray01", m, endpoint, file, kind(withMember(ctxEdgeArray, m), k))
	}
	same := []Seen{
		member("edgearray-internal", "edge02.contoso.com", "internal", "", "internal"),
		member("edgearray-internal", "edge03.contoso.com", "internal", "", "internal"),
		member("edgearray-av", "edge02.contoso.com", "", "av02.pem", "av-auth"),
		member("edgearray-av", "edge03.contoso.com", "", "av03.pem", "av-auth"),
	}
	if f := r.DeploymentFindings(same); len(f) != 0 {
		t.Fatalf("one certificate on every member: %v", f)
	}
	differ := []Seen{same[0],
		member("edgearray-internal-other", "edge03.contoso.com", "internal", "", "internal"),
		same[2],
		member("edgearray-av-other", "edge03.contoso.com", "", "av03.pem", "av-auth"),
	}
	f := r.DeploymentFindings(differ)
	for i, want := range []string{nameEdgeArrayInternalDiffer, nameEdgeArrayInternalDiffer, nameEdgeArrayAVDiffers, nameEdgeArrayAVDiffers} {
		got, ok := hasFinding(f[i], want)
		if !ok || got.Status != Error {
			t.Fatalf("seen %d: want %s, got %v", i, want, lintIDsOf(f[i]))
		}
		if _, notice := hasFinding(f[i], namePoolMembersDiffer); notice {
			t.Errorf("seen %d: the array's own rule replaces the pool notice: %v", i, lintIDsOf(f[i]))
		}
	}
	if d := f[2][0].Details; !strings.Contains(d, "edge02.contoso.com") || !strings.Contains(d, "edge03.contoso.com") || !strings.Contains(d, "UNCERTAIN") {
		t.Errorf("A/V details: %s", d)
	}
	if d := f[0][0].Details; !strings.Contains(d, "Edge array edgearray01") {
		t.Errorf("internal details: %s", d)
	}
	// One member's A/V certificate alone: nothing to compare.
	if f := r.DeploymentFindings(differ[2:3]); len(f) != 0 {
		t.Errorf("one member: %v", f)
	}
	// A reissued A/V certificate on the same key pair and issuer is the same certificate as far as A/V goes.
	reissued := member("edge01-av-reused", "edge03.contoso.com", "", "av03.pem", "av-auth")
	withInternalKey := member("edge01-internal", "edge02.contoso.com", "", "av02.pem", "av-auth")
	if f := r.DeploymentFindings([]Seen{withInternalKey, reissued}); len(f) != 0 {
		t.Errorf("same issuer and key: %v", f)
	}
}
