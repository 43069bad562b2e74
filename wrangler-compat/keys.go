package wrangler

// keyClass says how wrangler treats a configuration key (spec D.2; workers-utils
// config/environment.ts and validation.ts).
type keyClass uint8

const (
	keyUnknown        keyClass = iota // not a wrangler key: warn
	keyTopLevelOnly                   // allowed only at the top level, never under [env.*]
	keyInheritable                    // an environment falls back to the top-level value
	keyNonInheritable                 // must be repeated in every environment (bindings)
	keyRemoved                        // removed in wrangler v4: warn and ignore
)

// support says what edge does with a key wrangler knows.
type support uint8

const (
	// supUsed: a validator of its own turns the key into Config fields.
	supUsed support = iota
	// supDeployOnly: the key matters only when deploying (or is not enforced locally). It
	// is accepted and listed in Config.Ignored, which edge serve prints as one info note.
	supDeployOnly
	// supBinding: the key defines env bindings edge does not provide. Each binding is
	// listed in Config.Unsupported (one startup warning); env.NAME stays undefined.
	supBinding
	// supNotYet: the key changes how the worker runs locally, and edge does not implement
	// it: a warning with file and line, then the key is ignored.
	supNotYet
	// supRemoved: removed in wrangler v4.
	supRemoved
)

// keySpec is one row of the key table.
type keySpec struct {
	name    string
	class   keyClass
	support support
	// quietIf, for a supNotYet boolean key, is the value that is what edge does anyway
	// ("true" or "false"): written so, the key draws no warning.
	quietIf string
	// note says what edge does with the key: the text of the support table
	// (testdata/keys.md); for supNotYet keys, the warning ("<note>; ignored").
	note string
}

