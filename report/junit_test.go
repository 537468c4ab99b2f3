package report

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestJUnitParsesBack reads the JUnit XML back: counts, failures with their fix, errors, and classnames that CI
// systems do not split into a broken package tree.
func TestJUnitParsesBack(t *testing.T) {
	var suites junitSuites
	if err := xml.Unmarshal([]byte(render(t, checkReport(), FormatJUnit, Options{})), &suites); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if suites.Tests != 5 || suites.Failures != 2 || suites.Errors != 1 || len(suites.Suites) != 5 {
		t.Fatalf("tests %d failures %d errors %d suites %d", suites.Tests, suites.Failures, suites.Errors, len(suites.Suites))
	}
	member := suites.Suites[1].Cases[0]
	if member.Failure == nil || member.Failure.Message != "e_ocs_subject_cn_not_role_fqdn" || !strings.Contains(member.Failure.Text, "fix: request a new certificate") {
		t.Fatalf("member CN failure: %+v", member)
	}
	if old := suites.Suites[2].Cases[0]; old.Failure == nil || old.Failure.Message != "e_ocs_san_missing_sip_domain" ||
		!strings.Contains(old.Failure.Text, "warn w_ocs_certificate_expiring_soon") {
		t.Fatalf("the failure message names the errors, the text every finding: %+v", old.Failure)
	}
	if warned := suites.Suites[3].Cases[0]; warned.Failure != nil || warned.Error != nil || !strings.Contains(warned.SystemOut, "w_ocs_sha1_signature") {
		t.Fatalf("a warning must show in system-out without failing: %+v", warned)
	}
	if bad := suites.Suites[4].Cases[0]; bad.Error == nil || !strings.Contains(bad.Error.Message, "the file is empty") {
		t.Fatalf("bad file: %+v", bad)
	}
	for _, s := range suites.Suites {
		for _, c := range s.Cases {
			pkg, class, _ := strings.Cut(c.ClassName, ".")
			if pkg != "uclint" || strings.Contains(class, ".") {
				t.Errorf("classname %q: CI systems split it at the dots", c.ClassName)
			}
			if !strings.HasPrefix(c.Name, s.Name+": certificate") {
				t.Errorf("case %q does not carry the readable file name %q", c.Name, s.Name)
			}
		}
	}
}

func TestJUnitScan(t *testing.T) {
	var suites junitSuites
	if err := xml.Unmarshal([]byte(render(t, scanReport(), FormatJUnit, Options{Live: true})), &suites); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	var names []string
	for _, s := range suites.Suites {
		names = append(names, s.Name)
	}
	if strings.Join(names, ",") != "se01,pool01,dir01,dir02" || len(suites.Suites[1].Cases) != 3 {
		t.Fatalf("one suite per server: %v", names)
	}
	fe02 := suites.Suites[1].Cases[1]
	if fe02.Name != "pool01 fe02.contoso.com sip (fe02.contoso.com:5061)" || fe02.ClassName != "uclint.pool01" || fe02.Failure == nil {
		t.Fatalf("fe02 sip: %+v", fe02)
	}
	if className("fe01.contoso.com") != "uclint.fe01_contoso_com" {
		t.Fatalf("className(fe01.contoso.com) = %q", className("fe01.contoso.com"))
	}
}
