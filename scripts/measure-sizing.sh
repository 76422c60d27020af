#!/usr/bin/env bash
# Measures what docs/deploy.md's "Sizing" table reports: the exporter's memory and scrape sizes
# for fleets of several sizes, against the standalone simulator, on this machine, over loopback.
#
#   scripts/measure-sizing.sh                 # 1000 5000 20000 devices
#   scripts/measure-sizing.sh 1000 50000      # other fleet sizes
#
# For each size N it starts the simulator with N devices, no churn (so the model's size is known)
# and a budget too large to matter, starts
# the exporter against it polling every second with persistence off, waits until the model holds
# all N devices and enrichment has covered (nearly) all of them, lets it poll and be scraped for a
# while, then reads the exporter's resident memory (VmRSS, and the peak VmHWM) from /proc and the
# sizes of /metrics and /metrics/devices, plain and gzip-compressed (Prometheus asks for gzip).
# Release builds; nothing leaves 127.0.0.1.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 5000 20000)
config="${CONFIG:-Release}"
settle="${SETTLE_SECONDS:-20}"
fill_timeout="${FILL_TIMEOUT_SECONDS:-600}"

dotnet build -c "$config" -nologo -v quiet src/MetaAccessExporter/MetaAccessExporter.csproj >&2
sim_dll="src/MetaAccess.Simulator/bin/$config/net10.0/MetaAccess.Simulator.dll"
exp_dll="src/MetaAccessExporter/bin/$config/net10.0/MetaAccessExporter.dll"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

wait_http() { # url deadline-seconds
  local end=$((SECONDS + $2))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" == 200 ]]; do
    (( SECONDS < end )) || { echo "timed out waiting for $1" >&2; return 1; }
    sleep 0.5
  done
}

metric_sum() { # url metric-name: the sum of its samples
  curl -s "$1" | awk -v m="$2" '$1 == m || index($1, m "{") == 1 { s += $NF } END { printf "%.4f", s + 0 }'
}

kib() { awk '/^'"$2"':/ { print $2 }' "/proc/$1/status"; }

echo "| devices | RSS after fill (MiB) | peak RSS (MiB) | /metrics (KiB, gzip KiB, series) | /metrics/devices (KiB, gzip KiB, series) | fill time (s) | enrichment coverage |"
echo "|---:|---:|---:|---|---|---:|---:|"
for n in "${sizes[@]}"; do
  sim_port="$(free_port)"
  dotnet "$sim_dll" --urls "http://127.0.0.1:$sim_port" --Simulator:DeviceCount="$n" \
    --Simulator:RequestsPerMinute=100000 --Simulator:MeanTimeBetweenChanges=00:00:00 >"/tmp/sizing-sim-$n.log" 2>&1 &
  sim_pid=$!; pids+=("$sim_pid")
  exp_port="$(free_port)"
  start=$SECONDS
  dotnet "$exp_dll" --urls "http://127.0.0.1:$exp_port" --MetaAccess:BaseUrl="http://127.0.0.1:$sim_port/" \
    --MetaAccess:AccessToken=demo-token --MetaAccess:RequestsPerMinute=100000 \
    --MetaAccess:PollInterval=00:00:01 --Exporter:StatePath= >"/tmp/sizing-exporter-$n.log" 2>&1 &
  exp_pid=$!; pids+=("$exp_pid")
  base="http://127.0.0.1:$exp_port"

  wait_http "$base/readyz" "$fill_timeout"
  end=$((SECONDS + fill_timeout))
  until [[ "$(metric_sum "$base/metrics" metaaccess_devices)" == "$n.0000" ]]; do
    (( SECONDS < end )) || { echo "model did not reach $n devices; see /tmp/sizing-exporter-$n.log" >&2; exit 1; }
    sleep 1
  done
  end=$((SECONDS + fill_timeout))
  while awk -v c="$(metric_sum "$base/metrics" metaaccess_enrichment_coverage_ratio)" 'BEGIN { exit !(c < 0.99) }'; do
    (( SECONDS < end )) || break
    sleep 1
  done
  fill=$((SECONDS - start))
  coverage="$(metric_sum "$base/metrics" metaaccess_enrichment_coverage_ratio)"

  # Steady state: keep polling (every second) and being scraped, as under Prometheus.
  for _ in $(seq "$settle"); do
    curl -s -o /dev/null --compressed "$base/metrics"; curl -s -o /dev/null --compressed "$base/metrics/devices"; sleep 1
  done

  rss=$(kib "$exp_pid" VmRSS); hwm=$(kib "$exp_pid" VmHWM)
  m_raw=$(curl -s -o /dev/null -w '%{size_download}' "$base/metrics")
  m_gz=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$base/metrics")
  m_series=$(curl -s "$base/metrics" | grep -vc '^#' || true)
  d_raw=$(curl -s -o /dev/null -w '%{size_download}' "$base/metrics/devices")
  d_gz=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$base/metrics/devices")
  d_series=$(curl -s "$base/metrics/devices" | grep -vc '^#' || true)
  awk -v n="$n" -v rss="$rss" -v hwm="$hwm" -v mr="$m_raw" -v mg="$m_gz" -v ms="$m_series" \
      -v dr="$d_raw" -v dg="$d_gz" -v ds="$d_series" -v f="$fill" -v c="$coverage" 'BEGIN {
    printf "| %d | %.0f | %.0f | %.1f, %.1f, %d | %.0f, %.0f, %d | %d | %.2f |\n",
      n, rss/1024, hwm/1024, mr/1024, mg/1024, ms, dr/1024, dg/1024, ds, f, c }'

  kill "$exp_pid" "$sim_pid"; wait "$exp_pid" "$sim_pid" 2>/dev/null || true
  pids=()
done
