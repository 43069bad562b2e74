#!/usr/bin/env bash
# How edge scales (issue 10 part 3): throughput and latency against isolates and connections,
# KV write throughput and group-commit size against concurrency, memory per isolate and per
# in-flight request, and cold start and per-isolate memory against bundle size. edge only.
#
# Usage: bench/scaling.sh [options]
#   -s, --sections LIST    comma-separated subset of isolates,connections,kvput,memory,inflight,bundle
#                          (default: all)
#   -d, --duration D       wrk duration of each throughput measurement (default: 3s)
#   -r, --rounds N         rounds of the throughput measurements, interleaved (isolates: the three
#                          servers in turn; connections, kvput: the connection counts in turn);
#                          the median is reported (default: 3)
#   -D, --inflight-duration D   wrk duration of each in-flight measurement (default: 10s)
#   -n, --starts N         starts per point of the memory and bundle sections; the median is
#                          reported (default: 3)
#   -o, --out DIR          where samples, wrk reports, logs and results.md go
#                          (default: bench/results/scaling-<UTC time>)
#   -p, --profile          in the bundle section, run each size's first cold start with
#                          EDGE_CPUPROFILE=OUT/bundle-<size>-i<isolates>.cpu.prof (`go tool pprof -top`)
# Env:  BENCH_PORT         the first of the three loopback ports edge serves on (default: 18300)
#
# Sections (all with wrk -t1 --latency, after a 1 s warm-up at -c8, against `edge serve` in a copy
# of the fixture folder with a fresh --persist-to directory):
#   isolates     hello and kvget with --isolates 1, 2, 4 at -c32 (the three servers up at once, on
#                consecutive ports): requests/s, p50/p99, peak RSS
#   connections  hello and kvget (default isolates = GOMAXPROCS) at -c1, 4, 16, 64, 256
#   kvput        internal/bench/kvput (a distinct key per request, answered after the fsync'd
#                put) at -c1, 4, 16, 64, 256; puts per commit from edge's /metrics
#                (edge_kv_commit_writes_total / edge_kv_commits_total, read through the admin socket)
#   memory       idle RSS of hello with --isolates 1, 2, 4, 8, 16 (1 s after the first response);
#                MB per isolate as the least-squares slope
#   inflight     internal/bench/inflight (every request waits 1 s) at -c16, 64, 256, one fresh
#                server each, with the default GC and with GOGC=25 (near the live heap): peak RSS
#                minus the RSS after a warm-up, over the requests in flight (requests/s × mean
#                latency, Little's law)
#   bundle       generated workers of ~1 KB, 10 KB, 100 KB and 1 MB (internal/bench/genworker):
#                start-up to the first response (as bench/run.sh measures it) and idle RSS with
#                --isolates 1 and 2, on a fresh state directory (cold) and again on the one that
#                start left (second start). BenchmarkStartupBySize in internal/bench splits these
#                starts into esbuild, goja compile and isolate time, and live heap
# RSS is VmRSS summed over edge's process group. Everything listens on 127.0.0.1 only, and
# every process started here is stopped on exit. About 8 minutes with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# shellcheck source=bench/lib/common.sh
. bench/lib/common.sh

sections=isolates,connections,kvput,memory,inflight,bundle
duration=3s
rounds=3
inflight_duration=10s
starts=3
out=""
profile=0
while [ $# -gt 0 ]; do
  case $1 in
    -s|--sections) sections=$2; shift 2 ;;
    -d|--duration) duration=$2; shift 2 ;;
    -r|--rounds) rounds=$2; shift 2 ;;
    -D|--inflight-duration) inflight_duration=$2; shift 2 ;;
    -n|--starts) starts=$2; shift 2 ;;
    -o|--out) out=$2; shift 2 ;;
    -p|--profile) profile=1; shift ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "scaling: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
IFS=, read -ra SECTIONS <<<"$sections"
for s in "${SECTIONS[@]}"; do
  case $s in isolates|connections|kvput|memory|inflight|bundle) ;; *) echo "scaling: unknown section $s" >&2; exit 2 ;; esac
