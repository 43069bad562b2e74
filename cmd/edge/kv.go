package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/server"
	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

// kvCommands mirrors `wrangler kv …` in local mode, acting on the state directory that
// `edge serve` uses. While a server runs on it, commands go through that server (kvbackend.go).
// Each entry carries its help page: positionals (in the usage line and the POSITIONALS
// section) and the flags it takes, in the order shown.
var kvCommands = []struct {
	path        string
	summary     string
	positionals []helpRow // name, description, type ("string] [required" when required)
	flags       []string  // besides the global --config/--env/--help
	needsNS     bool      // takes --binding or --namespace-id
	run         func(c *kvCmd) error
}{
	{"namespace list", "Output a list of all KV namespaces as JSON ({id, title}, sorted by title)", nil,
		[]string{"local", "persist-to"}, false, kvNamespaceList},
	{"namespace create", "Create a new namespace and print the kv_namespaces entry to add to the config",
		[]helpRow{{"namespace", "The name of the new namespace", "string] [required"}},
		[]string{"preview", "binding", "update-config", "local", "persist-to"}, false, kvNamespaceCreate},
	{"namespace delete", "Delete a namespace and all its keys",
		[]helpRow{{"namespace", "The name (title) of the namespace to delete", "string"}},
		[]string{"binding", "namespace-id", "preview", "skip-confirmation", "local", "persist-to"}, false, kvNamespaceDelete},
	{"namespace rename", "Rename a namespace",
		[]helpRow{{"old-name", "The current name (title) of the namespace", "string"}},
		[]string{"namespace-id", "new-name", "local", "persist-to"}, false, kvNamespaceRename},
	{"key put", "Write a single key/value pair to the given namespace",
		[]helpRow{{"key", "The key to write to", "string] [required"}, {"value", "The value to write (or --path)", "string"}},
		[]string{"binding", "namespace-id", "preview", "ttl", "expiration", "metadata", "path", "local", "persist-to"}, true, kvKeyPut},
	{"key get", "Read a single value by key from the given namespace (raw bytes to stdout; \"Value not found\" when missing)",
		[]helpRow{{"key", "The key to read from", "string] [required"}},
		[]string{"binding", "namespace-id", "preview", "text", "local", "persist-to"}, true, kvKeyGet},
	{"key list", "Output a list of all keys in the given namespace as JSON ([{name, expiration?, metadata?}])", nil,
		[]string{"binding", "namespace-id", "preview", "prefix", "local", "persist-to"}, true, kvKeyList},
	{"key delete", "Remove a single key/value pair from the given namespace",
		[]helpRow{{"key", "The key to delete", "string] [required"}},
		[]string{"binding", "namespace-id", "preview", "local", "persist-to"}, true, kvKeyDelete},
	{"bulk put", "Upload multiple key/value pairs to the given namespace",
		[]helpRow{{"filename", "The JSON file to read: [{key, value, expiration?, expiration_ttl?, metadata?, base64?}]", "string] [required"}},
		[]string{"binding", "namespace-id", "preview", "local", "persist-to"}, true, kvBulkPut},
	{"bulk get", "Get multiple key/value pairs from the given namespace as JSON ({key: {value}})",
		[]helpRow{{"filename", "The JSON file of keys to get: [\"key\" | {name}]", "string] [required"}},
		[]string{"binding", "namespace-id", "preview", "local", "persist-to"}, true, kvBulkGet},
	{"bulk delete", "Delete multiple key/value pairs from the given namespace",
		[]helpRow{{"filename", "The JSON file of keys to delete: [\"key\" | {name}], as key list prints", "string] [required"}},
		[]string{"binding", "namespace-id", "preview", "force", "local", "persist-to"}, true, kvBulkDelete},
}

// kvGroups are the help summaries of `edge kv namespace|key|bulk`.
var kvGroups = []struct{ name, summary string }{
	{"namespace", "Interact with your local Workers KV namespaces"},
	{"key", "Individually manage Workers KV key/value pairs"},
	{"bulk", "Interact with multiple Workers KV key/value pairs at once"},
}

