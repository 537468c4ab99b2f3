package lint

import (
	"strings"
	"testing"
)

// TestZlintDowngrades: a CN in BMPString or UniversalString, which Windows reads, does not fail on zlint's
// printable-characters lint; it is a notice that says why.
func TestZlintDowngrades(t *testing.T) {
	r, err := NewRunner(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"se01-bmp-cn", "se01-universal-cn"} {
		findings, err := r.Lint(input(t, name, ctxSE))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range findings {
			if f.Status >= Warn {
				t.Errorf("%s: %s %s: %s", name, f.Status, f.Lint, f.Details)
			}
			if f.Lint == "e_subject_dn_not_printable_characters" {
				found = true
				if f.Status != Notice || !strings.Contains(f.Details, "BMPString or UniversalString") {
					t.Errorf("%s: want a notice that says why, got %s %q", name, f.Status, f.Details)
				}
			}
		}
		if !found {
			t.Errorf("%s: zlint's printable-characters lint no longer fires: check whether the downgrade is still needed", name)
		}
	}
}
