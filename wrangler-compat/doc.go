// Package wrangler reads and validates wrangler configuration files (wrangler.toml,
// wrangler.json, wrangler.jsonc) and the local-variable files that sit next to them
// (.dev.vars, .env), the way Cloudflare's wrangler CLI does, so that a project that runs
// under `wrangler dev` runs under `edge serve` without edits.
//
// # Who uses it
//
// server (for edge serve) and cmd/edge (for edge kv) import this package: they call [Find]
// to locate the config, [Load] to turn it into a [Config], [LoadDevVars] and
// [Config.FilterDevVars] for secrets and local overrides, and [ParseVarFlag] for --var
// flags, then wire the result into the runtime and the bindings. This package imports
// nothing of ours (only the standard library and github.com/BurntSushi/toml): it parses
// and validates, and starts nothing except the [build] command, which
// [Config.RunCustomBuild] runs when edge serve asks. It has no package state; every
// function is safe to call from several goroutines at once.
//
// It also holds the `wrangler kv bulk` file formats (kvbulk.go) and the Cloudflare v4 API
// envelope with the Workers KV REST bodies (api.go), which server's admin API writes and
// `edge kv` reads.
//
// # What it follows
//
// The reference is wrangler's real behaviour (workers-sdk, packages/workers-utils
// config/validation.ts and packages/wrangler dev-vars.ts / dot-env.ts), summarised in
// /work/shared/spec/kv-and-wrangler.md section D:
//
//   - Discovery (D.1): wrangler.json, then wrangler.jsonc, then wrangler.toml, each searched
//     upward from the starting directory before the next name is tried.
//   - Formats (D.1): TOML 1.1 through BurntSushi/toml; .json and .jsonc both as JSONC
//     (comments, trailing commas, a "$schema" key). Both are decoded into one position-
//     carrying tree (tree.go), and a single validator (validate.go) works on that tree, so
//     the two formats cannot drift apart.
//   - Environments (D.2): --env NAME applies [env.NAME]. Inheritable keys fall back to the
//     top level; non-inheritable keys (every binding, vars, define) do not, and a key set at
//     the top level but missing from the environment produces wrangler's warning. Without a
//     "name" in the environment the worker is called "<name>-<env>". Asking for an
//     environment that does not exist is an error when other environments exist and a
//     warning when the file has none. The classification of every key wrangler knows is one
//     table in keys.go.
//   - Diagnostics: every problem is collected, not just the first, each with file, line,
//     key path ("kv_namespaces[1].binding") and message (syntax errors, which stop the
//     load, also carry a column); warnings (unknown keys,
//     non-inherited bindings, unexpected fields in a binding) are returned even on success.
//     Unknown keys warn.
//   - What edge does with each key is the support column of the key table (keys.go),
//     rendered as testdata/keys.md: keys turned into Config fields; deploy-time keys
//     (routes, workers_dev, placement, observability, limits, …) listed in Config.Ignored,
//     which edge serve prints as one info note; bindings edge does not provide (D1, R2,
//     Durable Objects, queues, AI, …) listed in Config.Unsupported, printed as one startup
//     warning, env.NAME left undefined; keys that would change how the worker runs but are
//     not implemented (alias, minify, tsconfig, …) warn with file and line.
//   - Module rules (D.3 "rules"): the config's rules, then wrangler's defaults (Text for
//     **/*.txt, **/*.html, **/*.sql; Data for **/*.bin; CompiledWasm for **/*.wasm and
//     **/*.wasm?module), with wrangler's fallthrough semantics and warnings (rules.go). The
//     bundler (runtime.BundleOptions.Rules) makes Text imports strings and Data imports
//     ArrayBuffers and CompiledWasm imports WebAssembly.Modules.
//   - [text_blobs]/[data_blobs]/[wasm_modules] (service-worker globals; an ES-module worker
//     with any is refused, see Config.CheckFormat), [dev] ip/port (edge serve's defaults
//     when --ip/--port are not given), [build] (command run before bundling by
//     Config.RunCustomBuild, as wrangler dev does; watch_dir parsed), [limits] (parsed, not
//     enforced), secrets.required (Config.FilterDevVars).
//   - Local variables (D.5): .dev.vars.<env> or else .dev.vars (never merged); when neither
//     exists, .env, .env.local, .env.<env>, .env.<env>.local merged with later files winning
//     and ${VAR} expansion, unless CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV=false. The syntax
//     is the dotenv package's.
//
// # Not supported yet
//
//   - Keys outside the supported set are recognised but not validated field by field
//     (routes, durable_objects, d1_databases, assets, observability, …): edge only reads
//     the binding names of the unsupported bindings.
//   - Only the environment that was asked for is validated; other [env.*] sections are
//     not looked at (wrangler does the same).
//   - The redirected-config file .wrangler/deploy/config.json, the CLOUDFLARE_ENV variable,
//     --env-file, and CLOUDFLARE_INCLUDE_PROCESS_ENV (process.env in ${VAR} expansion).
//
// Tests: config_test.go and testdata/errors pin individual behaviours; golden_test.go runs
// the txtar projects in testdata/golden (config files, .dev.vars, .env …) and compares the
// normalized config, diagnostics, startup notes and local variables with each archive's
// "want" file, rewritten by go test -update.
//
// Deviations from wrangler are marked "Deviation:" in the source.
package wrangler
