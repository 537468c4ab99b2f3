package lint

import (
	"testing"

	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint/trust"
)

// TestGatewayChainNotSent: a TLS media gateway that sends only its own certificate is told so by its own rule,
// which takes the place of w_ocs_chain_incomplete for it.
func TestGatewayChainNotSent(t *testing.T) {
	runCases(t, nameGatewayChain, []ruleCase{
		{"leaf and issuing CA sent", "gw01", ctxGateway, "sip", zlint.Pass},
		{"only the leaf sent", "gw01-leaf-only", ctxGateway, "sip", zlint.Warn},
		{"a file is not a gateway that sends nothing", "gw01-leaf-only", ctxGateway, "", zlint.NA},
		{"a Standard Edition server: chain_incomplete's job", "se01-leaf-only", ctxSE, "sip", zlint.NA},
		{"self-signed: nothing to send", "se01-self-signed", ctxGateway, "sip", zlint.NA},
	})
	runCases(t, nameChainIncomplete, []ruleCase{
		{"the gateway rule replaces it", "gw01-leaf-only", ctxGateway, "sip", zlint.NA},
		{"other roles keep it", "se01-leaf-only", ctxSE, "sip", zlint.Warn},
	})
	// Only the root in --ca-file: the issuing CA is found nowhere, and the gateway still sends only its leaf.
	in := input(t, "gw01-leaf-only", ctxGateway)
	in.Endpoint = "sip"
	in.Trust = trust.NewStore(readPEM(t, fixture("pki", "contoso-root.pem")), nil)
	if res, _ := runRule(t, nameGatewayChain, in); res.Status != zlint.Warn {
		t.Fatalf("leaf only, issuer unknown: %s (%s)", res.Status, res.Details)
	}
	in.Chain = []*x509.Certificate{}
	in.Trust = nil
	if res, _ := runRule(t, nameGatewayChain, in); res.Status != zlint.Warn {
		t.Fatalf("leaf only, chains not checked: %s (%s)", res.Status, res.Details)
	}
}
