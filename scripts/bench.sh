#!/usr/bin/env bash
# Load benchmark with wrk on loopback, one run, same flags for every target:
#   plain Go net/http hello  |  edge hello worker  |  edge worker doing one KV get per request
# Prints requests/s and the ratio of each edge target to plain Go.
# Usage: scripts/bench.sh [wrk flags]   (default: -t1 -c32 -d10s)
set -euo pipefail
cd "$(dirname "$0")/.."
WRK_FLAGS=${*:-"-t1 -c32 -d10s"}
command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install -y wrk)" >&2; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

go build -o "$tmp/edge" ./cmd/edge
go build -o "$tmp/gohello" ./internal/bench/gohello

wait_port() { for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 not ready" >&2; return 1; }
rps() { wrk $WRK_FLAGS "$1" | awk '/Requests\/sec/ {print $2}'; }

"$tmp/gohello" -addr 127.0.0.1:18080 & pids+=($!)
(cd internal/bench/hello && exec "$tmp/edge" serve --port 18081 --persist-to "$tmp/state-hello" >/dev/null 2>"$tmp/hello.log") & pids+=($!)
cp -r internal/bench/kvget "$tmp/kvget"
(cd "$tmp/kvget" && "$tmp/edge" kv key put greeting "Hello from KV" --binding KV --persist-to "$tmp/state-kv" >/dev/null)
(cd "$tmp/kvget" && exec "$tmp/edge" serve --port 18082 --persist-to "$tmp/state-kv" >/dev/null 2>"$tmp/kv.log") & pids+=($!)
wait_port 18080; wait_port 18081; wait_port 18082

# Warm up each target briefly, then measure.
for p in 18080 18081 18082; do wrk -t1 -c8 -d1s "http://127.0.0.1:$p/" >/dev/null; done
go_rps=$(rps http://127.0.0.1:18080/)
hello_rps=$(rps http://127.0.0.1:18081/)
kv_rps=$(rps http://127.0.0.1:18082/)

printf '%-22s %12s %8s\n' target "requests/s" "vs Go"
printf '%-22s %12s %8s\n' "plain Go net/http" "$go_rps" "1.00"
printf '%-22s %12s %8s\n' "edge hello" "$hello_rps" "$(awk -v a="$hello_rps" -v b="$go_rps" 'BEGIN{printf "%.2f", a/b}')"
printf '%-22s %12s %8s\n' "edge KV get" "$kv_rps" "$(awk -v a="$kv_rps" -v b="$go_rps" 'BEGIN{printf "%.2f", a/b}')"
echo "(wrk $WRK_FLAGS, $(nproc) cores)"
