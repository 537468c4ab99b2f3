package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaPath is the published JSON Schema of the report.
var schemaPath = filepath.Join("..", "..", "docs", "report.schema.json")

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	return c.Compile(schemaPath)
})

// validateReport checks a JSON report that uclint printed against docs/report.schema.json.
func validateReport(t *testing.T, out string) {
	t.Helper()
	schema, err := compiled()
	if err != nil {
		t.Fatalf("compile %s: %v", schemaPath, err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("the report does not match %s: %v\n%s", schemaPath, err, out)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &top); err != nil || string(top["schema_version"]) != "1" {
		t.Fatalf("schema_version: %s", top["schema_version"])
	}
}
