#!/usr/bin/env bash
# KV load benchmark: edge vs Miniflare (workerd with its local KV), one run, same wrk flags,
# same three workers from internal/bench, each target alone on the machine while measured:
#   get   internal/bench/kvget   one KV get of a hot key per request
#   put   internal/bench/kvput   one KV put of a distinct key per request (wrk Lua makes the keys)
#   list  internal/bench/kvlist  one KV list per request, 1000 keys seeded
# Prints requests/s of both and edge/Miniflare. Issue 3's targets: get ≥ 2×, put ≥ 5×.
#
# Usage: scripts/bench-kv.sh [wrk flags]        (default: -t1 -c32 -d10s)
# Env:   MINIFLARE_VERSION   npm version spec to install (default 4)
#        EDGE_BENCH_CACHE    where Miniflare is installed (default ~/.cache/edge-bench)
#        MF_PERSIST=0        keep Miniflare's KV in memory instead of on disk (edge always fsyncs)
#        BENCH_PORT          first of the two loopback ports used (default 18091)
#
# Everything listens on 127.0.0.1 only. Every process started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
WRK_FLAGS=${*:-"-t1 -c32 -d10s"}
MF_VERSION=${MINIFLARE_VERSION:-4}
CACHE=${EDGE_BENCH_CACHE:-$HOME/.cache/edge-bench}
MF_DIR=$CACHE/miniflare
MF_PERSIST=${MF_PERSIST:-1}
EDGE_PORT=${BENCH_PORT:-18091}
MF_PORT=$((EDGE_PORT + 1))

for tool in wrk node npm curl setsid; do
  command -v "$tool" >/dev/null || { echo "bench-kv: $tool is needed" >&2; exit 1; }
done

tmp=$(mktemp -d)
pids=() # each is a process group leader (started with setsid)
stop_group() { # pid: SIGTERM the group, SIGKILL it if still there after 5 s
  local p=$1
  kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 -- "-$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$p" 2>/dev/null || true
}
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && stop_group "$p"; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Miniflare, installed once into the cache --------------------------------------------
if [ ! -f "$MF_DIR/node_modules/miniflare/package.json" ]; then
  echo "bench-kv: installing miniflare@$MF_VERSION into $MF_DIR" >&2
  mkdir -p "$MF_DIR"
  npm install --prefix "$MF_DIR" --no-audit --no-fund --loglevel=error "miniflare@$MF_VERSION" >&2
fi
mf_version=$(node -p "require('$MF_DIR/node_modules/miniflare/package.json').version")
workerd_version=$("$MF_DIR"/node_modules/@cloudflare/workerd-linux-*/bin/workerd --version 2>/dev/null || echo "workerd ?")

# mf.mjs SCRIPT PORT PERSIST_DIR|"" SEED: serve one module worker with binding KV under
# Miniflare, seed its KV through Miniflare's API, then print "Ready on URL".
cat >"$tmp/mf.mjs" <<'EOF'
import { createRequire } from "node:module";
const require = createRequire(process.env.MF_DIR + "/package.json");
const { Miniflare, Log, LogLevel } = require("miniflare");
const [scriptPath, port, persist, seed] = process.argv.slice(2);
const mf = new Miniflare({
  modules: true,
  scriptPath,
  compatibilityDate: "2025-06-01",
  kvNamespaces: { KV: "bench" },
  kvPersist: persist === "" ? false : persist,
  host: "127.0.0.1",
  port: Number(port),
  log: new Log(LogLevel.WARN),
});
const url = await mf.ready;
const kv = await mf.getKVNamespace("KV");
if (seed === "greeting") await kv.put("greeting", "Hello from KV");
if (seed === "list") {
  for (let i = 0; i < 1000; i += 100) {
    await Promise.all(Array.from({ length: 100 }, (_, j) => {
      const n = String(i + j).padStart(4, "0");
      return kv.put(`key-${n}`, `value-${n}`);
    }));
  }
}
let stopping = false;
const stop = async () => { if (stopping) return; stopping = true; await mf.dispose(); process.exit(0); };
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
console.log(`Ready on ${url}`);
EOF

# put.lua: every request a new path (= key) "/<run>-<thread>-<n>"; run comes after "--".
cat >"$tmp/put.lua" <<'EOF'
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  run = args[1] or "run"
  n = 0
end
function request()
  n = n + 1
  return wrk.format("GET", "/" .. run .. "-" .. tid .. "-" .. n)
end
EOF

# 1000 keys for the list worker, wrangler's bulk format; same names and values as mf.mjs.
awk 'BEGIN { printf "["; for (i = 0; i < 1000; i++) printf "%s{\"key\":\"key-%04d\",\"value\":\"value-%04d\"}", (i ? "," : ""), i, i; print "]" }' >"$tmp/list-seed.json"

echo "bench-kv: building edge" >&2
go build -o "$tmp/edge" ./cmd/edge

