#!/usr/bin/env bash
# Measures Ingest:Cluster:RouteToOwner=true against =false on the same load and the same machine: for each mode,
# scripts/run-cluster.sh starts a throwaway PostgreSQL and 3 nodes, then one generator per node sends the same
# number of PUTs at once (as a load balancer spreading clients would), and the script prints each mode's total
# events/s, PUT p95 (the slowest node's) and how many contributions went to owners or fell back.
#   scripts/bench-cluster-routing.sh [EVENTS_PER_NODE] [DISTRIBUTION]     defaults: 30000 zipf:100000
set -euo pipefail
cd "$(dirname "$0")/.."

events=${1:-30000}
distribution=${2:-zipf:100000}
concurrency=${CONCURRENCY:-128}
dotnet build src/Generator -c Release -v q -nologo >/dev/null
dotnet build src/Ctl -c Release -v q -nologo >/dev/null
generator=src/Generator/bin/Release/net10.0/Akka.Ingest.Generator.dll
ctl=src/Ctl/bin/Release/net10.0/ingestctl.dll

for route in true false; do
  log=$(mktemp)
  scripts/run-cluster.sh 3 --Ingest:Cluster:RouteToOwner=$route >"$log" 2>&1 &
  cluster=$!
  until grep -q "Ctrl-C stops everything" "$log"; do
    if ! kill -0 "$cluster" 2>/dev/null; then cat "$log" >&2; exit 1; fi
    sleep 1
  done
  outs=()
  for i in 1 2 3; do
    out=$(mktemp); outs+=("$out")
    dotnet "$generator" --url "http://127.0.0.1:$((5080 + i))" --events "$events" --concurrency "$concurrency" \
      --distribution "$distribution" --seed "$i" --no-progress --json >"$out" 2>&1 &
  done
  started=$(date +%s.%N)
  wait $(jobs -p | grep -v "^$cluster$") 2>/dev/null || true
  elapsed=$(echo "$(date +%s.%N) - $started" | bc)
  total=$((events * 3))
  p95=$(for out in "${outs[@]}"; do grep -o '"p95Ms": *[0-9.]*' "$out" | grep -o '[0-9.]*$'; done | sort -g | tail -1)
  # Node 1's management listener, as run-cluster.sh places it (BASE_MANAGEMENT_PORT + 1).
  routing=$(COLUMNS=400 dotnet "$ctl" "127.0.0.1:$((${BASE_MANAGEMENT_PORT:-9110} + 1))" cluster show | tail -1)
  printf 'RouteToOwner=%s: %d PUTs over 3 nodes in %.1f s = %.0f events/s; slowest node PUT p95 %s ms; node 1: %s\n' \
    "$route" "$total" "$elapsed" "$(echo "$total / $elapsed" | bc -l)" "${p95:-?}" "$routing"
  kill -TERM "$cluster"; wait "$cluster" 2>/dev/null || true
  rm -f "$log" "${outs[@]}"
done
