#!/usr/bin/env bash
# Builds scim-ee and runs the example SCIM server on Payara Micro with its embedded H2 database.
#
#   SCIMEE_PORT               HTTP port (default 8080)
#   SCIMEE_DATA_DIR           where the H2 database and the generated token live (default ~/.scim-ee/example)
#   SCIMEE_AUTH_BEARER_TOKEN  the bearer token clients must send (default: generated once, kept in the data dir)
#   SCIMEE_JPA_URL, SCIMEE_JPA_USER, SCIMEE_JPA_PASSWORD   another database, e.g. jdbc:postgresql://localhost/scim
set -euo pipefail
cd "$(dirname "$0")/.."

port="${SCIMEE_PORT:-8080}"
data="${SCIMEE_DATA_DIR:-$HOME/.scim-ee/example}"
mkdir -p "$data"

echo "Building scim-ee (first run downloads dependencies and Payara Micro from Maven Central)..."
mvn -B -q -DskipTests package
mvn -B -q -f example-war/pom.xml dependency:copy@fetch-servers

if [ -z "${SCIMEE_AUTH_BEARER_TOKEN:-}" ]; then
  if [ ! -s "$data/token" ]; then
    (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$data/token")
  fi
  SCIMEE_AUTH_BEARER_TOKEN="$(cat "$data/token")"
fi
# Handed over in the environment, not on the command line, so `ps` does not show it.
export SCIMEE_AUTH_BEARER_TOKEN
export SCIMEE_JPA_URL="${SCIMEE_JPA_URL:-jdbc:h2:file:$data/scimee}"

base="http://localhost:$port/scim/v2"
java -jar example-war/target/payara-micro.jar \
  --deploy example-war/target/scim-ee-example.war --contextroot / \
  --port "$port" --nocluster > "$data/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' INT TERM EXIT

echo "Starting Payara Micro (log: $data/server.log)..."
for _ in $(seq 1 180); do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "The server stopped; see $data/server.log" >&2
    tail -n 40 "$data/server.log" >&2
    exit 1
  fi
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $SCIMEE_AUTH_BEARER_TOKEN" "$base/ServiceProviderConfig" || true)
  [ "$code" = 200 ] && break
  sleep 1
done
[ "$code" = 200 ] || { echo "The server did not answer within 3 minutes; see $data/server.log" >&2; exit 1; }

cat <<MSG

scim-ee example server is running.
  Base URL (SCIM tenant URL): $base
  Bearer token:               $SCIMEE_AUTH_BEARER_TOKEN
  Database:                   $SCIMEE_JPA_URL

Create a user:
  curl -s -X POST $base/Users -H 'Authorization: Bearer $SCIMEE_AUTH_BEARER_TOKEN' -H 'Content-Type: application/scim+json' -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen@example.com","name":{"givenName":"Barbara","familyName":"Jensen"}}'

Press Ctrl-C to stop.
MSG
wait "$server"
