-- POST the body the wasm workload checks (its CRC-32 and ROT13 are computed in Wasm).
wrk.method = "POST"
wrk.body = "The quick brown fox jumps over the lazy dog"
wrk.headers["Content-Type"] = "text/plain"
