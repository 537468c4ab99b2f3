package lint

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint/trust"
)

func TestChainUntrusted(t *testing.T) {
	runCases(t, nameChainUntrusted, []ruleCase{
		{"Contoso chain", "se01", ctxSE, "", zlint.Pass},
		{"leaf only, issuing CA from --ca-file", "se01-leaf-only", ctxSE, "", zlint.Pass},
		{"public CA", "se01-public", ctxSE, "", zlint.Pass},
		{"SHA-1 signed by the Enterprise CA", "se01-sha1", ctxSE, "", zlint.Pass},
		{"expired certificate still chains", "se01-expired", ctxSE, "", zlint.Pass},
		{"self-signed", "se01-self-signed", ctxSE, "", zlint.Error},
		{"unknown CA", "se01-rogue", ctxSE, "", zlint.Error},
		{"IIS self-signed", "fe02-iis-selfsigned", ctxSE, "", zlint.Error},
	})
}

// osslPEM reads a certificate of the OpenSSL-made PKI of lint/trust/testdata.
func osslPEM(t testing.TB, name string) *x509.Certificate {
	t.Helper()
	return readPEM(t, filepath.Join("trust", "testdata", name+".pem"))[0]
}

// TestChainReasons: every way a chain can fail gives its own reason, naming the certificate at fault (the old
// check said "the issuer is neither in the file nor in --ca-file" whatever went wrong).
func TestChainReasons(t *testing.T) {
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	root, inter := osslPEM(t, "root"), osslPEM(t, "inter")
	cases := []struct {
		name      string
		leaf      string
		presented []string
		ca        []*x509.Certificate
		want      zlint.LintStatus
		says      []string
	}{
		{"good chain", "leaf", []string{"inter"}, []*x509.Certificate{root}, zlint.Pass, nil},
		{"intermediate CA expired", "leaf-expired-ca", []string{"inter-expired"}, []*x509.Certificate{root}, zlint.Error, []string{"OSSL Expired CA", "expired", "2025-01-01"}},
		{"intermediate CA not yet valid", "leaf-future-ca", []string{"inter-future"}, []*x509.Certificate{root}, zlint.Error, []string{"OSSL Future CA", "2035-01-01"}},
		{"name constraint excludes the name", "leaf-nc-excluded", []string{"inter-nc"}, []*x509.Certificate{root}, zlint.Error, []string{"web.secret.contoso.com", "OSSL Constrained CA"}},
		{"name outside the permitted names", "leaf-nc-permitted", []string{"inter-nc"}, []*x509.Certificate{root}, zlint.Error, []string{"se01.fabrikam.com", "OSSL Constrained CA"}},
		{"CA's EKU lacks Server Authentication", "leaf-eku", []string{"inter-eku"}, []*x509.Certificate{root}, zlint.Error, []string{"OSSL Client Auth CA", "Server Authentication"}},
		{"issuer is not a CA", "leaf-notca", []string{"notca"}, []*x509.Certificate{root, inter}, zlint.Error, []string{"notca.contoso.com", "not a CA"}},
		{"path length exceeded", "leaf-pl", []string{"sub-pl", "inter-pl0"}, []*x509.Certificate{root}, zlint.Error, []string{"OSSL Policy CA", "Path Length Constraint=0", "OSSL Sub CA"}},
		{"intermediate missing", "leaf", nil, []*x509.Certificate{root}, zlint.Error, []string{"OSSL Issuing CA"}},
		{"root missing", "leaf", []string{"inter"}, nil, zlint.Error, []string{"OSSL Root CA"}},
		{"self-signed server certificate", "leaf-self", nil, []*x509.Certificate{root}, zlint.Error, []string{"self-signed"}},
		{"self-signed server certificate given with --ca-file is an anchor", "leaf-self", nil, []*x509.Certificate{root, osslPEM(t, "leaf-self")}, zlint.Pass, nil},
		{"SHA-1 chain is built (its hash is judged by another rule)", "leaf-sha1", []string{"inter-sha1"}, []*x509.Certificate{osslPEM(t, "root-sha1")}, zlint.Pass, nil},
		{"MD5 chain is built (its hash is judged by another rule)", "leaf-md5", []string{"inter-md5"}, []*x509.Certificate{osslPEM(t, "root-md5")}, zlint.Pass, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var presented []*x509.Certificate
			for _, p := range tc.presented {
				presented = append(presented, osslPEM(t, p))
			}
			in := Input{Leaf: osslPEM(t, tc.leaf), Chain: presented, Context: ctxSE, At: at, Trust: trust.NewStore(tc.ca, nil)}
			res, fix := runRule(t, nameChainUntrusted, in)
			if res.Status != tc.want {
				t.Fatalf("got %s (%q), want %s", res.Status, res.Details, tc.want)
			}
			for _, s := range tc.says {
				if !strings.Contains(res.Details, s) {
					t.Errorf("details %q do not say %q", res.Details, s)
				}
			}
			if tc.want == zlint.Error && (fix == "" || strings.Contains(res.Details, "neither in the file nor in --ca-file")) {
				t.Errorf("remediation %q for %q", fix, res.Details)
			}
		})
	}
}

// TestChainIncompleteSaysWhatWasSent: a server that sends an expired pre-renewal copy of its issuing CA (the
// renewed one is in --ca-file) has an incomplete chain, and the warning says what it sent and why it does not help.
func TestChainIncompleteSaysWhatWasSent(t *testing.T) {
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	store := trust.NewStore([]*x509.Certificate{osslPEM(t, "root"), osslPEM(t, "inter")}, nil)
	for _, tc := range []struct {
		name      string
		presented []string
		want      zlint.LintStatus
		says      string
	}{
		{"intermediate sent", []string{"inter"}, zlint.Pass, ""},
		{"expired copy of the CA sent", []string{"inter-old"}, zlint.Warn, "expired"},
		{"a CA with the right name and another key sent", []string{"inter-otherkey"}, zlint.Warn, "OSSL Issuing CA"},
		{"only its own certificate sent", nil, zlint.Warn, "only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var presented []*x509.Certificate
			for _, p := range tc.presented {
				presented = append(presented, osslPEM(t, p))
			}
			in := Input{Leaf: osslPEM(t, "leaf"), Chain: presented, Context: ctxSE, Endpoint: "sip", At: at, Trust: store}
			res, _ := runRule(t, nameChainIncomplete, in)
			if res.Status != tc.want || !strings.Contains(res.Details, tc.says) {
				t.Fatalf("got %s %q, want %s saying %q", res.Status, res.Details, tc.want, tc.says)
			}
		})
	}
}
