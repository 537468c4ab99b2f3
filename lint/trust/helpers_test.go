package trust

import (
	stdx509 "crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
)

// testAt is the time the test PKIs are judged at (testdata/make.sh and the Go-made PKI build around it).
var testAt = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

// load parses testdata/NAME.pem (made by testdata/make.sh) with zcrypto.
func load(t testing.TB, name string) *x509.Certificate {
	t.Helper()
	return readPEM(t, filepath.Join("testdata", name+".pem"))[0]
}

// readPEM parses every CERTIFICATE block of a PEM file with zcrypto; a file without one fails the test.
func readPEM(t testing.TB, path string) []*x509.Certificate {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v (regenerate testdata/ with sh testdata/make.sh)", path, err)
	}
	var certs []*x509.Certificate
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Fatalf("parse %s: %v", path, err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		t.Fatalf("%s holds no PEM certificate", path)
	}
	return certs
}

func loadAll(t testing.TB, names ...string) []*x509.Certificate {
	t.Helper()
	out := make([]*x509.Certificate, 0, len(names))
	for _, n := range names {
		out = append(out, load(t, n))
	}
	return out
}

// reparse returns a fresh zcrypto parse of c (a certificate no other goroutine holds).
func reparse(t testing.TB, c *x509.Certificate) *x509.Certificate {
	t.Helper()
	p, err := x509.ParseCertificate(c.Raw)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// stdPool builds a crypto/x509 pool of the certificates.
func stdPool(t testing.TB, certs []*x509.Certificate) *stdx509.CertPool {
	t.Helper()
	pool := stdx509.NewCertPool()
	for _, c := range certs {
		sc, err := stdx509.ParseCertificate(c.Raw)
		if err != nil {
			t.Fatalf("crypto/x509 cannot parse %q: %v", c.Subject.CommonName, err)
		}
		pool.AddCert(sc)
	}
	return pool
}

// chainCase is one chain and what Check must say about it.
type chainCase struct {
	name      string
	leaf      *x509.Certificate
	presented []*x509.Certificate
	caFile    []*x509.Certificate
	system    []*x509.Certificate // roots of a system pool (nil: no system roots)
	want      want
	// sha2 marks a chain signed with SHA-2 (or EdDSA) throughout: its trusted-or-not verdict must agree with
	// openssl verify and Go's crypto/x509 unless opensslDiffers or goDiffers says why not (and then they must
	// disagree, so that the reason stays true).
	sha2           bool
	opensslDiffers string
	goDiffers      string
}

type want struct {
	outcome    Outcome
	kind       ProblemKind // of Problems[0]; 0 for a good chain
	about      string      // Problems[0].Certificate
	incomplete bool
	selfSigned bool
	pathLen    int      // 0: not checked
	details    []string // substrings of Problems[0].Details
	remedy     []string // substrings of Problems[0].Remediation
	notRemedy  []string // must not be in Problems[0].Remediation
	why        []string // substrings of the Why of the first presented certificate the path does not use
	incDetails []string // substrings of IncompleteDetails()
}

func (c chainCase) store(t testing.TB) *Store {
	t.Helper()
	var system *stdx509.CertPool
	if c.system != nil {
		system = stdPool(t, c.system)
	}
	return NewStore(c.caFile, system)
}

// check runs Check on the case and compares the verdict with what it wants.
func (c chainCase) check(t *testing.T) *Verdict {
	t.Helper()
	v := c.store(t).Check(c.leaf, c.presented, testAt)
	w := c.want
	if v.Outcome != w.outcome {
		t.Errorf("outcome %v, want %v; problems %+v", v.Outcome, w.outcome, v.Problems)
	}
	switch {
	case w.kind == 0:
		if len(v.Problems) != 0 {
			t.Errorf("problems %+v, want none", v.Problems)
		}
	case len(v.Problems) == 0:
		t.Errorf("no problem, want %v", w.kind)
	default:
		p := v.Problems[0]
		if p.Kind != w.kind {
			t.Errorf("first problem %v (%s), want %v", p.Kind, p.Details, w.kind)
		}
		if w.about != "" && p.Certificate != w.about {
			t.Errorf("problem about %q, want %q", p.Certificate, w.about)
		}
		for _, s := range w.details {
			if !strings.Contains(p.Details, s) {
				t.Errorf("details %q lack %q", p.Details, s)
			}
		}
		for _, s := range w.remedy {
			if !strings.Contains(p.Remediation, s) {
				t.Errorf("remediation %q lacks %q", p.Remediation, s)
			}
		}
		for _, s := range w.notRemedy {
			if strings.Contains(p.Remediation, s) {
				t.Errorf("remediation %q says %q", p.Remediation, s)
			}
		}
		if p.Details == "" || p.Remediation == "" || p.Certificate == "" {
			t.Errorf("problem %+v lacks a part", p)
		}
	}
	if v.Incomplete() != w.incomplete {
		t.Errorf("incomplete %v, want %v (unsent %v)", v.Incomplete(), w.incomplete, names(v.Unsent))
	}
	if v.SelfSigned != w.selfSigned {
		t.Errorf("self-signed %v, want %v", v.SelfSigned, w.selfSigned)
	}
	if w.pathLen != 0 && len(v.Path) != w.pathLen {
		t.Errorf("path %v, want %d certificates", names(v.Path), w.pathLen)
	}
	if len(v.Path) == 0 || v.Path[0] != c.leaf {
		t.Errorf("path %v does not start with the caller's leaf", names(v.Path))
	}
	if v.Trusted() && v.AnchorName == "" {
		t.Error("trusted without an anchor name")
	}
	if v.Outcome == Anchored && v.Anchor == nil {
		t.Error("anchored without an anchor")
	}
	if len(w.why) > 0 {
		var why string
		for _, p := range v.Presented {
			if !p.Used {
				why = p.Why
				break
			}
		}
		for _, s := range w.why {
			if !strings.Contains(why, s) {
				t.Errorf("why the presented certificate is unused: %q lacks %q", why, s)
			}
		}
	}
	for _, s := range w.incDetails {
		if d := v.IncompleteDetails(); !strings.Contains(d, s) {
			t.Errorf("incomplete details %q lack %q", d, s)
		}
	}
	if v.Incomplete() && (v.IncompleteDetails() == "" || v.IncompleteRemediation() == "") {
		t.Error("incomplete without details or remediation")
	}
	for _, p := range v.Presented {
		if !p.Used && p.Why == "" {
			t.Errorf("presented %q unused without a reason", p.Name)
		}
	}
	return v
}

func names(certs []*x509.Certificate) []string {
	out := make([]string, len(certs))
	for i, c := range certs {
		out[i] = name(c)
	}
	return out
}

// differential compares the case's trusted-or-not verdict with openssl verify and Go's crypto/x509 (both given
// the --ca-file anchors and the system roots as roots, the presented and --ca-file intermediates as untrusted
// certificates, the server-authentication purpose and the test time).
func (c chainCase) differential(t *testing.T, ours bool) {
	t.Helper()
	var roots, inters []*x509.Certificate
	inters = append(inters, c.presented...)
	for _, ca := range append(append([]*x509.Certificate(nil), c.caFile...), c.system...) {
		if selfIssued(ca) && ca.CheckSignature(ca.SignatureAlgorithm, ca.RawTBSCertificate, ca.Signature) == nil {
			roots = append(roots, ca)
		} else {
			inters = append(inters, ca)
		}
	}
	goOK, goErr := goVerify(t, c.leaf, roots, inters)
	sslOK, sslOut := opensslVerify(t, c.leaf, roots, inters)
	compare := func(tool string, theirs bool, differs, detail string) {
		switch {
		case differs == "" && theirs != ours:
			t.Errorf("%s says trusted=%v, uclint %v (%s)", tool, theirs, ours, detail)
		case differs != "" && theirs == ours:
			t.Errorf("%s agrees (trusted=%v), but the case says it differs: %s", tool, ours, differs)
		}
	}
	compare("crypto/x509", goOK, c.goDiffers, goErr)
	compare("openssl verify", sslOK, c.opensslDiffers, sslOut)
}

func goVerify(t *testing.T, leaf *x509.Certificate, roots, inters []*x509.Certificate) (bool, string) {
	t.Helper()
	sl, err := stdx509.ParseCertificate(leaf.Raw)
	if err != nil {
		return false, err.Error()
	}
	rootPool := stdx509.NewCertPool()
	for _, r := range roots {
		if sc, err := stdx509.ParseCertificate(r.Raw); err == nil {
			rootPool.AddCert(sc)
		}
	}
	interPool := stdx509.NewCertPool()
	for _, r := range inters {
		if sc, err := stdx509.ParseCertificate(r.Raw); err == nil {
			interPool.AddCert(sc)
		}
	}
	_, err = sl.Verify(stdx509.VerifyOptions{Roots: rootPool, Intermediates: interPool, CurrentTime: testAt,
		KeyUsages: []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageServerAuth}})
	if err != nil {
		return false, err.Error()
	}
	return true, ""
}

