package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readmeToScript maps what the README writes to what a script runs: the script's work folder stands for the
// absolute paths of a server, and the simulated deployment's address for a host name a test must not look up.
var readmeToScript = strings.NewReplacer(
	"go run ./cmd/uclint ", "uclint ",
	"/usr/local/bin/uclint ", "uclint ",
	"/etc/", "$WORK/etc/",
	"/var/lib/", "$WORK/var/lib/",
	"fe01.contoso.com:5061", "$FE01_SIP",
	"--dns-server 10.0.0.53", "--dns-server $DNS_SERVER",
	"--dns-server dc01.contoso.com", "--dns-server $DNS_SERVER",
)

// TestREADMEExamplesHaveScripts: every uclint command in the README's code blocks (sh and cron lines, systemd's
// ExecStart=) is run, word for word but for readmeToScript, by a script of testdata/script: the README cannot
// drift from what uclint does.
func TestREADMEExamplesHaveScripts(t *testing.T) {
	commands := readmeCommands(t, filepath.Join("..", "..", "README.md"))
	if len(commands) < 12 {
		t.Fatalf("only %d commands found in the README: %q", len(commands), commands)
	}
	scripted := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join("testdata", "script", "*.txtar"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(string(data), "\n") {
			line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "!"))
			if strings.HasPrefix(line, "uclint ") {
				scripted[strings.Join(strings.Fields(line), " ")] = true
			}
		}
	}
	for _, c := range commands {
		if want := readmeToScript.Replace(c); !scripted[want] {
			t.Errorf("the README's\n  %s\nis run by no script of testdata/script; add\n  %s", c, want)
		}
	}
}

// readmeCommands returns the uclint commands of the README's code blocks, continuation lines joined, comments
// and the cron schedule dropped.
func readmeCommands(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var commands []string
	var block, pending string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if after, ok := strings.CutPrefix(line, "```"); ok {
			block = after
			pending = ""
			continue
		}
		if block == "" {
			continue
		}
		if block == "ini" {
			if !strings.HasPrefix(line, "ExecStart=") && pending == "" {
				continue
			}
			line = strings.TrimPrefix(line, "ExecStart=")
		}
		if block == "cron" {
			if fields := strings.Fields(line); len(fields) > 5 && !strings.HasPrefix(line, "#") {
				line = strings.Join(fields[5:], " ")
			}
		}
		if i := strings.Index(line, " # "); i >= 0 {
			line = line[:i]
		}
		pending += " " + strings.TrimSuffix(strings.TrimSpace(line), "\\")
		if strings.HasSuffix(strings.TrimSpace(line), "\\") {
			continue
		}
		c := strings.Join(strings.Fields(pending), " ")
		pending = ""
		if strings.HasPrefix(c, "uclint ") || strings.HasPrefix(c, "go run ./cmd/uclint ") || strings.HasPrefix(c, "/usr/local/bin/uclint ") {
			commands = append(commands, c)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return commands
}