# start NAME CMD...: run CMD in its own process group, log to $tmp/NAME.log, wait for "Ready on".
start() {
  local name=$1; shift
  setsid "$@" >"$tmp/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do
    grep -q "Ready on" "$tmp/$name.log" && return 0
    kill -0 "$!" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench-kv: $name did not start:" >&2; cat "$tmp/$name.log" >&2; exit 1
}
stop_last() { stop_group "${pids[-1]}"; unset 'pids[-1]'; }

# measure NAME URL WANT [wrk args…]: check one response, warm up 1 s, run wrk, print req/s
# and fail on any non-2xx response or socket error.
measure() {
  local name=$1 url=$2 want=$3; shift 3
  local got
  got=$(curl -s --max-time 10 "$url/check-$name") || true
  if [ "$got" != "$want" ]; then echo "bench-kv: $name answered '$got', want '$want'" >&2; exit 1; fi
  wrk -t1 -c8 -d1s "$@" "$url/" -- "warm-$name" >/dev/null
  wrk $WRK_FLAGS "$@" "$url/" -- "run-$name" >"$tmp/$name.wrk"
  if grep -q "Non-2xx\|Socket errors" "$tmp/$name.wrk"; then
    echo "bench-kv: $name had errors:" >&2; cat "$tmp/$name.wrk" >&2; exit 1
  fi
  awk '/Requests\/sec/ {print $2}' "$tmp/$name.wrk"
}

mf_persist() { [ "$MF_PERSIST" = 1 ] && echo "$tmp/mf-$1" || echo ""; }

# edge_serve WORKLOAD: a copy of the fixture (so no state is written into the repo).
edge_serve() {
  local w=$1
  cp -r "internal/bench/kv$w" "$tmp/edge-$w"
  start "edge-$w" bash -c "cd '$tmp/edge-$w' && exec '$tmp/edge' serve --ip 127.0.0.1 --port $EDGE_PORT --persist-to '$tmp/state-$w' 2>'$tmp/edge-$w.err'"
}
mf_serve() {
  local w=$1 seed=$2
  start "mf-$w" env MF_DIR="$MF_DIR" node "$tmp/mf.mjs" "$repo/internal/bench/kv$w/src/index.js" "$MF_PORT" "$(mf_persist "$w")" "$seed"
}

declare -A edge mf
echo "bench-kv: uptime before: $(uptime)" >&2

# get: hot key
mkdir -p "$tmp/seed-get" && cp internal/bench/kvget/wrangler.toml "$tmp/seed-get/"
(cd "$tmp/seed-get" && "$tmp/edge" kv key put greeting "Hello from KV" --binding KV --persist-to "$tmp/state-get" >/dev/null)
edge_serve get;             edge[get]=$(measure edge-get "http://127.0.0.1:$EDGE_PORT" "Hello from KV"); stop_last
mf_serve get greeting;      mf[get]=$(measure mf-get "http://127.0.0.1:$MF_PORT" "Hello from KV");       stop_last

# put: distinct keys
edge_serve put;             edge[put]=$(measure edge-put "http://127.0.0.1:$EDGE_PORT" ok -s "$tmp/put.lua"); stop_last
mf_serve put "";            mf[put]=$(measure mf-put "http://127.0.0.1:$MF_PORT" ok -s "$tmp/put.lua");       stop_last

# list: 1000 keys
mkdir -p "$tmp/seed-list" && cp internal/bench/kvlist/wrangler.toml "$tmp/seed-list/"
(cd "$tmp/seed-list" && "$tmp/edge" kv bulk put "$tmp/list-seed.json" --binding KV --persist-to "$tmp/state-list" >/dev/null)
edge_serve list;            edge[list]=$(measure edge-list "http://127.0.0.1:$EDGE_PORT" 1000); stop_last
mf_serve list list;         mf[list]=$(measure mf-list "http://127.0.0.1:$MF_PORT" 1000);       stop_last

echo "bench-kv: uptime after:  $(uptime)" >&2
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
printf '%-26s %12s %16s %10s %8s\n' workload "edge req/s" "Miniflare req/s" "edge/MF" target
printf '%-26s %12s %16s %10s %8s\n' "KV get, hot key" "${edge[get]}" "${mf[get]}" "$(ratio "${edge[get]}" "${mf[get]}")" "≥ 2"
printf '%-26s %12s %16s %10s %8s\n' "KV put, distinct keys" "${edge[put]}" "${mf[put]}" "$(ratio "${edge[put]}" "${mf[put]}")" "≥ 5"
printf '%-26s %12s %16s %10s %8s\n' "KV list, 1000 keys" "${edge[list]}" "${mf[list]}" "$(ratio "${edge[list]}" "${mf[list]}")" "-"
persist_desc="on disk (kvPersist)"; [ "$MF_PERSIST" = 1 ] || persist_desc="in memory"
echo "(wrk $WRK_FLAGS, $(nproc) cores; miniflare $mf_version, $workerd_version, KV $persist_desc; edge KV fsync'd bbolt)"
