package report

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fatih/color"
	"golang.org/x/term"
)

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())) //nolint:gosec // a file descriptor fits an int
}

// ColorWanted reports whether status colours go to w: a terminal, NO_COLOR unset (https://no-color.org), and not
// a dumb terminal.
func ColorWanted(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set || os.Getenv("TERM") == "dumb" {
		return false
	}
	return IsTerminal(w)
}

// statusColors are the colours of the statuses: green, yellow, red, magenta.
var statusColors = [...]color.Attribute{Pass: color.FgGreen, Warn: color.FgYellow, Fail: color.FgRed, Error: color.FgMagenta}

// colored is a target status, in its colour when on (the caller's ColorWanted decides, not fatih/color's view of
// stdout: the colour is enabled on its own object, nothing global is set).
func colored(s Status, on bool) string {
	if !on || s < Pass || s > Error {
		return s.String()
	}
	c := color.New(statusColors[s])
	c.EnableColor()
	return c.Sprint(s.String())
}

// Visible makes text from a certificate or a server safe for a terminal: control characters, escape sequences
// and invalid bytes are shown as Go escapes (\x1b), never sent raw.
func Visible(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == ' ' || unicode.IsPrint(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// TerminalWidth is the width, in columns, of the terminal w writes to (COLUMNS when set, else what the terminal
// says), or 0 when w is not a terminal: a file or a pipe gets the table at its full width.
func TerminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) { //nolint:gosec // a file descriptor fits an int
		return 0
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	width, _, err := term.GetSize(int(f.Fd())) //nolint:gosec // a file descriptor fits an int
	if err != nil || width <= 0 {
		return 0
	}
	return width
}
