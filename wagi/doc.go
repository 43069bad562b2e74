// Package wagi runs standalone WebAssembly workers: a config whose main is a `.wasm` file is a
// WASI preview-1 command module run once per request, WAGI-style (deislabs/wagi: CGI for
// WASI), on wazero. Existing WAGI modules run unmodified. The package imports kvstore and
// nothing else of edge; the server builds a Worker from the config and serves it as the
// worker's http.Handler (runtime.Config.Standalone).
//
// # Lifecycle
//
// The module is compiled once when the Worker is made (wazero's compilation cache, on disk in
// the state dir when one is given). Each request instantiates it afresh — new linear memory,
// no state shared between requests — and runs `_start`. A request that runs longer than the
// CPU limit is stopped (wazero WithCloseOnContextDone) and answered 503, as a JS worker is.
//
// Deviation: the limit is wall time of the run, not CPU time.
//
// # Request (CGI, as WAGI passes it)
//
//   - stdin: the request body.
//   - args: argv[0] is the request path; the query string, split on "&" and URL-decoded,
//     follows (WAGI's convention).
//   - environment: REQUEST_METHOD, PATH_INFO (the whole path), SCRIPT_NAME (""),
//     QUERY_STRING, CONTENT_TYPE, CONTENT_LENGTH, SERVER_NAME, SERVER_PORT,
//     SERVER_PROTOCOL, SERVER_SOFTWARE ("edge"), GATEWAY_INTERFACE ("CGI/1.1"), REMOTE_ADDR,
//     REMOTE_HOST, AUTH_TYPE and REMOTE_USER (empty), X_MATCHED_ROUTE ("/..."),
//     X_FULL_URL, X_RAW_PATH_INFO, and every request header as HTTP_NAME (upper case, "-"
//     as "_").
//   - clocks and random numbers are the host's; there is no filesystem (no preopens).
//
// # Response (CGI on stdout)
//
// Header lines ("Name: value"), a blank line, then the body. "Status: 404 Not Found" sets the
// status; a "Location" header without a Status means 302. As in WAGI, the headers must include
// Content-Type or Location, otherwise the request fails with 500. A non-zero exit status
// (proc_exit) also answers 500. stderr is logged line by line. The response is sent when the
// module exits (stdout is buffered, as WAGI does), so a standalone worker cannot stream.
//
// # Host imports: module "edge"
//
// Standalone workers reach their KV namespaces (by binding name, as in wrangler config) and
// their vars through imports of module "edge". Strings and byte slices are (pointer, length)
// pairs of i32 into the module's exported memory "memory". Every call leaves its output — a
// value, a JSON document or an error message — in a per-request result buffer, which the
// module copies out with result_read:
//
//	kv_get(binding_ptr, binding_len, key_ptr, key_len i32) i32
//	    ≥0: the value's length (the value is the result); -1: no such key; -2: error
//	kv_put(binding_ptr, binding_len, key_ptr, key_len, value_ptr, value_len i32, ttl_seconds i64) i32
//	    0: written (committed and fsync'd); -2: error. ttl_seconds 0 = no expiry
//	kv_delete(binding_ptr, binding_len, key_ptr, key_len i32) i32
//	    0: deleted (or absent); -2: error
//	kv_list(binding_ptr, binding_len, prefix_ptr, prefix_len, cursor_ptr, cursor_len, limit i32) i32
//	    ≥0: the length of a JSON document shaped like Workers' list() result:
//	    {"keys":[{"name":…,"expiration":…,"metadata":…}],"list_complete":…,"cursor":…}; -2: error
//	var_get(name_ptr, name_len i32) i32
//	    ≥0: the var's length (the value is the result); -1: no such var
//	result_len() i32
//	    the result buffer's length (an error message's, after -2)
//	result_read(ptr i32)
//	    copies the whole result buffer to ptr
//
// -2 means the result holds the error message, e.g. an unknown binding or Workers KV's
// validation messages. examples/wasi-kv holds a Go (GOOS=wasip1) client of this ABI.
package wagi
