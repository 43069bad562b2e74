# shellcheck shell=bash
# Shell helpers shared by bench/run.sh and bench/scaling.sh (sourced, not run).

log() { echo "bench: $*" >&2; }

# need_wrk: install wrk with apt-get when it is missing.
need_wrk() {
  command -v wrk >/dev/null && return 0
  log "installing wrk (apt-get)"
  local sudo_=""
  [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get install -y wrk >&2 || { $sudo_ apt-get update >&2 && $sudo_ apt-get install -y wrk >&2; }
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# rss_kb PGID: VmRSS summed over the process group.
rss_kb() {
  local sum=0 p kb
  for p in $(pgrep -g "$1" 2>/dev/null); do
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null) || kb=0
    sum=$((sum + ${kb:-0}))
  done
  echo "$sum"
}

# stop_group PID: SIGTERM the process group PID leads, SIGKILL it if still there after 5 s.
stop_group() {
  local p=$1
  kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 -- "-$p" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$p" 2>/dev/null || true
}

# wait_http URL PID: poll URL every 2 ms (plus curl's own start, a few ms) until it answers with
# a status that is not a 5xx (a runtime still loading the worker may answer 503). Fails when PID
# exits first, or after 30,000 polls (well over a minute).
wait_http() {
  local url=$1 pid=$2 code
  for _ in $(seq 1 30000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    if [ "${code:-000}" != 000 ] && [ "$code" -lt 500 ]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.002
  done
  return 1
}

# wrk_stats FILE: the figures of a `wrk --latency` report, tab-separated: requests/s, p50 ms,
# p99 ms, errors (non-2xx/3xx responses and socket errors), mean latency ms.
wrk_stats() {
  awk '
    function ms(s) { if (s ~ /us$/) return s / 1000; if (s ~ /ms$/) return s + 0; if (s ~ /m$/) return s * 60000; if (s ~ /s$/) return s * 1000; return s }
    /^ +Latency +[0-9]/ { avg = ms($2) }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { err += $NF }
    /Socket errors/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    END { printf "%s\t%.3f\t%.3f\t%d\t%.3f\n", rps + 0, p50, p99, err, avg }
  ' "$1"
}
