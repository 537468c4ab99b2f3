package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaPath is the published JSON Schema of the report.
var schemaPath = filepath.Join("..", "docs", "report.schema.json")

var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	return c.Compile(schemaPath)
})

func validate(t *testing.T, doc []byte) error {
	t.Helper()
	schema, err := compiledSchema()
	if err != nil {
		t.Fatalf("compile %s: %v", schemaPath, err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return schema.Validate(v) //nolint:wrapcheck // a test helper
}

// TestSchemaValidatesReports: the golden JSON reports and a report with every field set (errors, TLS,
// handshake errors, baseline marks, resolved findings) match docs/report.schema.json, which is strict
// (additionalProperties false): a field added to the report without the schema fails here.
func TestSchemaValidatesReports(t *testing.T) {
	goldens, _ := filepath.Glob(filepath.Join("testdata", "*.json.golden"))
	if len(goldens) < 2 {
		t.Fatalf("golden JSON reports: %v", goldens)
	}
	for _, path := range goldens {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(t, data); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	full := []byte(render(t, scanReport(), FormatJSON, Options{}))
	for _, field := range []string{`"error":`, `"tls":`, `"handshake_error":`, `"baseline": "known"`, `"baseline": "new"`, `"error_baseline": "new"`, `"resolved":`, `"certificate":`} {
		if !bytes.Contains(full, []byte(field)) {
			t.Fatalf("the full report lacks %s", field)
		}
	}
	if err := validate(t, full); err != nil {
		t.Fatalf("the full report: %v", err)
	}
}

// TestSchemaRejects: the schema is not vacuous: each of these changes to a valid report makes it invalid.
func TestSchemaRejects(t *testing.T) {
	for name, mutate := range map[string]func(m map[string]any){
		"no schema_version":     func(m map[string]any) { delete(m, "schema_version") },
		"schema_version 2":      func(m map[string]any) { m["schema_version"] = 2 },
		"an unknown field":      func(m map[string]any) { m["extra"] = true },
		"an unknown status":     func(m map[string]any) { target(m, 0)["status"] = "ok" },
		"an unknown severity":   func(m map[string]any) { finding0(m)["status"] = "critical" },
		"an unknown mark":       func(m map[string]any) { finding0(m)["baseline"] = "old" },
		"an unknown error mark": func(m map[string]any) { target(m, 5)["error_baseline"] = "old" },
		"a renamed field": func(m map[string]any) {
			t := target(m, 0)
			t["subject"] = t["certificate"]
			delete(t, "certificate")
			t["status"] = "pass"
		},
		"error without reason": func(m map[string]any) { delete(target(m, 5), "error") },
		"reason without error": func(m map[string]any) { target(m, 0)["error"] = "dead" },
		"started not a time":   func(m map[string]any) { m["started"] = "last night" },
		"days_left not whole":  func(m map[string]any) { target(m, 0)["certificate"].(map[string]any)["days_left"] = 1.5 },
		"findings null":        func(m map[string]any) { target(m, 0)["findings"] = nil },
	} {
		var m map[string]any
		if err := json.Unmarshal([]byte(render(t, scanReport(), FormatJSON, Options{})), &m); err != nil {
			t.Fatal(err)
		}
		mutate(m)
		doc, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(t, doc); err == nil {
			t.Errorf("%s: accepted", name)
		} else if strings.Contains(err.Error(), "compile") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func target(m map[string]any, i int) map[string]any {
	return m["targets"].([]any)[i].(map[string]any)
}

func finding0(m map[string]any) map[string]any {
	return target(m, 2)["findings"].([]any)[0].(map[string]any)
}
