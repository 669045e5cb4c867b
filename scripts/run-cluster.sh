#!/usr/bin/env bash
# Try the cluster on one machine, without Docker: a throwaway PostgreSQL and N Akka.Ingest nodes on loopback,
# one cluster (seed = node 1). Prints each node's URL and management address; Ctrl-C stops every node (SIGTERM:
# drain, hand off, leave), then the database, and deletes it.
#   scripts/run-cluster.sh [N]            N nodes (default 3): HTTP 5081..508N, management 9111..911N, cluster ports 4053..
#   scripts/run-cluster.sh 3 --Ingest:Cluster:RouteToOwner=true    extra arguments go to every node
#   scripts/run-cluster.sh 3 --Ingest:Cluster:Tls:CertificatePath=c.p12 --Ingest:Cluster:Tls:CertificatePassword=…
#       TLS on the cluster ports (scripts/make-cluster-certificate.sh makes c.p12); the seeds are then akka.ssl.tcp
# Environment: BASE_HTTP_PORT (5080), BASE_MANAGEMENT_PORT (9110), BASE_CLUSTER_PORT (4053), INGEST_PG_BIN (folder
# with initdb and pg_ctl).
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=${1:-3}
shift || true
if ! [[ "$nodes" =~ ^[1-9][0-9]?$ ]]; then
  echo "usage: scripts/run-cluster.sh [N] [extra host arguments...]   (N between 1 and 99)" >&2
  exit 2
fi
base_http=${BASE_HTTP_PORT:-5080}
base_management=${BASE_MANAGEMENT_PORT:-9110}
base_cluster=${BASE_CLUSTER_PORT:-4053}

pg_bin=${INGEST_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "PostgreSQL server binaries are missing: installing Debian's postgresql package."
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

work=$(mktemp -d /tmp/akka-ingest-cluster.XXXXXX)
chmod 755 "$work"
# initdb and pg_ctl refuse to run as root.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then mkdir "$work/pg" && chown postgres "$work/pg"; else mkdir "$work/pg"; fi

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping ${#pids[@]} node(s)..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  echo "Logs were in $work; removing it."
  rm -rf "$work"
}
trap stop_all INT TERM EXIT

echo "Starting PostgreSQL in $work/pg ..."
as_pg "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$work/pg' -c max_connections=300 -c fsync=off -c synchronous_commit=off" start >/dev/null
connection="Host=$work/pg;Username=postgres;Database=postgres"

echo "Building the host (Release)..."
dotnet build src/Pipeline -c Release -v q -nologo >/dev/null
dll=src/Pipeline/bin/Release/net10.0/Akka.Ingest.Pipeline.dll
# Every node lists every node as a seed, so a node restarted by hand rejoins the running cluster.
protocol=akka.tcp
for argument in "$@"; do
  case "$argument" in --Ingest:Cluster:Tls:CertificatePath=?*) protocol=akka.ssl.tcp ;; esac
done
seeds=""
for i in $(seq 1 "$nodes"); do
  seeds+=" --Ingest:Cluster:SeedNodes:$((i - 1))=$protocol://akka-ingest@127.0.0.1:$((base_cluster + i - 1))"
done

for i in $(seq 1 "$nodes"); do
  http=$((base_http + i))
  DOTNET_gcServer=0 dotnet "$dll" \
    --urls "http://127.0.0.1:$http" --Management:Port=$((base_management + i)) \
    --Ingest:Store:Kind=Postgres --Ingest:Store:ConnectionString="$connection" \
    --Ingest:Partitions=16 --Ingest:NodeName="node$i" \
    --Ingest:Cluster:Enabled=true --Ingest:Cluster:Hostname=127.0.0.1 \
    --Ingest:Cluster:Port=$((base_cluster + i - 1)) $seeds --Ingest:Cluster:MinimumMembers="$nodes" \
    "$@" >"$work/node$i.log" 2>&1 &
  pids+=($!)
done

echo "Waiting for ${nodes} node(s) to be ready (Up in the cluster, partition owners placed)..."
for i in $(seq 1 "$nodes"); do
  url="http://127.0.0.1:$((base_http + i))"
  for _ in $(seq 1 120); do
    if curl -fsS "$url/health/ready" >/dev/null 2>&1; then break; fi
    if ! kill -0 "${pids[$((i - 1))]}" 2>/dev/null; then
      echo "node $i exited; its log:" >&2; tail -20 "$work/node$i.log" >&2; exit 1
    fi
    sleep 1
  done
done

echo
for i in $(seq 1 "$nodes"); do
  echo "node $i: http://127.0.0.1:$((base_http + i))   management 127.0.0.1:$((base_management + i))   cluster $protocol://akka-ingest@127.0.0.1:$((base_cluster + i - 1))   log $work/node$i.log"
done
echo
echo "Try: curl -X PUT http://127.0.0.1:$((base_http + 1))/events/example.com/delivered"
echo "     dotnet run --project src/Ctl -- 127.0.0.1:$((base_management + 1)) cluster show"
echo "     dotnet run --project src/Ctl -- 127.0.0.1:$((base_management + 1)) cluster-sharding region-stats"
echo "Ctrl-C stops everything."
wait
