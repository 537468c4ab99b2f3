package trust

import (
	"strings"
	"testing"
	"time"
)

// TestEveryKindHasACase: each problem kind is the first problem of at least one case, so that each reason an
// admin can read has been produced from a real chain.
func TestEveryKindHasACase(t *testing.T) {
	seen := map[ProblemKind]bool{}
	for _, c := range append(opensslCases(t), goCases(t)...) {
		seen[c.want.kind] = true
	}
	seen[TooLong] = true // TestTooLong makes that chain
	for k := range kindNames {
		if !seen[k] {
			t.Errorf("no case for %v", k)
		}
	}
}

// TestIncompleteTexts: for w_ocs_chain_incomplete, the remediation names the intermediate to import and the stale
// copy the server sends, and the details say why the copy it sends does not lead to the anchor.
func TestIncompleteTexts(t *testing.T) {
	s := NewStore(loadAll(t, "root", "inter"), nil)
	v := s.Check(load(t, "leaf"), loadAll(t, "inter-old"), testAt)
	if !v.Incomplete() {
		t.Fatalf("not incomplete: %+v", v)
	}
	rem := v.IncompleteRemediation()
	for _, want := range []string{`import "OSSL Issuing CA" into the Intermediate Certification Authorities store`, "delete", "restart the OCS services"} {
		if !strings.Contains(rem, want) {
			t.Errorf("remediation %q lacks %q", rem, want)
		}
	}
	det := v.IncompleteDetails()
	for _, want := range []string{"expired on 2025-01-01", `"OSSL Root CA"`} {
		if !strings.Contains(det, want) {
			t.Errorf("details %q lack %q", det, want)
		}
	}
	if good := s.Check(load(t, "leaf"), loadAll(t, "inter"), testAt); good.IncompleteDetails() != "" || good.IncompleteRemediation() != "" {
		t.Error("a complete chain has incomplete texts")
	}
}

// TestCAValidityAtTheJudgedTime: the same chain is good in 2030 and fails in 2046, when every CA has expired,
// naming the issuing CA first (the leaf's own validity is not judged here).
func TestCAValidityAtTheJudgedTime(t *testing.T) {
	s := NewStore(loadAll(t, "root"), nil)
	leaf, presented := load(t, "leaf"), loadAll(t, "inter")
	if v := s.Check(leaf, presented, testAt); !v.Trusted() {
		t.Fatalf("untrusted in 2030: %+v", v.Problems)
	}
	v := s.Check(leaf, presented, time.Date(2046, 1, 1, 0, 0, 0, 0, time.UTC))
	if v.Trusted() || len(v.Problems) != 2 || v.Problems[0].Kind != CAExpired || v.Problems[0].Certificate != "OSSL Issuing CA" ||
		v.Problems[1].Certificate != "OSSL Root CA" {
		t.Fatalf("in 2046: %+v", v.Problems)
	}
}