type kvCmd struct {
	args         []string // positional arguments after the subcommand
	binding      string
	namespaceID  string
	preview      bool
	configPath   string
	env          string
	persistTo    string
	path         string
	ttl          float64
	expiration   float64
	metadata     string
	prefix       string
	text         bool
	newName      string
	updateConfig bool
	stdout       io.Writer
	stderr       io.Writer
	cfg          *wrangler.Config // nil when no config was found
	kv           kvBackend
	ns           string // the namespace of key and bulk commands
}

func runKV(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && isHelp(args[0]) {
		kvUsage(stdout, "")
		return 0
	}
	if len(args) < 2 || isHelp(args[1]) {
		group := ""
		if len(args) > 0 {
			group = args[0]
		}
		if len(args) == 2 {
			kvUsage(stdout, group)
			return 0
		}
		kvUsage(stderr, group)
		return 2
	}
	path := args[0] + " " + args[1]
	for _, c := range kvCommands {
		if c.path != path {
			continue
		}
		kc := &kvCmd{stdout: stdout, stderr: stderr}
		fs := flag.NewFlagSet("kv "+path, flag.ContinueOnError)
		fs.SetOutput(stderr)
		fs.StringVar(&kc.binding, "binding", "", "The binding name of the namespace (kv_namespaces in the config)")
		fs.StringVar(&kc.namespaceID, "namespace-id", "", "The id of the namespace")
		fs.BoolVar(&kc.preview, "preview", false, "Use the binding's preview_id")
		fs.StringVar(&kc.configPath, "config", "", "Path to the Wrangler configuration file (default: found upwards from the working directory)")
		fs.StringVar(&kc.configPath, "c", "", "shorthand for --config")
		fs.StringVar(&kc.env, "env", "", "Environment to use: applies [env.NAME] to resolve --binding")
		fs.StringVar(&kc.env, "e", "", "shorthand for --env")
		fs.StringVar(&kc.persistTo, "persist-to", "", "Directory for local persistence, as for edge serve (default: .edge/state next to the config)")
		fs.StringVar(&kc.path, "path", "", "Read the value from the file at this path")
		fs.Float64Var(&kc.ttl, "ttl", 0, "Seconds for which the entry should be visible (at least 60; wins over --expiration)")
		fs.Float64Var(&kc.expiration, "expiration", 0, "Time since the UNIX epoch, in seconds, after which the entry expires")
		fs.StringVar(&kc.metadata, "metadata", "", "Metadata to store with the key: a JSON object")
		fs.StringVar(&kc.prefix, "prefix", "", "Only keys that begin with this prefix")
		fs.BoolVar(&kc.text, "text", false, "Decode the value as UTF-8 text (adds a newline)")
		fs.StringVar(&kc.newName, "new-name", "", "The new name (title) of the namespace (required)")
		fs.BoolVar(&kc.updateConfig, "update-config", false, "Not supported: add the printed entry to the config yourself")
		fs.Bool("local", true, "Interact with local storage (always: edge kv has no remote mode)")
		// Deviation: edge kv never asks for confirmation, so these are accepted and ignored.
		fs.Bool("force", false, "Do not ask for confirmation (edge kv never asks)")
		fs.Bool("f", false, "shorthand for --force")
		fs.Bool("skip-confirmation", false, "Do not ask for confirmation (edge kv never asks)")
		fs.Bool("y", false, "shorthand for --skip-confirmation")
		cmdHelp := func(w io.Writer) {
			usageLine := "edge kv " + c.path
			for _, p := range c.positionals {
				if strings.Contains(p.typ, "required") {
					usageLine += " <" + p.name + ">"
				} else {
					usageLine += " [" + p.name + "]"
				}
			}
			h := help{
				usage:       usageLine,
				description: c.summary,
				positionals: c.positionals,
				globals:     append(flagRows(fs, "config", "env"), helpRow{"-h, --help", "Show help", "boolean"}),
				options:     flagRows(fs, c.flags...),
			}
			if c.needsNS {
				h.footer = "Exactly one of --binding and --namespace-id is required."
			}
			writeHelp(w, h)
		}
		fs.Usage = func() { cmdHelp(stderr) }
		if wantsHelp(args[2:]) {
			cmdHelp(stdout)
			return 0
		}
		if err := parseInterleaved(fs, args[2:], &kc.args); err != nil {
			return 2
		}
		if err := kc.open(c.needsNS); err != nil {
			fmt.Fprintf(stderr, "edge kv %s: %v\n", path, err)
			return 1
		}
		err := c.run(kc)
		if cerr := kc.kv.close(); err == nil {
			err = cerr
		}
		if err != nil {
			fmt.Fprintf(stderr, "edge kv %s: %v\n", path, err)
			return 1
		}
		return 0
	}
	fmt.Fprintf(stderr, "edge kv: unknown command %q\n\n", path)
	kvUsage(stderr, args[0])
	return 2
}

