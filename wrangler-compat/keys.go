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

// classOf is the one table of every key wrangler knows. The keys edge turns into Config
// fields are marked "used"; every other known key is accepted without a warning and
// ignored (it is deploy-time only, or a binding edge does not implement yet).
func classOf(key string) keyClass {
	switch key {
	// Top-level only.
	case "$schema", // JSON schema reference, any format
		"env",
		"send_metrics",
		"dev",
		"site",
		"wasm_modules",
		"text_blobs",
		"data_blobs",
		"alias",
		"keep_vars",
		"addresses",
		"dependencies_instrumentation",
		"pages_build_output_dir":
		return keyTopLevelOnly

	// Inheritable. ("migrations" is top-level-only in the docs but inheritable in the
	// source; the source wins.)
	case "name", // used
		"main",                // used
		"compatibility_date",  // used
		"compatibility_flags", // used
		"triggers",            // used: crons
		"account_id",
		"find_additional_modules",
		"preserve_file_names",
		"base_dir",
		"workers_dev",
		"preview_urls",
		"routes",
		"route",
		"tsconfig",
		"jsx_factory",
		"jsx_fragment",
		"migrations",
		"exports",
		"limits",
		"rules",
		"build",
		"no_bundle",
		"minify",
		"keep_names",
		"first_party_worker",
		"logfwdr",
		"logpush",
		"upload_source_maps",
		"placement",
		"assets",
		"observability",
		"access",
		"cache",
		"compliance_region",
		"python_modules",
		"previews":
		return keyInheritable

	// Non-inheritable: every binding, plus vars and define.
	case "vars", // used
		"define",        // used
		"kv_namespaces", // used
		"services",      // used
		"secrets",
		"durable_objects",
		"workflows",
		"queues",
		"r2_buckets",
		"d1_databases",
		"vectorize",
		"hyperdrive",
		"analytics_engine_datasets",
		"browser",
		"ai",
		"images",
		"media",
		"stream",
		"version_metadata",
		"unsafe",
		"mtls_certificates",
		"tail_consumers",
		"streaming_tail_consumers",
		"dispatch_namespaces",
		"pipelines",
		"secrets_store_secrets",
		"send_email",
		"ratelimits",
		"worker_loaders",
		"vpc_services",
		"vpc_networks",
		"containers",
		"cloudchamber",
		"connect",
		"ai_search_namespaces",
		"ai_search",
		"agent_memory",
		"websearch",
		"artifacts",
		"flagship",
		"unsafe_hello_world":
		return keyNonInheritable

	// Removed in wrangler v4. Deviation: wrangler rejects these; edge warns and ignores
	// them, since they change nothing about how a worker runs locally.
	case "node_compat", "legacy_env", "usage_model":
		return keyRemoved
	}
	return keyUnknown
}
