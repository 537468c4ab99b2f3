package main

import (
	"bytes"
	"context"
	stdx509 "crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	zlint "github.com/zmap/zlint/v3/lint"

	"github.com/uclint/uclint/lint"
	"github.com/uclint/uclint/policy"
	"github.com/uclint/uclint/report"
)

// ruleInfo is what 'uclint explain' and 'uclint lints' say of a rule.
type ruleInfo struct {
	ID          string `json:"id"`
	Source      string `json:"source"`
	Product     string `json:"product,omitempty"` // the product whose rule it is; "" for zlint's own lints
	Severity    string `json:"severity"`
	Description string `json:"description"`
	Citation    string `json:"citation"`
	Remediation string `json:"remediation,omitempty"` // the fix whatever the certificate; "" when it depends on it
	// Rule is the rule's entry in its product's profile; nil for zlint's lints and the DNS rules.
	rule *policy.RuleSpec
	// profile is the product whose source the rule is registered under; nil for zlint's lints.
	profile *policy.Profile
}

// describe is what uclint knows of a registered lint.
func describe(l *zlint.CertificateLint) ruleInfo {
	info := ruleInfo{ID: l.Name, Source: string(l.Source), Severity: severityOf(l.Name), Description: l.Description, Citation: l.Citation}
	p := productOfSource(l.Source)
	if p != nil {
		info.profile, info.Product = p, p.ID
		for i := range p.Rules {
			if p.RuleID(p.Rules[i].Rule) == l.Name {
				info.rule = &p.Rules[i]
			}
		}
	}
	fixFor := p
	if fixFor == nil {
		fixFor, _ = policy.Product("")
	}
	info.Remediation = lint.GeneralRemediation(l, fixFor)
	return info
}

// productOfSource is the product whose rules are registered under a zlint source, or nil.
func productOfSource(s zlint.LintSource) *policy.Profile {
	for _, p := range policy.Profiles() {
		if p.Source == string(s) {
			return p
		}
	}
	return nil
}

func (a *app) explainCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Explain a rule: what it requires, why, how to fix a finding, and an example that fails and one that passes",
		Example: "  uclint explain e_ocs_san_missing_web_farm\n" +
			"  uclint explain e_sub_cert_aia_missing",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("explain needs one rule ID, e.g. uclint explain e_ocs_san_missing_web_farm ('uclint lints' lists them)")
			}
			return nil
		},
		ValidArgsFunction: completeRuleIDs,
		RunE: func(c *cobra.Command, args []string) error {
			l := zlint.GlobalRegistry().CertificateLints().ByName(args[0])
			if l == nil {
				return usageError("no rule %q%s; 'uclint lints' lists them", args[0], suggestRules(args[0]))
			}
			return explain(c.OutOrStdout(), describe(l))
		},
	}
}

// suggestRules names the rules whose ID contains what was typed.
func suggestRules(typed string) string {
	var near []string
	for _, name := range zlint.GlobalRegistry().Names() {
		if typed != "" && strings.Contains(name, strings.ToLower(typed)) {
			near = append(near, name)
		}
	}
	sort.Strings(near)
	if len(near) == 0 || len(near) > 8 {
		return ""
	}
	return " (did you mean " + strings.Join(near, ", ") + "?)"
}

