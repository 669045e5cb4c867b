#!/usr/bin/env bash
# Runs every test: unit, TestKit, HTTP, the dashboard in headless Chromium, and the integration specs against a
# throwaway PostgreSQL server that the specs start themselves (they fail, never skip, without one).
set -euo pipefail
cd "$(dirname "$0")"

apt_install() {
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && [ -z "${INGEST_PG_BIN:-}" ]; then
  echo "PostgreSQL server binaries are missing: installing Debian's postgresql package."
  apt_install postgresql
fi

# The dashboard's browser spec drives Debian's headless Chromium (and fails, never skips, without it).
if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is missing: installing Debian's chromium package."
  apt_install chromium fonts-dejavu-core
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Akka.Ingest.sln -m:1 --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

bench/run.sh --smoke || status=$?  # the benchmark runner at tiny sizes, so it cannot rot; it times nothing

# One closing line for every assembly together, in the plain form CI reads.
awk '/^ +Passed: +[0-9]+$/ { p += $2 } /^ +Failed: +[0-9]+$/ { f += $2 } /^ +Skipped: +[0-9]+$/ { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
