#!/usr/bin/env bash
# Builds edge, seeds the feature-flags example's KV namespace from its seed.json and serves it
# on http://127.0.0.1:8787 (Ctrl-C stops it; state stays in examples/feature-flags/.edge/state).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bin
CGO_ENABLED=0 go build -o bin/edge ./cmd/edge
cd examples/feature-flags
../../bin/edge kv bulk put seed.json --binding FLAGS
echo "Try: curl 'http://127.0.0.1:8787/flags?user=alice'"
exec ../../bin/edge serve "$@"
