package policy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// decodeYAML parses data as one YAML document and returns its root node, or a *FileError with a line.
func decodeYAML(data []byte, path string) (root *yaml.Node, err error) {
	defer func() {
		// A bug in the YAML library must not crash uclint; our own code runs outside this function.
		if r := recover(); r != nil {
			root, err = nil, &FileError{Path: path, Line: 1, Msg: fmt.Sprintf("cannot parse the deployment file (%v); check that it is YAML", r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, emptyFile(path)
		}
		return nil, yamlError(path, data, err)
	}
	root = documentRoot(&doc)
	if root == nil || isNull(root) {
		return nil, emptyFile(path)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, yamlError(path, data, err)
	case documentRoot(&next) != nil && !isNull(documentRoot(&next)):
		return nil, &FileError{Path: path, Line: lineOf(documentRoot(&next)), Msg: "a second YAML document (after ---); " +
			"a deployment file holds one: remove the --- line, or move what follows to a file of its own"}
	}
	return root, nil
}

// documentRoot is the top node of a document, or nil.
func documentRoot(doc *yaml.Node) *yaml.Node {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

func emptyFile(path string) *FileError {
	return &FileError{Path: path, Line: 1, Msg: "the deployment file is empty; describe your servers under servers: (name, role, fqdn)"}
}

// yamlError turns an error of the YAML library ("yaml: line 3: did not find expected key") into a *FileError.
func yamlError(path string, data []byte, err error) *FileError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line, found := 0, false
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if n, convErr := strconv.Atoi(num); convErr == nil {
				line, msg, found = n, text, true
			}
		}
	}
	if !found {
		if l, problem, ok := badText(data); ok {
			return &FileError{Path: path, Line: l, Msg: problem, Err: err}
		}
		line = 1 // the library leaves the line out when the problem is on the first one
	}
	fix := "check the indentation, quotes and brackets on this line and the one before"
	if tab := tabIndentedLine(data, line, strings.Contains(msg, "tab")); tab > 0 {
		line, fix = tab, "indent with spaces: YAML does not allow tabs"
	}
	return &FileError{Path: path, Line: line, Msg: fmt.Sprintf("not valid YAML: %s; %s", msg, fix), Err: err}
}

// badText finds the first byte sequence YAML rejects whatever the structure: invalid UTF-8 or a control character.
func badText(data []byte) (line int, problem string, ok bool) {
	line = 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && size == 1:
			return line, "the file is not UTF-8 text; save it as UTF-8", true
		case isControl(r):
			return line, fmt.Sprintf("control character %U; remove it (YAML allows only printable text)", r), true
		case r == '\n':
			line++
		}
		data = data[size:]
	}
	return 0, "", false
}

// isControl reports whether YAML forbids r in a document (YAML 1.2, 5.1: the printable characters).
func isControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return false
	case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
		return true
	}
	return r == 0xfffe || r == 0xffff
}

// tabIndentedLine returns line when its indentation holds a tab, else 0; with near, it looks at the line after it
// too, where the YAML library's complaints about tabs often point.
func tabIndentedLine(data []byte, line int, near bool) int {
	lines := bytes.Split(data, []byte("\n"))
	last := line
	if near {
		last++
	}
	for l := line; l <= last && l <= len(lines); l++ {
		text := lines[l-1]
		indent := text[:len(text)-len(bytes.TrimLeft(text, " \t"))]
		if bytes.IndexByte(indent, '\t') >= 0 {
			return l
		}
	}
	return 0
}

// lineOf is the line of n, 1 when unknown.
func lineOf(n *yaml.Node) int {
	if n == nil || n.Line < 1 {
		return 1
	}
	return n.Line
}

// isNull reports whether n is an empty value ("key:" with nothing after it, ~ or null).
func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// describe names what n holds, for "must be X, not Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping (key: value)"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if isNull(n) {
			return "empty"
		}
		return strconv.Quote(n.Value)
	default:
		return "nothing"
	}
}

// peek returns the scalar value of key in the mapping n, or "": for labels, before n is validated.
func peek(n *yaml.Node, key string) string {
	if n == nil || n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Value == key && v.Kind == yaml.ScalarNode && !isNull(v) {
			return v.Value
		}
	}
	return ""
}

// likelyKey returns the known word that word is likely a typo of (a character or two off, or another case), or "".
func likelyKey(word string, known []string) string {
	best, bestDist := "", len(word)/3+1
	for _, k := range known {
		if w := strings.ToLower(word); w == strings.TrimSuffix(k, "_fqdn") || w == strings.TrimSuffix(k, "_url") {
			return k // the key without its suffix: access_edge for access_edge_fqdn, cwa for cwa_url
		}
		if len(word) > 2*len(k)+2 {
			continue
		}
		if d := editDistance(strings.ToLower(word), k); d < bestDist || d == 0 {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b: insertions, deletions, substitutions and
// transpositions of adjacent characters each count one.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	// Three rows of the table: two back (for transpositions), one back, and the current one.
	prev2, prev, cur := make([]int, len(y)+1), make([]int, len(y)+1), make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}