done

need_wrk
for tool in wrk go curl setsid pgrep; do
  command -v "$tool" >/dev/null || { log "$tool is needed"; exit 1; }
done

tmp=$(mktemp -d)
[ -n "$out" ] || out=$repo/bench/results/scaling-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out/logs" "$out/wrk"
pids=() # the edge servers running (process group leaders)
stop_edges() {
  local p
  for p in "${pids[@]}"; do stop_group "$p"; done
  pids=()
}
cleanup() {
  stop_edges
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=${BENCH_PORT:-18300}
URL=http://127.0.0.1:$PORT
EDGE=$tmp/edge
log "building edge"
CGO_ENABLED=0 go build -o "$EDGE" ./cmd/edge
go build -o "$tmp/genworker" ./internal/bench/genworker

# project NAME FIXTURE: a fresh copy of the fixture folder at $tmp/NAME (echoed), without state.
project() {
  rm -rf "${tmp:?}/$1" "$tmp/$1-state"
  cp -r "$2" "$tmp/$1"
  rm -rf "$tmp/$1/.edge" "$tmp/$1/.wrangler"
  # Files as old as in a checked-out project: edge does not cache the bundle of files changed
  # in the last 2 s, which a fresh copy (or a just-generated worker) would be.
  find "$tmp/$1" -exec touch -h -d '1 hour ago' {} +
  echo "$tmp/$1"
}

# serve LOG DIR STATE [FLAGS...]: start `edge serve` in DIR on port $port (default $PORT), with
# the environment in serve_env, and wait for its first response; sets edge_pid, up_ms (process
# start → first response) and idle_kb (the RSS one second later).
serve_env=()
port=$PORT
serve() {
  local name=$1 dir=$2 state=$3 t0
  shift 3
  t0=$(now_ms)
  # shellcheck disable=SC2016 # $1 and $@ belong to the inner shell
  setsid env "${serve_env[@]}" bash -c 'cd "$1" && shift && exec "$@"' _ "$dir" \
    "$EDGE" serve --ip 127.0.0.1 --port "$port" --persist-to "$state" "$@" >"$out/logs/$name.log" 2>&1 &
  edge_pid=$!
  pids+=("$edge_pid")
  if ! wait_http "http://127.0.0.1:$port/" "$edge_pid"; then
    log "$name: edge did not start (log: $out/logs/$name.log)"; tail -20 "$out/logs/$name.log" >&2
    stop_edges
    return 1
  fi
  up_ms=$(($(now_ms) - t0))
  sleep 1
  idle_kb=$(rss_kb "$edge_pid")
}

warm() { wrk -t1 -c8 -d1s "$@" >/dev/null 2>&1 || true; }

# load NAME PID DURATION CONNS WRK-ARGS...: one wrk run (report in OUT/wrk/NAME.wrk), sampling
# the RSS of edge's process group PID every 0.25 s; prints wrk_stats' fields and the peak RSS in kB.
load() {
  local name=$1 pid=$2 d=$3 c=$4 peak=0 kb wpid
  shift 4
  wrk -t1 -c"$c" -d"$d" --latency "$@" >"$out/wrk/$name.wrk" 2>&1 &
  wpid=$!
  while kill -0 "$wpid" 2>/dev/null; do
    kb=$(rss_kb "$pid"); [ "$kb" -le "$peak" ] || peak=$kb
    sleep 0.25
  done
  wait "$wpid" || true
  printf '%s\t%s\n' "$(wrk_stats "$out/wrk/$name.wrk")" "$peak"
}

# metric STATE NAME: a sample of edge's /metrics, read through the admin socket in STATE.
metric() {
  curl -s --max-time 5 --unix-socket "$1/edge.sock" http://edge/metrics |
    awk -v n="$2" '$1 == n { v = $2 } END { print v + 0 }'
}

# fixture WORKLOAD [NAME]: a copy of internal/bench/WORKLOAD to serve (named NAME, default
# WORKLOAD), its KV seeded as bench/run.sh does.
fixture() {
  local dir
  dir=$(project "${2:-$1}" "internal/bench/$1")
  if [ "$1" = kvget ]; then
    (cd "$dir" && "$EDGE" kv bulk put "$repo/bench/seeds/greeting.json" --binding KV --persist-to "$dir-state" >/dev/null)
  fi
  echo "$dir"
}

say() { log "$1: $(awk -F'\t' '{ printf "%s req/s, p50 %s ms, p99 %s ms%s", $1, $2, $3, ($4 > 0 ? ", " $4 " errors" : "") }' <<<"$2")"; }

section_isolates() {
  local w n i dir r
  local -A pid
  printf 'workload\tisolates\tround\tconnections\treq_s\tp50_ms\tp99_ms\terrors\tmean_ms\tpeak_rss_kb\n' >"$out/isolates.tsv"
  for w in hello kvget; do
    for n in 1 2 4; do
      dir=$(fixture "$w" "$w-i$n")
      port=$((PORT + n - 1))
      serve "isolates-$w-$n" "$dir" "$dir-state" --isolates "$n" || continue 2
      pid[$n]=$edge_pid
      warm "http://127.0.0.1:$port/"
    done
    for i in $(seq 1 "$rounds"); do
      for n in 1 2 4; do
        r=$(load "isolates-$w-$n-$i" "${pid[$n]}" "$duration" 32 "http://127.0.0.1:$((PORT + n - 1))/")
        say "$w --isolates $n round $i" "$r"
        printf '%s\t%s\t%s\t32\t%s\n' "$w" "$n" "$i" "$r" >>"$out/isolates.tsv"
      done
    done
    stop_edges
  done
  port=$PORT
}

section_connections() {
  local w c i dir r
  printf 'workload\tconnections\tround\treq_s\tp50_ms\tp99_ms\terrors\tmean_ms\tpeak_rss_kb\n' >"$out/connections.tsv"
  for w in hello kvget; do
    dir=$(fixture "$w")
    serve "connections-$w" "$dir" "$dir-state" || continue
    warm "$URL/"
    for i in $(seq 1 "$rounds"); do
      for c in 1 4 16 64 256; do
        r=$(load "connections-$w-$c-$i" "$edge_pid" "$duration" "$c" "$URL/")
        say "$w -c$c round $i" "$r"
        printf '%s\t%s\t%s\t%s\n' "$w" "$c" "$i" "$r" >>"$out/connections.tsv"
      done
    done
    stop_edges
  done
}

section_kvput() {
  local c i dir r commits writes puts
  printf 'connections\tround\treq_s\tp50_ms\tp99_ms\terrors\tmean_ms\tpeak_rss_kb\tputs\tcommits\twrites\n' >"$out/kvput.tsv"
  dir=$(fixture kvput)
  serve kvput "$dir" "$dir-state" || return 0
  warm -s "$repo/bench/lib/put.lua" "$URL/" -- warm
  for i in $(seq 1 "$rounds"); do
    for c in 1 4 16 64 256; do
      commits=$(metric "$dir-state" edge_kv_commits_total)
      writes=$(metric "$dir-state" edge_kv_commit_writes_total)
      puts=$(metric "$dir-state" 'edge_kv_operations_total{binding="KV",op="put",outcome="ok"}')
      r=$(load "kvput-$c-$i" "$edge_pid" "$duration" "$c" -s "$repo/bench/lib/put.lua" "$URL/" -- "r$i-c$c")
      commits=$(($(metric "$dir-state" edge_kv_commits_total) - commits))
      writes=$(($(metric "$dir-state" edge_kv_commit_writes_total) - writes))
      puts=$(($(metric "$dir-state" 'edge_kv_operations_total{binding="KV",op="put",outcome="ok"}') - puts))
      say "kvput -c$c round $i" "$r"
      log "kvput -c$c round $i: $puts puts in $commits commits"
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$i" "$r" "$puts" "$commits" "$writes" >>"$out/kvput.tsv"
    done
  done
  stop_edges
}

section_memory() {
  local n i dir
  printf 'isolates\trepeat\tstartup_ms\tidle_rss_kb\n' >"$out/memory.tsv"
  for n in 1 2 4 8 16; do
    for i in $(seq 1 "$starts"); do
      dir=$(fixture hello)
      serve "memory-$n-$i" "$dir" "$dir-state" --isolates "$n" || continue
      log "hello --isolates $n: up in $up_ms ms, idle RSS $((idle_kb / 1024)) MB"
      printf '%s\t%s\t%s\t%s\n' "$n" "$i" "$up_ms" "$idle_kb" >>"$out/memory.tsv"
      stop_edges
    done
  done
}

section_inflight() {
  local gc c dir base r
  printf 'gc\tconnections\treq_s\tp50_ms\tp99_ms\terrors\tmean_ms\tpeak_rss_kb\tbase_rss_kb\n' >"$out/inflight.tsv"
  for gc in default 25; do
    serve_env=()
    [ "$gc" = default ] || serve_env=(GOGC="$gc")
    for c in 16 64 256; do
      dir=$(fixture inflight)
      serve "inflight-$gc-$c" "$dir" "$dir-state" || continue
      # Warm up the request path (short waits), then take the baseline.
      wrk -t1 -c4 -d1s "$URL/?ms=10" >/dev/null 2>&1 || true
      sleep 1
      base=$(rss_kb "$edge_pid")
      r=$(load "inflight-$gc-$c" "$edge_pid" "$inflight_duration" "$c" --timeout 10s "$URL/?ms=1000")
      say "inflight GOGC=$gc -c$c" "$r"
      printf '%s\t%s\t%s\t%s\n' "$gc" "$c" "$r" "$base" >>"$out/inflight.tsv"
      stop_edges
    done
  done
  serve_env=()
}

section_bundle() {
  local size bytes units n i dir name cold cold_rss
  printf 'size\tbytes\tisolates\trepeat\tcold_ms\tcold_rss_kb\tsecond_ms\tsecond_rss_kb\n' >"$out/bundle.tsv"
  for size in 1k 10k 100k 1m; do
    IFS=$'\t' read -r bytes units < <("$tmp/genworker" "$tmp/gen-$size" "$size")
    for n in 1 2; do
      for i in $(seq 1 "$starts"); do
        name=bundle-$size-i$n
        dir=$(project "$name" "$tmp/gen-$size")
        serve_env=()
        [ "$profile" = 0 ] || [ "$i" != 1 ] || serve_env=(EDGE_CPUPROFILE="$out/$name.cpu.prof")
        serve "$name-$i-cold" "$dir" "$dir-state" --isolates "$n" || continue
        cold=$up_ms cold_rss=$idle_kb
        if [ "$(curl -s --max-time 5 "$URL/")" != "ok $units" ]; then
          log "$name: unexpected answer $(curl -s --max-time 5 "$URL/" | head -c 200)"
        fi
        stop_edges
        serve_env=()
        serve "$name-$i-second" "$dir" "$dir-state" --isolates "$n" || continue
        log "$size ($bytes bytes) --isolates $n: cold start $cold ms, $((cold_rss / 1024)) MB; second start $up_ms ms, $((idle_kb / 1024)) MB"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$bytes" "$n" "$i" "$cold" "$cold_rss" "$up_ms" "$idle_kb" >>"$out/bundle.tsv"
        stop_edges
      done
    done
  done
}

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo "+dirty")
{
  echo "commit $commit; $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "wrk -t1 --latency, -d$duration, $rounds interleaved rounds (in-flight: -d$inflight_duration, 1 round); $starts starts per memory/bundle point; edge $("$EDGE" version 2>/dev/null | head -1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/machine.txt"
cat "$out/machine.txt" >&2

for s in "${SECTIONS[@]}"; do
  log "== $s"
  "section_$s"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"

{
  sed 's/^/    /' "$out/machine.txt"
  bash bench/lib/scaling-report.sh "$out"
} >"$out/results.md"
cat "$out/results.md"
log "samples, wrk reports, logs and results.md are in $out"
