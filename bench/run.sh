#!/usr/bin/env bash
# The benchmark runner (issue 5): one run starts a throwaway PostgreSQL (tuned settings) and the host in Release,
# measures every figure beside its baseline, prints a Markdown table and writes it to bench/results/latest.md.
#   bench/run.sh            full run (about 10-15 minutes on 2 cores)
#   bench/run.sh --smoke    tiny sizes, seconds: checks that every measurement produces a number (CI)
#   bench/run.sh soak --minutes 30 [--share 0.7] [--distribution zipf:1000000]
#                           the soak (by hand, never in CI): 70% of the probed sustainable rate, sampled every 10 s
#   bench/run.sh --only s   the scale-out figure only: 1 plain host against 3 cluster nodes behind HAProxy
#   bench/run.sh --only s --baseline-host DIR   ... beside another build's host (DIR: its src/Pipeline/bin/Release/net10.0)
#   bench/run.sh --help     options (--only, --host-arg, --host-env, --output, --repetitions, --scale-*, --baseline-*)
set -euo pipefail
cd "$(dirname "$0")/.."

install_missing() {
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

# wrk drives the HTTP PUT figure; HAProxy balances the scale-out figure's nodes; the PostgreSQL server binaries
# back the throwaway servers.
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v haproxy >/dev/null || missing+=(haproxy)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || [ -n "${INGEST_PG_BIN:-}" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  install_missing "${missing[@]}"
fi

exec dotnet run -c Release --project bench/Akka.Ingest.Bench -- "$@"
