#!/usr/bin/env bash
# The markdown tables of bench/scaling.sh, from the samples (*.tsv) in its output directory:
# bash bench/lib/scaling-report.sh OUT. A table is left out when its section did not run.
set -euo pipefail
out=$1

# Shared awk functions: comma(n) groups thousands; median(s) of a space-separated list.
lib='
function comma(n,   s, r) {
  s = sprintf("%.0f", n); r = ""
  while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
  return s r
}
function median(list,   v, n, i, j, t) {
  n = split(list, v, " ")
  for (i = 2; i <= n; i++) { t = v[i] + 0; for (j = i - 1; j >= 1 && v[j] + 0 > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
  return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
function mb(kb) { return sprintf("%.1f", kb / 1024) }
'

# has FILE: the section wrote samples.
has() { [ -f "$out/$1" ] && [ "$(wc -l <"$out/$1")" -gt 1 ]; }

if has isolates.tsv; then
  echo
  echo "### Throughput against isolates (wrk -t1 -c32)"
  echo
  echo "Median over the rounds."
  echo
  echo "| workload | isolates | req/s | × 1 isolate | p50 / p99 ms | peak RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk -F'\t' "$lib"'
    NR > 1 { k = $1 SUBSEP $2; if (!(k in rps)) order[++n] = k
      rps[k] = rps[k] " " $5; p50[k] = p50[k] " " $6; p99[k] = p99[k] " " $7; peak[k] = peak[k] " " $10 }
    END {
      for (i = 1; i <= n; i++) {
        split(order[i], f, SUBSEP); r = median(rps[order[i]]); if (f[2] == 1) one[f[1]] = r
        printf "| %s | %s | %s | %s | %.2f / %.2f | %s |\n", f[1], f[2], comma(r), (one[f[1]] ? sprintf("%.2f×", r / one[f[1]]) : ""),
          median(p50[order[i]]), median(p99[order[i]]), mb(median(peak[order[i]]))
      }
    }
  ' "$out/isolates.tsv"
fi

if has connections.tsv; then
  echo
  echo "### Throughput and latency against connections (wrk -t1, default isolates)"
  echo
  echo "Median over the rounds."
  echo
  echo "| workload | connections | req/s | p50 / p99 ms | peak RSS MB |"
  echo "|---|---:|---:|---:|---:|"
  awk -F'\t' "$lib"'
    NR > 1 { k = $1 SUBSEP $2; if (!(k in rps)) order[++n] = k
      rps[k] = rps[k] " " $4; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6; peak[k] = peak[k] " " $9 }
    END {
      for (i = 1; i <= n; i++) {
        split(order[i], f, SUBSEP)
        printf "| %s | %s | %s | %.2f / %.2f | %s |\n", f[1], f[2], comma(median(rps[order[i]])),
          median(p50[order[i]]), median(p99[order[i]]), mb(median(peak[order[i]]))
      }
    }
  ' "$out/connections.tsv"
fi

if has kvput.tsv; then
  echo
  echo "### KV put throughput and group commit against connections"
  echo
  echo "A distinct key per request, answered after the fsync'd put. Median over the rounds; puts,"
  echo "commits and puts per commit (edge_kv_commit_writes_total / edge_kv_commits_total) summed"
  echo "over them."
  echo
  echo "| connections | req/s | p50 / p99 ms | puts | commits (fsyncs) | puts per commit |"
  echo "|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' "$lib"'
    NR > 1 { k = $1; if (!(k in rps)) order[++n] = k
      rps[k] = rps[k] " " $3; p50[k] = p50[k] " " $4; p99[k] = p99[k] " " $5; puts[k] += $9; commits[k] += $10; writes[k] += $11 }
    END {
      for (i = 1; i <= n; i++) {
        k = order[i]
        printf "| %s | %s | %.2f / %.2f | %s | %s | %s |\n", k, comma(median(rps[k])), median(p50[k]), median(p99[k]),
          comma(puts[k]), comma(commits[k]), (commits[k] ? sprintf("%.1f", writes[k] / commits[k]) : "")
      }
    }
  ' "$out/kvput.tsv"
fi

if has memory.tsv; then
  echo
  echo "### Idle RSS against isolates (hello)"
  echo
  echo "Median over the starts; RSS one second after the first response."
  echo
  echo "| isolates | start-up ms | idle RSS MB | MB per isolate added (vs the row above) |"
  echo "|---:|---:|---:|---:|"
  awk -F'\t' "$lib"'
    NR > 1 { if (!($1 in up)) order[++k] = $1; up[$1] = up[$1] " " $3; rss[$1] = rss[$1] " " $4 }
    END {
      for (i = 1; i <= k; i++) {
        n = order[i]; r = median(rss[n])
        printf "| %s | %s | %s | %s |\n", n, median(up[n]), mb(r), (i > 1 ? sprintf("%.2f", (r - prev) / 1024 / (n - pn)) : "")
        x[i] = n; y[i] = r / 1024; prev = r; pn = n
      }
      for (i = 1; i <= k; i++) { sx += x[i]; sy += y[i] }
      mx = sx / k; my = sy / k
      for (i = 1; i <= k; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ^ 2 }
      if (sxx > 0) printf "\nLeast-squares fit: idle RSS ≈ %.1f MB + %.2f MB × isolates.\n", my - sxy / sxx * mx, sxy / sxx
    }
  ' "$out/memory.tsv"
fi

if has inflight.tsv; then
  echo
  echo "### Memory per in-flight request (every request waits 1 s)"
  echo
  echo "In flight = req/s × mean latency (Little's law); per request = (peak RSS − RSS after"
  echo "warm-up) / in flight. GOGC=25 keeps the heap near its live size; the default is edge's own."
  echo
  echo "| GC | connections | req/s | mean latency ms | in flight | RSS after warm-up MB | peak RSS MB | KB per in-flight request |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' "$lib"'
    NR > 1 { inflight = $3 * $7 / 1000
      printf "| %s | %s | %s | %.0f | %.0f | %s | %s | %s |\n", ($1 == "default" ? "default" : "GOGC=" $1), $2, comma($3), $7, inflight, mb($9), mb($8), (inflight > 0 ? sprintf("%.0f", ($8 - $9) / inflight) : "") }
  ' "$out/inflight.tsv"
fi

if has bundle.tsv; then
  echo
  echo "### Start-up and idle RSS against bundle size"
  echo
  echo "Generated workers (internal/bench.SyntheticWorker); median over the starts. Cold: fresh state"
  echo "directory; second: the same project and state directory started again."
  echo
  echo "| size | source bytes | cold start ms, 1 / 2 isolates | second start ms, 1 / 2 isolates | idle RSS MB, 1 / 2 isolates | MB per isolate |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk -F'\t' "$lib"'
    NR > 1 { if (!($1 in bytes)) order[++k] = $1; bytes[$1] = $2
      cold[$1, $3] = cold[$1, $3] " " $5; rss[$1, $3] = rss[$1, $3] " " $6; second[$1, $3] = second[$1, $3] " " $7 }
    END {
      for (i = 1; i <= k; i++) {
        s = order[i]; r1 = median(rss[s, 1]); r2 = median(rss[s, 2])
        printf "| %s | %s | %s / %s | %s / %s | %s / %s | %.1f |\n", s, comma(bytes[s]), median(cold[s, 1]), median(cold[s, 2]),
          median(second[s, 1]), median(second[s, 2]), mb(r1), mb(r2), (r2 - r1) / 1024
      }
    }
  ' "$out/bundle.tsv"
fi
