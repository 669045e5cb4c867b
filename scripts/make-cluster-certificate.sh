#!/usr/bin/env bash
# Makes the certificate every cluster node shares on its remoting port (Ingest:Cluster:Tls, docs/SCALING.md): a
# self-signed ECDSA P-256 certificate and its private key in one PKCS#12 file, encrypted with a password.
#   scripts/make-cluster-certificate.sh [OUT.p12] [DAYS]     default docker/cluster-tls/cluster.p12, 825 days
# The password is INGEST_CLUSTER_TLS_PASSWORD, or a random one printed once when that is unset. Prints the SHA-256
# fingerprint (what Ingest:Cluster:Tls:AcceptedSha256Fingerprints takes during a rotation) and the expiry date.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-docker/cluster-tls/cluster.p12}
days=${2:-825}
if ! [[ "$days" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/make-cluster-certificate.sh [OUT.p12] [DAYS]" >&2
  exit 2
fi
# A rotation makes a new file beside the old one; overwriting the one the nodes use would lock the cluster out of itself.
if [ -e "$out" ]; then
  echo "$out exists: name another file (a rotation keeps the old one until every node has the new one), or delete it." >&2
  exit 1
fi
generated=""
if [ -z "${INGEST_CLUSTER_TLS_PASSWORD:-}" ]; then
  INGEST_CLUSTER_TLS_PASSWORD=$(openssl rand -hex 24)
  generated=yes
fi
export INGEST_CLUSTER_TLS_PASSWORD

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Both TLS roles: every node is a server to the nodes that dial it and a client of those it dials (mutual TLS).
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -nodes -days "$days" \
  -subj "/CN=akka-ingest-cluster" \
  -addext "basicConstraints=critical,CA:FALSE" \
  -addext "keyUsage=critical,digitalSignature" \
  -addext "extendedKeyUsage=serverAuth,clientAuth" \
  -keyout "$work/key.pem" -out "$work/certificate.pem" 2>/dev/null
mkdir -p "$(dirname "$out")"
openssl pkcs12 -export -name akka-ingest-cluster -inkey "$work/key.pem" -in "$work/certificate.pem" \
  -passout env:INGEST_CLUSTER_TLS_PASSWORD -out "$out"
# Readable by the container's user (uid 1654) through compose's bind mount; the key inside is encrypted with the password.
chmod 644 "$out"

echo "Wrote $out"
openssl x509 -in "$work/certificate.pem" -noout -fingerprint -sha256 | sed 's/^.*=/SHA-256 fingerprint: /'
openssl x509 -in "$work/certificate.pem" -noout -enddate | sed 's/^notAfter=/Expires: /'
if [ -n "$generated" ]; then
  echo "Password (shown once; keep it with the file):"
  echo "  export INGEST_CLUSTER_TLS_PASSWORD=$INGEST_CLUSTER_TLS_PASSWORD"
fi
echo "Kubernetes: kubectl -n akka-ingest create secret generic akka-ingest-cluster-tls --from-file=cluster.p12=$out --from-literal=password=\"\$INGEST_CLUSTER_TLS_PASSWORD\""
