package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uclint/uclint/policy"
)

// TestRulesDocIsCurrent: docs/rules.md is what the registry gives now, byte for byte (run 'go generate
// ./internal/rulesdoc' after changing a rule), generating twice gives the same bytes, and every rule of every
// profile is in it with its citation.
func TestRulesDocIsCurrent(t *testing.T) {
	doc, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	again, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc, again) {
		t.Fatal("two runs give different documents")
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc, committed) {
		t.Error("docs/rules.md is not current: run go generate ./internal/rulesdoc and commit it")
	}
	for _, p := range policy.Profiles() {
		for _, r := range p.Rules {
			id := p.RuleID(r.Rule)
			if !bytes.Contains(doc, []byte("### "+id+"\n")) || !strings.Contains(string(doc), oneLine(r.Citation)) {
				t.Errorf("%s or its citation is missing", id)
			}
		}
	}
}