// kvUsage prints the help of `edge kv`, or of `edge kv GROUP` for a known group.
func kvUsage(w io.Writer, group string) {
	globals := []helpRow{
		{"-c, --config", "Path to the Wrangler configuration file (default: found upwards from the working directory)", "string"},
		{"-e, --env", "Environment to use: applies [env.NAME] to resolve --binding", "string"},
		{"-h, --help", "Show help", "boolean"},
	}
	for _, g := range kvGroups {
		if g.name != group {
			continue
		}
		var rows [][2]string
		for _, c := range kvCommands {
			if name, ok := strings.CutPrefix(c.path, group+" "); ok {
				line := "edge kv " + group + " " + name
				for _, p := range c.positionals {
					if strings.Contains(p.typ, "required") {
						line += " <" + p.name + ">"
					} else {
						line += " [" + p.name + "]"
					}
				}
				rows = append(rows, [2]string{line, c.summary})
			}
		}
		writeHelp(w, help{usage: "edge kv " + group, description: g.summary, commands: rows, globals: globals})
		return
	}
	var rows [][2]string
	for _, g := range kvGroups {
		rows = append(rows, [2]string{"edge kv " + g.name, g.summary})
	}
	writeHelp(w, help{
		usage: "edge kv",
		description: "Manage local Workers KV: the commands of `wrangler kv`, on the store that edge serve uses " +
			"(<persist-to>/kv.db; through the running server while one serves it).",
		commands: rows,
		globals:  globals,
		footer:   "Run `edge kv <group> <command> --help` for a command's flags.",
	})
}

