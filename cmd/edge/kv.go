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
	"sort"

	"github.com/edgeruntime/edge/kvstore"
	"github.com/edgeruntime/edge/server"
	wrangler "github.com/edgeruntime/edge/wrangler-compat"
)

// kvCommands mirrors `wrangler kv …`, acting on the local state directory that `edge serve`
// uses (stop the server first: the store is a single-writer file).
var kvCommands = []struct {
	path    string
	summary string
	run     func(c *kvCmd) error
}{
	{"namespace list", "list the namespaces that hold data", kvNamespaceList},
	{"key put", "put <key> [<value>] [--path FILE] [--ttl N] [--expiration N] [--metadata JSON]", kvKeyPut},
	{"key get", "get <key> [--text]", kvKeyGet},
	{"key list", "list keys [--prefix P] as JSON", kvKeyList},
	{"key delete", "delete <key>", kvKeyDelete},
	{"bulk put", "put <file.json>: [{key, value, expiration?, expiration_ttl?, metadata?, base64?}]", kvBulkPut},
	{"bulk get", "get <file.json>: [\"key\" | {name}] → {key: {value}}", kvBulkGet},
	{"bulk delete", "delete <file.json>: [\"key\" | {name}]", kvBulkDelete},
}

type kvCmd struct {
	args        []string // positional arguments after the subcommand
	binding     string
	namespaceID string
	preview     bool
	configPath  string
	env         string
	persistTo   string
	path        string
	ttl         float64
	expiration  float64
	metadata    string
	prefix      string
	text        bool
	stdout      io.Writer
	stderr      io.Writer
	store       *kvstore.Store
	ns          string
}

func runKV(args []string, stdout, stderr io.Writer) int {
	if len(args) < 2 {
		kvUsage(stderr)
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
		fs.StringVar(&kc.binding, "binding", "", "binding name from the config")
		fs.StringVar(&kc.namespaceID, "namespace-id", "", "namespace id")
		fs.BoolVar(&kc.preview, "preview", false, "use the binding's preview_id")
		fs.StringVar(&kc.configPath, "config", "", "config file")
		fs.StringVar(&kc.configPath, "c", "", "shorthand for --config")
		fs.StringVar(&kc.env, "env", "", "environment")
		fs.StringVar(&kc.env, "e", "", "shorthand for --env")
		fs.StringVar(&kc.persistTo, "persist-to", "", "state directory (default .edge/state next to the config)")
		fs.StringVar(&kc.path, "path", "", "read the value from FILE")
		fs.Float64Var(&kc.ttl, "ttl", 0, "expiration TTL in seconds (≥ 60)")
		fs.Float64Var(&kc.expiration, "expiration", 0, "expiration as UNIX seconds")
		fs.StringVar(&kc.metadata, "metadata", "", "metadata JSON object")
		fs.StringVar(&kc.prefix, "prefix", "", "only keys with this prefix")
		fs.BoolVar(&kc.text, "text", false, "decode the value as UTF-8 text")
		fs.Bool("local", true, "act on local state (the only mode)")
		fs.Bool("force", false, "do not ask for confirmation")
		fs.Bool("f", false, "shorthand for --force")
		if err := parseInterleaved(fs, args[2:], &kc.args); err != nil {
			return 2
		}
		if err := kc.open(path); err != nil {
			fmt.Fprintf(stderr, "edge kv %s: %v\n", path, err)
			return 1
		}
		err := c.run(kc)
		if cerr := kc.store.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fmt.Fprintf(stderr, "edge kv %s: %v\n", path, err)
			return 1
		}
		return 0
	}
	fmt.Fprintf(stderr, "edge kv: unknown command %q\n", path)
	kvUsage(stderr)
	return 2
}

func kvUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: edge kv <command> [flags] (--binding NAME | --namespace-id ID)\n\ncommands:")
	for _, c := range kvCommands {
		fmt.Fprintf(w, "  %-15s %s\n", c.path, c.summary)
	}
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

