#!/usr/bin/env bash
# Runs every test: unit, TestKit, HTTP, the dashboard in headless Chromium, and the integration specs against a
# throwaway PostgreSQL server that the specs start themselves (they fail, never skip, without one).
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the checks need: PostgreSQL's server binaries, Debian's headless Chromium for the dashboard's
# browser spec (which fails, never skips, without it), util-linux `script` (bsdutils) to drive ingestctl's prompt
# through a pseudo-terminal, npm for the Kubernetes manifest validation, iproute2's `ip` for the cluster's
# network split spec (a network namespace; CI runs as root), and promtool (package prometheus) for
# `promtool check metrics` on /metrics and `promtool check rules` on the alert rules.
missing=()
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && [ -z "${INGEST_PG_BIN:-}" ]; then
  missing+=(postgresql)
fi
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v script >/dev/null || missing+=(bsdutils)
command -v npm >/dev/null || missing+=(npm)
command -v ip >/dev/null || missing+=(iproute2)
command -v promtool >/dev/null || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# kubectl (for `kubectl kustomize`) is not a Debian package: the specs that render deploy/k8s and the validator
# below fail without it, so say so up front.
command -v kubectl >/dev/null || { echo "kubectl is required (kubectl kustomize renders deploy/k8s): install it and rerun" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Akka.Ingest.sln -m:1 --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

bench/run.sh --smoke || status=$?  # the benchmark runner at tiny sizes, so it cannot rot; it times nothing
.ci/tool-install.sh || status=$?   # ingestctl packed, installed as a dotnet tool from the nupkg, and run
# Every kustomization in deploy/k8s built with `kubectl kustomize`, its output checked against the Kubernetes
# OpenAPI schemas, offline (kubernetes-models).
(cd deploy/k8s/validate && npm ci --no-audit --no-fund --loglevel=error && npm run --silent validate) || status=$?
# The Prometheus alert rules: valid, and firing on the failures they name (their unit tests).
promtool check rules docker/grafana/alerts.yml || status=$?
(cd docker/grafana && promtool test rules alerts.test.yml) || status=$?

# The failed tests' names again at the end, where a reader of the last lines sees them.
grep -E '^ +Failed [A-Za-z_]' "$log" | sed -E 's/^ +Failed /failed: /' | sort -u || true
# One closing line for every assembly together, in the plain form CI reads.
awk '/^ +Passed: +[0-9]+$/ { p += $2 } /^ +Failed: +[0-9]+$/ { f += $2 } /^ +Skipped: +[0-9]+$/ { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