// explain writes what a rule is, and runs its failing example to show a real finding and its fix.
func explain(w io.Writer, info ruleInfo) error {
	var b strings.Builder
	who := "zlint's own lint, source " + info.Source
	if info.profile != nil {
		who = info.profile.Name + " (source " + info.Source + ")"
	}
	fmt.Fprintf(&b, "%s\n  severity: %s\n  product:  %s\n\n%s\n\nCitation: %s\n", info.ID, info.Severity, who, info.Description, info.Citation)
	ex, hasExamples := ruleExamples{}, false
	if info.rule != nil {
		ex, hasExamples = examples[info.rule.Rule]
		if info.profile.ID != policy.DefaultProduct {
			hasExamples = false
		}
	}
	var shown *report.Finding
	if hasExamples && ex.none == "" {
		shown = runExample(ex.fail, info.ID)
	}
	switch {
	case info.Remediation != "":
		fmt.Fprintf(&b, "Remediation: %s\n", info.Remediation)
	case shown != nil:
		fmt.Fprintf(&b, "Remediation: each finding says what to change for its certificate; on the failing example below:\n  %s\n", shown.Remediation)
	default:
		b.WriteString("Remediation: each finding says what to change for its certificate\n")
	}
	switch {
	case hasExamples && ex.none == "":
		fmt.Fprintf(&b, "\nFails (%s):\n  %s\n", ex.fail.target, ex.fail)
		if shown != nil {
			fmt.Fprintf(&b, "  -> %s: %s\n", shown.Status, shown.Details)
		}
		fmt.Fprintf(&b, "Passes (%s):\n  %s\n", ex.pass.target, ex.pass)
		if shown == nil && fixturesRoot() == "" {
			b.WriteString("\nThe examples run in a clone of the uclint repository (fixtures/): run 'uclint explain' there to see the failing one's finding; 'uclint demo' is the simulated deployment.\n")
		} else {
			b.WriteString("\nThe examples run in a clone of the uclint repository (fixtures/); 'uclint demo' is the simulated deployment.\n")
		}
	case hasExamples:
		fmt.Fprintf(&b, "\nNo example to run: %s.\n", ex.none)
	case info.profile != nil && info.rule == nil:
		b.WriteString("\nA DNS rule of automatic client sign-in: it judges what DNS answers for a SIP domain, not a certificate alone.\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("print the explanation: %w", err)
	}
	return nil
}

// runExample runs an example against the fixtures of the clone of the uclint repository explain runs in (found
// from the working folder up) and returns the rule's finding on the example's target, or nil when it cannot be
// shown: uclint itself holds no fixture, so that the binary holds no private key. It runs in this process, with
// the example's environment given to the run (its SSL_CERT_FILE as the run's system roots), not set in the
// process's.
func runExample(e example, rule string) *report.Finding {
	dir := fixturesRoot()
	if dir == "" {
		return nil
	}
	inDir := func(s string) string {
		if k, v, ok := strings.Cut(s, "="); ok && strings.HasPrefix(v, "fixtures/") {
			return k + "=" + filepath.Join(dir, filepath.FromSlash(v))
		}
		if strings.HasPrefix(s, "fixtures/") {
			return filepath.Join(dir, filepath.FromSlash(s))
		}
		return s
	}
	var out, errOut bytes.Buffer
	a := &app{stdout: &out, stderr: &errOut, env: map[string]string{}}
	for _, kv := range e.env {
		k, v, _ := strings.Cut(inDir(kv), "=")
		a.env[k] = v
	}
	if file, ok := a.env["SSL_CERT_FILE"]; ok {
		if a.systemRoots = systemRootsWith(file); a.systemRoots == nil {
			return nil
		}
	}
	args := make([]string, 0, len(e.args)+2)
	for _, arg := range e.args {
		args = append(args, inDir(arg))
	}
	a.execute(context.Background(), append(args, "--format", "json"))
	var r report.Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		return nil
	}
	for _, t := range r.Targets {
		if exampleTarget(t, dir) != e.target {
			continue
		}
		for i := range t.Findings {
			if t.Findings[i].Lint == rule {
				return &t.Findings[i]
			}
		}
	}
	return nil
}

// systemRootsWith are the system roots with the certificates of file added: what a process started with
// SSL_CERT_FILE=file trusts on Linux, where the file replaces the system's bundle and the folders of system roots
// (holding the same roots) still count. Nil when the file holds no certificate.
func systemRootsWith(file string) *stdx509.CertPool {
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	pool, err := stdx509.SystemCertPool()
	if err != nil {
		pool = stdx509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil
	}
	return pool
}

// exampleTarget names a report target as examples do: the file (relative to the folder the fixtures are in), or
// "server member endpoint" with "-" for no member.
func exampleTarget(t report.Target, dir string) string {
	if t.File != "" {
		if rel, err := filepath.Rel(dir, t.File); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
		return filepath.ToSlash(t.File)
	}
	member := t.Member
	if member == "" {
		member = "-"
	}
	return t.Server + " " + member + " " + t.Endpoint
}

// fixturesRoot is the folder of the uclint repository the working folder is in (the one holding
// fixtures/deployments/contoso.yaml), looking up to four folders up; "" outside a clone.
func fixturesRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for range 5 {
		if _, err := os.Stat(filepath.Join(dir, "fixtures", "deployments", "contoso.yaml")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ""
}
