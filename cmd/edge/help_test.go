package main

import (
	"strings"
	"testing"
)

// Help pages read like wrangler's: a usage line, a description, then sections; --help
// prints to stdout and exits 0, a missing subcommand prints to stderr and exits 2.
func TestHelp(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args   []string
		code   int
		stderr bool
		want   []string // substrings, in order
	}{
		{[]string{"--help"}, 0, false, []string{"edge <command>\n", "COMMANDS\n", "  edge serve ", "  edge test ", "  edge kv ", "GLOBAL FLAGS\n", "-h, --help", "-v, --version"}},
		{[]string{"serve", "--help"}, 0, false, []string{"edge serve\n", "GLOBAL FLAGS\n", "-c, --config", "[array]", "-e, --env", "OPTIONS\n",
			"--ip ", "(default: [dev] ip in the config, else 127.0.0.1)  [string]", "--port ", "(default: [dev] port in the config, else 8787)  [number]",
			"--persist-to", "--var ", "--test-scheduled", "[boolean]", "EXAMPLES\n"}},
		{[]string{"serve", "--bogus"}, 2, true, []string{"flag provided but not defined: -bogus", "edge serve\n", "OPTIONS\n"}},
		{[]string{"test", "--help"}, 0, false, []string{"edge test [paths..]\n", "POSITIONALS\n", "paths", "GLOBAL FLAGS\n", "-c, --config", "OPTIONS\n",
			"-t, --filter", "--json", "[boolean]", "--var", "EXAMPLES\n"}},
		{[]string{"kv", "--help"}, 0, false, []string{"edge kv\n", "COMMANDS\n", "edge kv namespace", "edge kv key", "edge kv bulk", "GLOBAL FLAGS\n"}},
		{[]string{"kv"}, 2, true, []string{"edge kv\n", "COMMANDS\n"}},
		{[]string{"kv", "key", "--help"}, 0, false, []string{"edge kv key\n", "edge kv key put <key> [value]", "edge kv key get <key>", "edge kv key list", "edge kv key delete <key>"}},
		{[]string{"kv", "key"}, 2, true, []string{"edge kv key\n", "COMMANDS\n"}},
		{[]string{"kv", "key", "put", "--help"}, 0, false, []string{"edge kv key put <key> [value]\n", "\nWrite a single key/value pair", "POSITIONALS\n",
			"  key    The key to write to  [string] [required]", "  value  ", "GLOBAL FLAGS\n", "OPTIONS\n",
			"--binding", "--namespace-id", "--preview", "--ttl ", "[number]", "--expiration", "--metadata", "--path", "--local", "--persist-to",
			"Exactly one of --binding and --namespace-id is required."}},
		{[]string{"kv", "key", "get", "k", "-h"}, 0, false, []string{"edge kv key get <key>\n", "--text"}},
		{[]string{"kv", "bulk", "delete", "--help"}, 0, false, []string{"edge kv bulk delete <filename>\n", "-f, --force"}},
		{[]string{"kv", "namespace", "delete", "--help"}, 0, false, []string{"edge kv namespace delete [namespace]\n", "-y, --skip-confirmation"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, errOut, code := cli(t, dir, tt.args...)
			got, other := out, errOut
			if tt.stderr {
				got, other = errOut, out
			}
			if code != tt.code || other != "" {
				t.Fatalf("exit %d (want %d); stdout:\n%s\nstderr:\n%s", code, tt.code, out, errOut)
			}
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("missing %q (in order) in:\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

// Every kv command's help lists every flag its table entry names (a typo would drop it).
func TestKVHelpListsEveryFlag(t *testing.T) {
	dir := t.TempDir()
	for _, c := range kvCommands {
		out, _, code := cli(t, dir, append(strings.Fields("kv "+c.path), "--help")...)
		if code != 0 || !strings.HasPrefix(out, "edge kv "+c.path) {
			t.Errorf("kv %s --help: exit %d\n%s", c.path, code, out)
		}
		for _, f := range c.flags {
			if !strings.Contains(out, "--"+f+" ") {
				t.Errorf("kv %s --help does not list --%s:\n%s", c.path, f, out)
			}
		}
	}
}