// open finds the config (if any), resolves the namespace and opens the store.
func (c *kvCmd) open(path string) error {
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
	var cfg *wrangler.Config
	if cfgPath != "" {
		cfg, _, err = wrangler.Load(cfgPath, wrangler.LoadOptions{Env: c.env})
		if err != nil {
			return err
		}
	}
	configDir := cwd
	if cfg != nil {
		configDir = cfg.Dir
	}
	if path != "namespace list" {
		switch {
		case c.binding != "" && c.namespaceID != "":
			return errors.New("pass only one of --binding and --namespace-id")
		case c.namespaceID != "":
			c.ns = c.namespaceID
		case c.binding != "":
			if cfg == nil {
				return errors.New("--binding needs a wrangler config (none found; use --config or --namespace-id)")
			}
			for _, kv := range cfg.KVNamespaces {
				if kv.Binding == c.binding {
					c.ns = server.NamespaceID(kv)
					if c.preview {
						if kv.PreviewID == "" {
							return fmt.Errorf("binding %q has no preview_id", c.binding)
						}
						c.ns = kv.PreviewID
					}
				}
			}
			if c.ns == "" {
				return fmt.Errorf("no KV namespace with binding %q in %s", c.binding, cfg.Path)
			}
		default:
			return errors.New("pass --binding NAME or --namespace-id ID")
		}
	}
	c.store, err = kvstore.Open(server.KVPath(server.PersistDir(configDir, c.persistTo, cwd)), kvstore.Options{SweepInterval: -1})
	return err
}

func (c *kvCmd) arg(i int, name string) (string, error) {
	if i >= len(c.args) {
		return "", fmt.Errorf("missing <%s>", name)
	}
	return c.args[i], nil
}

func kvNamespaceList(c *kvCmd) error {
	names, err := c.store.Namespaces()
	if err != nil {
		return err
	}
	sort.Strings(names)
	type ns struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	out := make([]ns, len(names))
	for i, n := range names {
		out[i] = ns{n, n}
	}
	return printJSON(c.stdout, out)
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
	if err := c.store.Put(context.Background(), c.ns, key, value, c.putOptions(c.ttl, c.expiration, meta)); err != nil {
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
	e, found, err := c.store.Get(context.Background(), c.ns, key)
	if err != nil {
		return err
	}
	if !found {
		fmt.Fprintln(c.stdout, "Value not found")
		return nil
	}
	_, err = c.stdout.Write(e.Value)
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
		res, err := c.store.List(context.Background(), c.ns, kvstore.ListOptions{Prefix: c.prefix, Cursor: cursor})
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
	if err := c.store.Delete(context.Background(), c.ns, key); err != nil {
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
	for _, it := range items {
		value := []byte(it.Value)
		if it.Base64 {
			if value, err = base64.StdEncoding.DecodeString(it.Value); err != nil {
				return fmt.Errorf("%s:%d: %q: invalid base64 value: %v", file, it.Line, it.Key, err)
			}
		}
		if err := kvstore.ValidateKey("PUT", it.Key); err != nil {
			return fmt.Errorf("%s:%d: %v", file, it.Line, err)
		}
		if err := c.store.Put(context.Background(), c.ns, it.Key, value, c.putOptions(it.ExpirationTTL, it.Expiration, it.Metadata)); err != nil {
			return fmt.Errorf("%s:%d: %q: %v", file, it.Line, it.Key, err)
		}
	}
	fmt.Fprintf(c.stdout, "Success! Uploaded %d key-value pairs to namespace %s.\n", len(items), c.ns)
	return nil
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
		e, found, err := c.store.Get(context.Background(), c.ns, k)
		if err != nil {
			return err
		}
		if found {
			s := string(e.Value)
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
		if err := c.store.Delete(context.Background(), c.ns, k); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.stdout, "Success! Deleted %d key-value pairs from namespace %s.\n", len(keys), c.ns)
	return nil
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