// parseInterleaved lets positional arguments and flags mix, as wrangler's CLI does.
func parseInterleaved(fs *flag.FlagSet, args []string, positional *[]string) error {
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			return nil
		}
		*positional = append(*positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// open finds the config (if any), resolves the namespace when the command needs one and opens
// the KV data: the store file, or the running server that holds it.
func (c *kvCmd) open(needsNS bool) error {
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	cfgPath := c.configPath
	if cfgPath == "" {
		if p, err := wrangler.Find(cwd); err == nil {
			cfgPath = p
		}
	}
	if cfgPath != "" {
		if c.cfg, _, err = wrangler.Load(cfgPath, wrangler.LoadOptions{Env: c.env}); err != nil {
			return err
		}
	}
	configDir := cwd
	if c.cfg != nil {
		configDir = c.cfg.Dir
	}
	if needsNS {
		if c.binding == "" && c.namespaceID == "" {
			return errors.New("pass --binding NAME or --namespace-id ID")
		}
		if c.ns, err = c.selectedNamespace(); err != nil {
			return err
		}
	}
	c.kv, err = openKV(server.PersistDir(configDir, c.persistTo, cwd))
	return err
}

// selectedNamespace resolves --binding or --namespace-id (with --preview); "" when neither is
// given.
func (c *kvCmd) selectedNamespace() (string, error) {
	switch {
	case c.binding != "" && c.namespaceID != "":
		return "", errors.New("pass only one of --binding and --namespace-id")
	case c.namespaceID != "":
		return c.namespaceID, nil
	case c.binding != "":
		if c.cfg == nil {
			return "", errors.New("--binding needs a wrangler config (none found; use --config or --namespace-id)")
		}
		for _, kv := range c.cfg.KVNamespaces {
			if kv.Binding != c.binding {
				continue
			}
			if !c.preview {
				return server.NamespaceID(kv), nil
			}
			if kv.PreviewID == "" {
				return "", fmt.Errorf("binding %q has no preview_id", c.binding)
			}
			return kv.PreviewID, nil
		}
		return "", fmt.Errorf("no KV namespace with binding %q in %s", c.binding, c.cfg.Path)
	}
	return "", nil
}

func (c *kvCmd) arg(i int, name string) (string, error) {
	if i >= len(c.args) {
		return "", fmt.Errorf("missing <%s>", name)
	}
	return c.args[i], nil
}

// title is how a namespace is shown: its title, or its id when it has none.
func title(n kvstore.NamespaceInfo) string {
	if n.Title == "" {
		return n.ID
	}
	return n.Title
}

func kvNamespaceList(c *kvCmd) error {
	list, err := c.kv.listNamespaces(context.Background())
	if err != nil {
		return err
	}
	type ns struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	out := make([]ns, len(list))
	for i, n := range list {
		out[i] = ns{n.ID, title(n)}
	}
	// wrangler sorts by title.
	slices.SortStableFunc(out, func(a, b ns) int { return strings.Compare(a.Title, b.Title) })
	return printJSON(c.stdout, out)
}

// validBinding turns a namespace name into a JS identifier, as wrangler does for the binding
// name it suggests.
var invalidBindingChars = regexp.MustCompile(`[^a-zA-Z0-9_$]`)

func validBinding(name string) string {
	b := invalidBindingChars.ReplaceAllString(name, "_")
	if b == "" || (b[0] >= '0' && b[0] <= '9') {
		b = "_" + b
	}
	return b
}

// kvNamespaceCreate creates a namespace titled like wrangler's ([ENV-]NAME[_preview]) and
// prints the kv_namespaces entry to add to the config, in the config's format.
func kvNamespaceCreate(c *kvCmd) error {
	name, err := c.arg(0, "name")
	if err != nil {
		return err
	}
	if c.updateConfig {
		return errors.New("--update-config is not supported: add the printed entry to the config yourself")
	}
	t := name
	if c.env != "" {
		t = c.env + "-" + t
	}
	if c.preview {
		t += "_preview"
	}
	fmt.Fprintf(c.stdout, "Creating namespace with title %q\n", t)
	id, err := c.kv.createNamespace(context.Background(), t)
	if err != nil {
		return fmt.Errorf("creating namespace %q: %w", t, err)
	}
	binding := c.binding
	if binding == "" {
		binding = validBinding(name)
	}
	idKey := "id"
	if c.preview {
		idKey = "preview_id"
	}
	fmt.Fprintln(c.stdout, "Success!")
	fmt.Fprintln(c.stdout, "To access your new KV Namespace in your Worker, add the following snippet to your configuration file:")
	if c.cfg != nil && filepath.Ext(c.cfg.Path) != ".toml" {
		b, _ := json.MarshalIndent(map[string][]map[string]string{"kv_namespaces": {{"binding": binding, idKey: id}}}, "", "  ")
		fmt.Fprintln(c.stdout, string(b))
		return nil
	}
	fmt.Fprintf(c.stdout, "[[kv_namespaces]]\nbinding = %q\n%s = %q\n", binding, idKey, id)
	return nil
}

// namespaceByTitleOrFlags resolves the namespace of delete and rename: a positional title, or
// --binding / --namespace-id, exactly one of them.
func (c *kvCmd) namespaceByTitleOrFlags(allowBinding bool) (string, error) {
	if !allowBinding && c.binding != "" {
		return "", errors.New("--binding is not accepted here; pass <old-name> or --namespace-id")
	}
	id, err := c.selectedNamespace()
	if err != nil {
		return "", err
	}
	switch {
	case len(c.args) > 0 && id != "":
		return "", errors.New("pass either a namespace name or --binding/--namespace-id, not both")
	case id != "":
		return id, nil
	case len(c.args) == 0:
		return "", errors.New("pass the namespace's name, --binding NAME or --namespace-id ID")
	}
	list, err := c.kv.listNamespaces(context.Background())
	if err != nil {
		return "", err
	}
	for _, n := range list {
		if title(n) == c.args[0] {
			return n.ID, nil
		}
	}
	return "", fmt.Errorf("no namespace titled %q (see edge kv namespace list)", c.args[0])
}

// Deviation: wrangler asks before deleting; edge kv, like its bulk delete, does not.
func kvNamespaceDelete(c *kvCmd) error {
	id, err := c.namespaceByTitleOrFlags(true)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Deleting KV namespace %s.\n", id)
	if err := c.kv.deleteNamespace(context.Background(), id); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Deleted KV namespace %s.\n", id)
	return nil
}

func kvNamespaceRename(c *kvCmd) error {
	if c.newName == "" {
		return errors.New("missing --new-name")
	}
	if len(c.newName) > kvstore.MaxTitleBytes {
		return fmt.Errorf("--new-name is %d bytes long; at most %d are allowed", len(c.newName), kvstore.MaxTitleBytes)
	}
	id, err := c.namespaceByTitleOrFlags(false)
	if err != nil {
		return err
	}
	if err := c.kv.renameNamespace(context.Background(), id, c.newName); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Renamed KV namespace %s to %q.\n", id, c.newName)
	return nil
}

func (c *kvCmd) putOptions(ttl, expiration float64, metadata json.RawMessage) kvstore.PutOptions {
	var o kvstore.PutOptions
	if ttl != 0 {
		o.ExpirationTTL = &ttl
	}
	if expiration != 0 {
		o.Expiration = &expiration
	}
	o.Metadata = metadata
	return o
}

func kvKeyPut(c *kvCmd) error {
	key, err := c.arg(0, "key")
	if err != nil {
		return err
	}
	var value []byte
	switch {
	case c.path != "" && len(c.args) > 1:
		return errors.New("pass either <value> or --path, not both")
	case c.path != "":
		if value, err = os.ReadFile(c.path); err != nil {
			return err
		}
	case len(c.args) > 1:
		value = []byte(c.args[1])
	default:
		return errors.New("missing <value> (or --path FILE)")
	}
	var meta json.RawMessage
	if c.metadata != "" {
		var obj map[string]any
		if json.Unmarshal([]byte(c.metadata), &obj) != nil {
			return errors.New("--metadata must be a JSON object")
		}
		meta = json.RawMessage(c.metadata)
	}
	if err := kvstore.ValidateKey("PUT", key); err != nil {
		return err
	}
	if err := c.kv.put(context.Background(), c.ns, kvPut{key: key, value: value, opts: c.putOptions(c.ttl, c.expiration, meta)}); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Writing the value %q to key %q on namespace %s.\n", abbreviate(value), key, c.ns)
	return nil
}

func abbreviate(v []byte) string {
	if len(v) > 64 {
		return string(v[:61]) + "..."
	}
	return string(v)
}

func kvKeyGet(c *kvCmd) error {
	key, err := c.arg(0, "key")
	if err != nil {
		return err
	}
	value, found, err := c.kv.get(context.Background(), c.ns, key)
	if err != nil {
		return err
	}
	if !found {
		fmt.Fprintln(c.stdout, "Value not found")
		return nil
	}
	_, err = c.stdout.Write(value)
	if c.text && err == nil {
		_, err = io.WriteString(c.stdout, "\n")
	}
	return err
}

func kvKeyList(c *kvCmd) error {
	type key struct {
		Name       string          `json:"name"`
		Expiration int64           `json:"expiration,omitempty"`
		Metadata   json.RawMessage `json:"metadata,omitempty"`
	}
	out := []key{}
	cursor := ""
	for {
		res, err := c.kv.list(context.Background(), c.ns, kvstore.ListOptions{Prefix: c.prefix, Cursor: cursor})
		if err != nil {
			return err
		}
		for _, k := range res.Keys {
			out = append(out, key{k.Name, k.Expiration, k.Metadata})
		}
		if res.ListComplete {
			break
		}
		cursor = res.Cursor
	}
	return printJSON(c.stdout, out)
}

func kvKeyDelete(c *kvCmd) error {
	key, err := c.arg(0, "key")
	if err != nil {
		return err
	}
	if err := kvstore.ValidateKey("DELETE", key); err != nil {
		return err
	}
	if err := c.kv.delete(context.Background(), c.ns, key); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Deleting the key %q on namespace %s.\n", key, c.ns)
	return nil
}

func kvBulkPut(c *kvCmd) error {
	file, err := c.arg(0, "file.json")
	if err != nil {
		return err
	}
	items, warnings, err := wrangler.LoadKVBulkPut(file)
	for _, w := range warnings {
		fmt.Fprintln(c.stderr, w.String())
	}
	if err != nil {
		return err
	}
	puts := make([]kvPut, len(items))
	for i, it := range items {
		value := []byte(it.Value)
		if it.Base64 {
			if value, err = base64.StdEncoding.DecodeString(it.Value); err != nil {
				return fmt.Errorf("%s:%d: %q: invalid base64 value: %v", file, it.Line, it.Key, err)
			}
		}
		if err := kvstore.ValidateKey("PUT", it.Key); err != nil {
			return fmt.Errorf("%s:%d: %v", file, it.Line, err)
		}
		puts[i] = kvPut{key: it.Key, value: value, opts: c.putOptions(it.ExpirationTTL, it.Expiration, it.Metadata), where: fmt.Sprintf("%s:%d", file, it.Line)}
	}
	// Batches of 1,000 (as wrangler uploads), with a progress line on a terminal.
	const batch = 1000
	progress := isTerminal(c.stderr) && len(puts) > batch
	for start := 0; start < len(puts); start += batch {
		end := min(start+batch, len(puts))
		if err := c.kv.putMany(context.Background(), c.ns, puts[start:end]); err != nil {
			if progress {
				fmt.Fprintln(c.stderr)
			}
			return err
		}
		if progress {
			fmt.Fprintf(c.stderr, "\r%s %d/%d", progressBar(end, len(puts), 30), end, len(puts))
		}
	}
	if progress {
		fmt.Fprintln(c.stderr)
	}
	fmt.Fprintf(c.stdout, "Success! Uploaded %d key-value pairs to namespace %s.\n", len(items), c.ns)
	return nil
}

// isTerminal reports whether w is a character device (an interactive terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressBar renders done/total as [=====>     ] with width cells.
func progressBar(done, total, width int) string {
	filled := width * done / total
	bar := strings.Repeat("=", filled)
	if filled < width {
		bar += ">" + strings.Repeat(" ", width-filled-1)
	}
	return "[" + bar + "]"
}

func kvBulkGet(c *kvCmd) error {
	file, err := c.arg(0, "file.json")
	if err != nil {
		return err
	}
	keys, err := wrangler.LoadKVBulkKeys(file)
	if err != nil {
		return err
	}
	type val struct {
		Value *string `json:"value"`
	}
	out := make(map[string]val, len(keys))
	for _, k := range keys {
		value, found, err := c.kv.get(context.Background(), c.ns, k)
		if err != nil {
			return err
		}
		if found {
			s := string(value)
			out[k] = val{&s}
		} else {
			out[k] = val{}
		}
	}
	return printJSON(c.stdout, out)
}

func kvBulkDelete(c *kvCmd) error {
	file, err := c.arg(0, "file.json")
	if err != nil {
		return err
	}
	keys, err := wrangler.LoadKVBulkKeys(file)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := kvstore.ValidateKey("DELETE", k); err != nil {
			return fmt.Errorf("%s: %q: %v", file, k, err)
		}
	}
	if err := c.kv.deleteMany(context.Background(), c.ns, keys); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Success! Deleted %d key-value pairs from namespace %s.\n", len(keys), c.ns)
	return nil
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
