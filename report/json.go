package report

import (
	"encoding/json"
	"fmt"
	"io"
)

func init() { register(FormatJSON, jsonFormat{}) }

// jsonFormat is the report as JSON, indented, for scripts, baselines and archives: the shape
// docs/report.schema.json describes. Names are kept exactly as found (JSON escapes control characters).
type jsonFormat struct{}

func (jsonFormat) Render(w io.Writer, r *Report, _ Options) error {
	return WriteJSON(w, r, "JSON report")
}

// WriteJSON writes v as uclint writes JSON: indented, names kept exactly as found (no HTML escaping); what names
// it in the error ("write the JSON report: ...").
func WriteJSON(w io.Writer, v any, what string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write the %s: %w", what, err)
	}
	return nil
}