// keyTable is the one table of every key wrangler knows: its environment class and what
// edge does with it. Order: top-level-only keys, inheritable keys, non-inheritable keys
// (bindings), keys removed in wrangler v4 — each group in wrangler's order.
func keyTable() []keySpec {
	return []keySpec{
		// Top-level only.
		{"$schema", keyTopLevelOnly, supUsed, "", "accepted (editor schema reference)"},
		{"env", keyTopLevelOnly, supUsed, "", "[env.NAME] overlays, selected with --env, with wrangler's inheritance rules and warnings"},
		{"send_metrics", keyTopLevelOnly, supDeployOnly, "", "wrangler telemetry"},
		{"dev", keyTopLevelOnly, supUsed, "", "ip and port are edge serve's defaults (--ip/--port win); local_protocol = \"https\" warns (edge serves http); other fields ignored"},
		{"site", keyTopLevelOnly, supBinding, "", "Workers Sites: env.__STATIC_CONTENT is not provided"},
		{"wasm_modules", keyTopLevelOnly, supUsed, "", "service-worker globals holding a WebAssembly.Module compiled from the file (wazero); refused in ES-module workers, as in wrangler"},
		{"text_blobs", keyTopLevelOnly, supUsed, "", "service-worker globals holding the file as a string; an ES-module worker is rejected as by wrangler"},
		{"data_blobs", keyTopLevelOnly, supUsed, "", "service-worker globals holding the file as an ArrayBuffer; an ES-module worker is rejected as by wrangler"},
		{"alias", keyTopLevelOnly, supNotYet, "", "edge's bundler does not apply module aliases yet"},
		{"keep_vars", keyTopLevelOnly, supDeployOnly, "", "deploy-time"},
		{"addresses", keyTopLevelOnly, supDeployOnly, "", "deploy-time"},
		{"dependencies_instrumentation", keyTopLevelOnly, supDeployOnly, "", "deploy-time"},
		{"pages_build_output_dir", keyTopLevelOnly, supNotYet, "", "Pages projects are not supported; edge runs the worker in main"},
		// edge's own key (wrangler warns about it as unknown): `edge test` settings.
		{"test", keyTopLevelOnly, supUsed, "", "edge's own table for `edge test`: kv_seed = { BINDING = \"file.json\" } seeds each test file's fresh KV namespace from a `wrangler kv bulk put` file"},

		// Inheritable.
		{"name", keyInheritable, supUsed, "", "worker name (<name>-<env> under --env without its own name)"},
		{"main", keyInheritable, supUsed, "", "entry module, relative to the config file"},
		{"compatibility_date", keyInheritable, supUsed, "", "validated, passed to the runtime"},
		{"compatibility_flags", keyInheritable, supUsed, "", "passed to the runtime"},
		{"account_id", keyInheritable, supDeployOnly, "", "deploy-time"},
		{"find_additional_modules", keyInheritable, supNotYet, "false", "edge bundles every import into one script and does not look for additional modules"},
		{"preserve_file_names", keyInheritable, supDeployOnly, "", "names of uploaded modules"},
		{"base_dir", keyInheritable, supDeployOnly, "", "names of uploaded modules"},
		{"workers_dev", keyInheritable, supDeployOnly, "", "deploy-time"},
		{"preview_urls", keyInheritable, supDeployOnly, "", "deploy-time"},
		{"routes", keyInheritable, supDeployOnly, "", "deploy-time; edge serves every path on --ip/--port"},
		{"route", keyInheritable, supDeployOnly, "", "deploy-time; edge serves every path on --ip/--port"},
		{"tsconfig", keyInheritable, supNotYet, "", "edge does not pass a custom tsconfig path to its bundler yet (a tsconfig.json next to the sources is still used)"},
		{"jsx_factory", keyInheritable, supNotYet, "", "edge does not pass JSX options to its bundler yet"},
		{"jsx_fragment", keyInheritable, supNotYet, "", "edge does not pass JSX options to its bundler yet"},
		{"migrations", keyInheritable, supDeployOnly, "", "Durable Object migrations (Durable Objects are not provided)"},
		{"exports", keyInheritable, supDeployOnly, "", "deploy-time"},
		{"triggers", keyInheritable, supUsed, "", "crons fire on schedule in edge serve (with --test-scheduled they run only through /__scheduled); triggers.events is ignored"},
		{"limits", keyInheritable, supUsed, "", "cpu_ms and subrequests are enforced by edge serve (wrangler dev does not enforce them)"},
		{"rules", keyInheritable, supUsed, "", "module rules with wrangler's defaults and fallthrough: Text → string, Data → ArrayBuffer, CompiledWasm → WebAssembly.Module, ESModule/CommonJS → JavaScript"},
		{"build", keyInheritable, supUsed, "", "command is run before bundling, in cwd (as wrangler dev does); watch_dir is parsed (no file watching yet)"},
		{"no_bundle", keyInheritable, supNotYet, "false", "edge always bundles"},
		{"minify", keyInheritable, supNotYet, "false", "edge does not minify yet"},
		{"keep_names", keyInheritable, supNotYet, "true", "edge always keeps function and class names"},
		{"first_party_worker", keyInheritable, supDeployOnly, "", "deploy-time"},
		{"logfwdr", keyInheritable, supDeployOnly, "", "deploy-time"},
		{"logpush", keyInheritable, supDeployOnly, "", "deploy-time"},
		{"upload_source_maps", keyInheritable, supDeployOnly, "", "deploy-time; edge always uses source maps for stack traces"},
		{"placement", keyInheritable, supDeployOnly, "", "deploy-time"},
		{"assets", keyInheritable, supBinding, "", "static assets are not served, and the assets binding (assets.binding) is not provided"},
		{"observability", keyInheritable, supDeployOnly, "", "deploy-time; edge logs to stderr"},
		{"access", keyInheritable, supDeployOnly, "", "deploy-time"},
		{"cache", keyInheritable, supDeployOnly, "", "deploy-time"},
		{"compliance_region", keyInheritable, supDeployOnly, "", "deploy-time"},
		{"python_modules", keyInheritable, supNotYet, "", "edge does not run Python workers"},
		{"previews", keyInheritable, supDeployOnly, "", "deploy-time"},

		// Non-inheritable: every binding, plus vars and define.
		{"vars", keyNonInheritable, supUsed, "", "plain-text and JSON vars"},
		{"define", keyNonInheritable, supUsed, "", "build-time substitutions"},
		{"secrets", keyNonInheritable, supUsed, "", "secrets.required: only those names (and overrides of vars) are taken from .dev.vars/.env; missing ones warn"},
		{"kv_namespaces", keyNonInheritable, supUsed, "", "KV namespaces on the local store"},
		{"services", keyNonInheritable, supUsed, "", "service bindings to other --config workers (fetch; named entrypoints and RPC not yet)"},
		{"durable_objects", keyNonInheritable, supBinding, "", ""},
		{"workflows", keyNonInheritable, supBinding, "", ""},
		{"queues", keyNonInheritable, supBinding, "", "producers are not provided; consumers are not run"},
		{"r2_buckets", keyNonInheritable, supBinding, "", ""},
		{"d1_databases", keyNonInheritable, supBinding, "", ""},
		{"vectorize", keyNonInheritable, supBinding, "", ""},
		{"hyperdrive", keyNonInheritable, supBinding, "", ""},
		{"analytics_engine_datasets", keyNonInheritable, supBinding, "", ""},
		{"browser", keyNonInheritable, supBinding, "", ""},
		{"ai", keyNonInheritable, supBinding, "", ""},
		{"images", keyNonInheritable, supBinding, "", ""},
		{"media", keyNonInheritable, supBinding, "", ""},
		{"stream", keyNonInheritable, supBinding, "", ""},
		{"version_metadata", keyNonInheritable, supBinding, "", ""},
		{"unsafe", keyNonInheritable, supBinding, "", ""},
		{"mtls_certificates", keyNonInheritable, supBinding, "", ""},
		{"tail_consumers", keyNonInheritable, supDeployOnly, "", "tail workers are not run"},
		{"streaming_tail_consumers", keyNonInheritable, supDeployOnly, "", "tail workers are not run"},
		{"dispatch_namespaces", keyNonInheritable, supBinding, "", ""},
		{"pipelines", keyNonInheritable, supBinding, "", ""},
		{"secrets_store_secrets", keyNonInheritable, supBinding, "", ""},
		{"send_email", keyNonInheritable, supBinding, "", ""},
		{"ratelimits", keyNonInheritable, supBinding, "", ""},
		{"worker_loaders", keyNonInheritable, supBinding, "", ""},
		{"vpc_services", keyNonInheritable, supBinding, "", ""},
		{"vpc_networks", keyNonInheritable, supBinding, "", ""},
		{"containers", keyNonInheritable, supNotYet, "", "edge does not run containers"},
		{"cloudchamber", keyNonInheritable, supDeployOnly, "", "deploy-time"},
		{"connect", keyNonInheritable, supBinding, "", ""},
		{"ai_search_namespaces", keyNonInheritable, supBinding, "", ""},
		{"ai_search", keyNonInheritable, supBinding, "", ""},
		{"agent_memory", keyNonInheritable, supBinding, "", ""},
		{"websearch", keyNonInheritable, supBinding, "", ""},
		{"artifacts", keyNonInheritable, supBinding, "", ""},
		{"flagship", keyNonInheritable, supBinding, "", ""},
		{"unsafe_hello_world", keyNonInheritable, supBinding, "", ""},

		// Removed in wrangler v4. Deviation: wrangler rejects these; edge warns and ignores
		// them, since they change nothing about how a worker runs locally.
		{"node_compat", keyRemoved, supRemoved, "", "warning: use compatibility_flags = [\"nodejs_compat\"]"},
		{"legacy_env", keyRemoved, supRemoved, "", "warning"},
		{"usage_model", keyRemoved, supRemoved, "", "warning"},
	}
}

// lookupKey returns the table row of key; ok is false for a key wrangler does not know.
func lookupKey(key string) (keySpec, bool) {
	for _, k := range keyTable() {
		if k.name == key {
			return k, true
		}
	}
	return keySpec{}, false
}

// classOf returns how wrangler treats key in environments (keyUnknown if it does not know it).
func classOf(key string) keyClass {
	k, ok := lookupKey(key)
	if !ok {
		return keyUnknown
	}
	return k.class
}
