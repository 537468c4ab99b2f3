package lint

import (
	"github.com/zmap/zcrypto/x509"
	zlint "github.com/zmap/zlint/v3/lint"
)

// downgrade is a finding of one of zlint's own lints that uclint lowers to a notice, because the certificate is one
// Windows accepts and the lint trips on a quirk of how the certificate is written rather than on a problem. Each
// one is listed in the README ("Findings of zlint that uclint lowers").
type downgrade struct {
	lint    string                         // the zlint lint
	applies func(c *x509.Certificate) bool // when the quirk is the cause
	reason  string                         // why, appended to the details
}

// downgrades lists every zlint finding uclint lowers.
func downgrades() []downgrade {
	return []downgrade{{
		lint:    "e_subject_dn_not_printable_characters",
		applies: wideStringsOnly,
		reason: "uclint lowers this to a notice: the Subject uses BMPString or UniversalString, which Windows decodes " +
			"as UTF-16 or UTF-32 and reads as printable text; zlint reads those bytes as UTF-8 and sees control characters",
	}}
}

// lowered returns res lowered to a notice, with the reason appended, when a downgrade applies to it.
func lowered(name string, c *x509.Certificate, res *zlint.LintResult) *zlint.LintResult {
	if res == nil || res.Status <= zlint.Notice {
		return res
	}
	for _, d := range downgrades() {
		if d.lint == name && d.applies(c) {
			details := res.Details
			if details != "" {
				details += " "
			}
			return &zlint.LintResult{Status: zlint.Notice, Details: details + "(" + d.reason + ")"}
		}
	}
	return res
}