// opensslVerify runs `openssl verify -purpose sslserver -attime` on the chain, without the machine's own roots.
func opensslVerify(t *testing.T, leaf *x509.Certificate, roots, inters []*x509.Certificate) (bool, string) {
	t.Helper()
	bin := requireOpenSSL(t)
	dir := t.TempDir()
	write := func(file string, certs []*x509.Certificate) string {
		var b []byte
		for _, c := range certs {
			b = append(b, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
		}
		p := filepath.Join(dir, file)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	args := []string{"verify", "-no-CApath", "-no-CAstore", "-purpose", "sslserver",
		"-attime", strconv.FormatInt(testAt.Unix(), 10)}
	if len(roots) > 0 {
		args = append(args, "-CAfile", write("roots.pem", roots))
	} else {
		args = append(args, "-no-CAfile")
	}
	if len(inters) > 0 {
		args = append(args, "-untrusted", write("inters.pem", inters))
	}
	args = append(args, write("leaf.pem", []*x509.Certificate{leaf}))
	out, err := exec.Command(bin, args...).CombinedOutput() // #nosec G204 -- the test's own openssl call
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("openssl verify: %v", err)
	}
	return err == nil, strings.TrimSpace(string(out))
}

func requireOpenSSL(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl is not installed: the differential tests compare with `openssl verify` (CI installs it)")
	}
	return bin
}
