#!/usr/bin/env bash
# The benchmark suite of issue 10: the same worker sources under edge, raw workerd, Miniflare and
# wrangler dev, measured with wrk on loopback, interleaved (A B C D A B C D … for --rounds rounds),
# and a table of requests/s, p50/p99 latency, start-up time and RSS, with edge/peer ratios.
#
# Usage: bench/run.sh [options]
#   -w, --workloads LIST   comma-separated subset of bench/workloads.json
#                          (default: hello,kvget,kvput,gateway,gateway-origin,flags,hono,stream,wasm)
#   -t, --targets LIST     subset of edge,workerd,miniflare,wrangler (default: all four; edge always runs)
#   -d, --duration D       wrk duration of each measurement (default: 5s)
#   -r, --rounds N         interleaved rounds per workload (default: 3)
#   -c, --connections N    wrk connections (default: 32; one wrk thread)
#   -o, --out DIR          where samples, logs and results.md go (default: bench/results/<UTC time>)
#   -p, --profile          run edge with EDGE_CPUPROFILE=OUT/<workload>-edge.cpu.prof (written when
#                          it stops; read it with `go tool pprof -top`) and GODEBUG=gctrace=1 (in its log)
# Env:  EDGE_BENCH_CACHE   where the npm tooling is installed (default: ~/.cache/edge-bench)
#       BENCH_PORT         first of the seven loopback ports used (default: 18200)
#
# What it installs when missing: wrk (apt-get), and under $EDGE_BENCH_CACHE/npm wrangler and
# Node 22 at pinned versions (wrangler pins its workerd, which is raw workerd here), and under
# $EDGE_BENCH_CACHE/miniflare-<version> Miniflare 4 at a pinned version (with its own workerd).
# Per workload: every target is started (start-up = process start → first HTTP response; idle
# RSS a second later) and its response is checked; then every target is restarted with the state
# its first start left (edge's bundle cache; a second start-up time), then the rounds run, each target in turn
# (1 s warm-up in the first round); all are stopped before the next workload. Raw workerd and
# Miniflare run the bundle `wrangler deploy --dry-run` makes; edge and wrangler dev serve the
# project folder (a copy, so no state lands in the repository) and bundle it themselves.
# RSS is VmRSS summed over the target's process group. Everything listens on 127.0.0.1 only,
# and every process started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

WRANGLER_VERSION=4.164.0
NODE_VERSION=22.23.3
# Miniflare's latest stable major (wrangler 4.164 ships a 5.x beta, whose options differ).
MINIFLARE_VERSION=4.20260730.0

workloads=hello,kvget,kvput,gateway,gateway-origin,flags,hono,stream,wasm
targets=edge,workerd,miniflare,wrangler
duration=5s
rounds=3
conns=32
out=""
profile=0
while [ $# -gt 0 ]; do
  case $1 in
    -w|--workloads) workloads=$2; shift 2 ;;
    -t|--targets) targets=$2; shift 2 ;;
    -d|--duration) duration=$2; shift 2 ;;
    -r|--rounds) rounds=$2; shift 2 ;;
    -c|--connections) conns=$2; shift 2 ;;
    -o|--out) out=$2; shift 2 ;;
    -p|--profile) profile=1; shift ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
IFS=, read -ra WL <<<"$workloads"
IFS=, read -ra TG <<<"$targets"
case ",$targets," in *,edge,*) ;; *) TG=(edge "${TG[@]}") ;; esac
for t in "${TG[@]}"; do
  case $t in edge|workerd|miniflare|wrangler) ;; *) echo "bench: unknown target $t" >&2; exit 2 ;; esac
done

# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh

# --- tools -------------------------------------------------------------------------------
need_wrk
for tool in wrk go node npm curl setsid pgrep; do
  command -v "$tool" >/dev/null || { log "$tool is needed"; exit 1; }
done

CACHE=${EDGE_BENCH_CACHE:-$HOME/.cache/edge-bench}
NPM_DIR=$CACHE/npm
NM=$NPM_DIR/node_modules
have_version() { [ -f "$NM/$1/package.json" ] && [ "$(node -p "require('$NM/$1/package.json').version")" = "$2" ]; }
if ! have_version wrangler "$WRANGLER_VERSION" || ! have_version node "$NODE_VERSION"; then
  log "installing wrangler@$WRANGLER_VERSION and node@$NODE_VERSION into $NPM_DIR"
  mkdir -p "$NPM_DIR"
  npm install --prefix "$NPM_DIR" --no-audit --no-fund --loglevel=error \
    "wrangler@$WRANGLER_VERSION" "node@$NODE_VERSION" >&2
