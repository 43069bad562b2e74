#!/usr/bin/env bash
# The URL shortener's redirect path (GET /CODE → KV get → 302) as a standalone Go-Wasm worker
# (examples/url-shortener-wasm, a fresh WASI instance per request) and as the same logic in a
# JS worker (its js/ twin), one wrk run each, same flags, same machine.
# Usage: scripts/bench-wasm.sh [wrk flags]   (default: -t1 -c8 -d10s)
set -euo pipefail
cd "$(dirname "$0")/.."
WRK_FLAGS=${*:-"-t1 -c8 -d10s"}
command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install -y wrk)" >&2; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

go build -o "$tmp/edge" ./cmd/edge
cp -r examples/url-shortener-wasm "$tmp/short"
(cd examples/url-shortener-wasm && GOOS=wasip1 GOARCH=wasm go build -o "$tmp/short/shortener.wasm" .)

wait_port() { for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 not ready" >&2; return 1; }
rps() { wrk $WRK_FLAGS "$1" | awk '/Requests\/sec/ {print $2}'; }

(cd "$tmp/short" && exec "$tmp/edge" serve --port 18091 --persist-to "$tmp/state-wasm" >/dev/null 2>"$tmp/wasm.log") & pids+=($!)
(cd "$tmp/short/js" && exec "$tmp/edge" serve --port 18092 --persist-to "$tmp/state-js" >/dev/null 2>"$tmp/js.log") & pids+=($!)
wait_port 18091; wait_port 18092

wasm_url=$(curl -s -X POST --data https://example.com/ http://127.0.0.1:18091/)
js_url=$(curl -s -X POST --data https://example.com/ http://127.0.0.1:18092/)
for u in "$wasm_url" "$js_url"; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$u")" = 302 ] || { echo "bench: $u does not redirect" >&2; exit 1; }
done

for u in "$wasm_url" "$js_url"; do wrk -t1 -c4 -d1s "$u" >/dev/null; done
wasm_rps=$(rps "$wasm_url")
js_rps=$(rps "$js_url")

printf '%-28s %12s %8s\n' "redirect path" "requests/s" "vs JS"
printf '%-28s %12s %8s\n' "JS worker" "$js_rps" "1.00"
printf '%-28s %12s %8s\n' "Go-Wasm worker (WAGI)" "$wasm_rps" "$(awk -v a="$wasm_rps" -v b="$js_rps" 'BEGIN{printf "%.3f", a/b}')"
echo "(wrk $WRK_FLAGS, $(nproc) cores)"
