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
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write the JSON report: %w", err)
	}
	return nil
}