fi
MF_DIR=$CACHE/miniflare-$MINIFLARE_VERSION
if [[ " ${TG[*]} " == *" miniflare "* ]] && ! [ -f "$MF_DIR/node_modules/miniflare/package.json" ]; then
  log "installing miniflare@$MINIFLARE_VERSION into $MF_DIR"
  mkdir -p "$MF_DIR"
  npm install --prefix "$MF_DIR" --no-audit --no-fund --loglevel=error "miniflare@$MINIFLARE_VERSION" >&2
fi
NODE22=$NM/node/bin/node
[ -x "$NODE22" ] || NODE22=$NM/.bin/node
WRANGLER=$NM/wrangler/bin/wrangler.js
MINIFLARE_DIR=$MF_DIR/node_modules/miniflare
WORKERD=$NM/workerd/bin/workerd
[ -x "$WORKERD" ] || WORKERD=$(ls "$NM"/@cloudflare/workerd-linux-*/bin/workerd | head -1)
export MINIFLARE_DIR
PEER="$NODE22 $repo/bench/lib/peer.mjs"

# Fixture dependencies (hono, wabt), as the test suite installs them.
bash scripts/setup.sh >/dev/null

# --- scratch space and process groups ---------------------------------------------------
tmp=$(mktemp -d)
[ -n "$out" ] || out=$repo/bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
: >"$out/samples.tsv"
: >"$out/startup.tsv"
declare -A group # target -> pid of its process group leader (started with setsid)
origin_pid=""
stop_targets() {
  local t
  for t in "${!group[@]}"; do stop_group "${group[$t]}"; unset "group[$t]"; done
}
cleanup() {
  stop_targets
  [ -z "$origin_pid" ] || stop_group "$origin_pid"
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

BASE=${BENCH_PORT:-18200}
ORIGIN_PORT=$BASE
declare -A PORT=([edge]=$((BASE + 1)) [workerd]=$((BASE + 2)) [miniflare]=$((BASE + 3)) [wrangler]=$((BASE + 4)))
INSPECTOR_PORT=$((BASE + 5))
ORIGIN=http://127.0.0.1:$ORIGIN_PORT

wrangler_env=(env CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_SEND_METRICS=false
  WRANGLER_SEND_ERROR_REPORTS=false CLOUDFLARE_TELEMETRY_DISABLED=1 NO_UPDATE_NOTIFIER=1 CI=1
  FORCE_COLOR=0 XDG_CONFIG_HOME="$tmp/xdg")
wrangler() { "${wrangler_env[@]}" "$NODE22" "$WRANGLER" "$@"; }

log "building edge"
CGO_ENABLED=0 go build -o "$tmp/edge" ./cmd/edge
go build -o "$tmp/gohello" ./internal/bench/gohello
setsid "$tmp/gohello" -addr "127.0.0.1:$ORIGIN_PORT" >"$tmp/origin.log" 2>&1 &
origin_pid=$!

# start TARGET WORKLOAD KIND CMD...: start CMD in its own process group and wait for its first
# HTTP response that is not a 5xx (a runtime still loading the worker may answer 503); record the
# start-up time and, a second later, the idle RSS, as a KIND (first or restart) start.
start() {
  local t=$1 w=$2 kind=$3; shift 3
  local t0 pid
  t0=$(now_ms)
  setsid "$@" >"$out/$w-$t.log" 2>&1 &
  pid=$!
  group[$t]=$pid
  if wait_http "http://127.0.0.1:${PORT[$t]}/" "$pid"; then
    local ms=$(($(now_ms) - t0))
    sleep 1
    printf '%s\t%s\t%s\t%s\t%s\n' "$w" "$t" "$ms" "$(rss_kb "$pid")" "$kind" >>"$out/startup.tsv"
    log "$w: $t up in $ms ms ($kind start)"
    return 0
  fi
  log "$w: $t did not start (log: $out/$w-$t.log)"; tail -20 "$out/$w-$t.log" >&2
  return 1
}

# wrk_args WORKLOAD: the request part of the wrk command line.
wrk_args() {
  local w=$1 lua hdrs
  lua=$($PEER get "$w" request.lua)
  [ -z "$lua" ] || printf '%s\n' -s "$repo/bench/lib/$lua"
  hdrs=$($PEER get "$w" request.headers)
  [ -z "$hdrs" ] || node -e 'for (const [k, v] of Object.entries(JSON.parse(process.argv[1]))) console.log("-H\n" + k + ": " + v)' "$hdrs"
}

# check TARGET WORKLOAD: one request as wrk sends it; the response must contain the expected
# string (or have the expected size).
check() {
  local t=$1 w=$2 url body method expect bytes args=()
  url=http://127.0.0.1:${PORT[$t]}$($PEER get "$w" request.path)
  method=$($PEER get "$w" request.method); body=$($PEER get "$w" request.body)
  [ -z "$method" ] || args+=(-X "$method")
  [ -z "$body" ] || args+=(--data-binary "$body")
  while IFS= read -r a; do [ "$a" = -H ] || args+=(-H "$a"); done < <(wrk_args "$w" | grep -v -- '^-s$\|\.lua$' || true)
  [ "$($PEER get "$w" request.lua)" != put.lua ] || url=${url%/}/check-$t
  curl -s --max-time 30 "${args[@]}" "$url" -o "$tmp/check" || true
  expect=$($PEER get "$w" expect); bytes=$($PEER get "$w" expect_bytes)
  if [ -n "$bytes" ]; then
    [ "$(stat -c %s "$tmp/check")" = "$bytes" ] && return 0
  elif grep -qF -- "$expect" "$tmp/check"; then
    return 0
  fi
  log "$w: $t answered $(head -c 300 "$tmp/check"), want ${expect:-$bytes bytes}"
  return 1
}

# measure TARGET WORKLOAD ROUND: one wrk run; appends a line to samples.tsv.
measure() {
  local t=$1 w=$2 r=$3 args peak=0 kb
  local url=http://127.0.0.1:${PORT[$t]}$($PEER get "$w" request.path)
  mapfile -t args < <(wrk_args "$w")
  [ "$r" != 1 ] || wrk -t1 -c8 -d1s "${args[@]}" "$url" -- "warm-$t" >/dev/null 2>&1 || true
  wrk -t1 -c"$conns" -d"$duration" --latency "${args[@]}" "$url" -- "run$r-$t" >"$out/$w-$t-$r.wrk" 2>&1 &
  local wpid=$!
  while kill -0 "$wpid" 2>/dev/null; do
    kb=$(rss_kb "${group[$t]}"); [ "$kb" -le "$peak" ] || peak=$kb
    sleep 0.25
  done
  wait "$wpid" || true
  wrk_stats "$out/$w-$t-$r.wrk" | awk -F'\t' -v OFS='\t' -v w="$w" -v t="$t" -v r="$r" -v peak="$peak" '{ print w, t, r, $1, $2, $3, peak, $4 }' |
    tee -a "$out/samples.tsv" | awk '{ printf "bench: %s: %s round %s: %s req/s, p50 %s ms, p99 %s ms, %d MB%s\n", $1, $2, $3, $4, $5, $6, $7 / 1024, ($8 > 0 ? ", " $8 " errors" : "") }' >&2
}

# prepare WORKLOAD: copies for edge and wrangler dev (seeded), the bundle for workerd and
# Miniflare, the workerd config.
prepare() {
  local w=$1 dir t binding seed
  dir=$($PEER get "$w" dir)
  for t in edge wrangler bundle; do
    # -a keeps the files' times, as in a checked-out project (edge does not cache a bundle of
    # files changed in the last 2 s).
    rm -rf "$tmp/$w-$t"; cp -a "$dir" "$tmp/$w-$t"; rm -rf "$tmp/$w-$t/.wrangler" "$tmp/$w-$t/.edge"
  done
  if [[ " ${TG[*]} " == *" workerd "* || " ${TG[*]} " == *" miniflare "* ]]; then
    (cd "$tmp/$w-bundle" && wrangler deploy --dry-run --outdir "$tmp/$w-out" >"$out/$w-bundle.log" 2>&1) ||
      { log "$w: wrangler could not bundle it:"; tail -20 "$out/$w-bundle.log" >&2; return 1; }
    rm -f "$tmp/$w-out"/*.map "$tmp/$w-out/README.md"
    $PEER workerd-config "$w" "$tmp/$w-out" "${PORT[workerd]}" "$ORIGIN"
  fi
  while IFS=$'\t' read -r binding seed; do
    [ -n "$seed" ] && [ "$seed" != null ] || continue
    (cd "$tmp/$w-edge" && "$tmp/edge" kv bulk put "$repo/$seed" --binding "$binding" --persist-to "$tmp/$w-edge-state" >/dev/null)
    if [[ " ${TG[*]} " == *" wrangler "* ]]; then
      (cd "$tmp/$w-wrangler" && wrangler kv bulk put "$repo/$seed" --binding "$binding" --local --persist-to "$tmp/$w-wrangler-state" >"$out/$w-wrangler-seed.log" 2>&1) ||
        { log "$w: wrangler kv bulk put failed:"; tail -20 "$out/$w-wrangler-seed.log" >&2; return 1; }
    fi
  done < <(node -e 'for (const [k, v] of Object.entries(JSON.parse(process.argv[1] || "{}"))) console.log(k + "\t" + v)' "$($PEER get "$w" kv)")
}

# start_target TARGET WORKLOAD KIND
start_target() {
  local t=$1 w=$2 kind=$3 vars=() prof=()
  while IFS= read -r v; do vars+=(--var "$v"); done < <($PEER vars "$w" "$ORIGIN")
  [ "$profile" = 0 ] || prof=(EDGE_CPUPROFILE="$out/$w-edge.cpu.prof" EDGE_HEAPPROFILE="$out/$w-edge.heap.prof" GODEBUG=gctrace=1)
  case $t in
    edge) start edge "$w" "$kind" env "${prof[@]}" bash -c 'cd "$1" && shift && exec "$@"' _ "$tmp/$w-edge" "$tmp/edge" serve \
      --ip 127.0.0.1 --port "${PORT[edge]}" --persist-to "$tmp/$w-edge-state" "${vars[@]}" ;;
    workerd) start workerd "$w" "$kind" "$WORKERD" serve "$tmp/$w-out/workerd.capnp" config ;;
    miniflare) start miniflare "$w" "$kind" $PEER miniflare "$w" "$tmp/$w-out" "${PORT[miniflare]}" "$tmp/$w-mf-state" "$ORIGIN" ;;
    wrangler) start wrangler "$w" "$kind" bash -c 'cd "$1" && shift && exec "$@"' _ "$tmp/$w-wrangler" "${wrangler_env[@]}" \
      "$NODE22" "$WRANGLER" dev --local --ip 127.0.0.1 --port "${PORT[wrangler]}" --inspector-port "$INSPECTOR_PORT" \
      --persist-to "$tmp/$w-wrangler-state" --show-interactive-dev-session=false "${vars[@]}" ;;
  esac
}

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo "+dirty")
{
  echo "commit $commit; $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "wrk -t1 -c$conns -d$duration --latency, $rounds interleaved rounds; wrangler $WRANGLER_VERSION, miniflare $MINIFLARE_VERSION (workerd $("$MF_DIR"/node_modules/@cloudflare/workerd-linux-*/bin/workerd --version 2>/dev/null | awk '{print $NF}')), workerd $("$WORKERD" --version 2>/dev/null | awk '{print $NF}'), node $("$NODE22" --version), edge $("$tmp/edge" version 2>/dev/null | head -1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/machine.txt"
cat "$out/machine.txt" >&2

for w in "${WL[@]}"; do
  log "== $w"
  prepare "$w" || continue
  up=()
  for t in "${TG[@]}"; do
    if start_target "$t" "$w" first && check "$t" "$w"; then up+=("$t"); fi
  done
  # Every target once more, with the state its first start left (edge: the bundle cache;
  # wrangler dev and Miniflare: theirs): the start-up of a restart. The rounds run on these.
  stop_targets
  restarted=()
  for t in "${up[@]}"; do
    if start_target "$t" "$w" restart; then restarted+=("$t"); fi
  done
  up=("${restarted[@]}")
  for r in $(seq 1 "$rounds"); do
    for t in "${up[@]}"; do measure "$t" "$w" "$r"; done
  done
  stop_targets
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"

{
  sed 's/^/    /' "$out/machine.txt"
  echo
  $PEER summary "$out/samples.tsv" "$out/startup.tsv"
} >"$out/results.md"
cat "$out/results.md"
log "samples, logs and results.md are in $out"
