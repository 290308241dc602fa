#!/usr/bin/env bash
# The example server on a benchmark database, under the look-up IdPs send all day, with the heap it keeps.
# Server-level companion of scim-jpa/BENCHMARKS.md: seed the databases first (see there), install wrk
# (apt-get install wrk), then
#
#   bash example-war/load/run-load.sh 1000        # scimee_bench_1k
#   bash example-war/load/run-load.sh 1000000     # scimee_bench_1m
#
# Optional: DURATION (seconds measured, default 60), EXTRA (appended to the query string, e.g.
# "&excludedAttributes=groups"), SCIMEE_PORT (default 18080).
set -euo pipefail
cd "$(dirname "$0")/../.."

users="$1"
case "$users" in
  1000) database=scimee_bench_1k ;;
  1000000) database=scimee_bench_1m ;;
  *) echo "users must be 1000 or 1000000" >&2; exit 2 ;;
esac
port="${SCIMEE_PORT:-18080}"
duration="${DURATION:-60}"
data="$(mktemp -d)"
token="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# The benchmark data lives in tenant "bench"; the single development token is bound to scimee.tenant.
SCIMEE_PORT="$port" SCIMEE_DATA_DIR="$data" SCIMEE_AUTH_BEARER_TOKEN="$token" SCIMEE_TENANT=bench \
  SCIMEE_JPA_URL="jdbc:postgresql://127.0.0.1:5432/$database" SCIMEE_JPA_USER="${SCIMEE_TEST_POSTGRES_USER:-postgres}" \
  SCIMEE_JPA_PASSWORD="${SCIMEE_TEST_POSTGRES_PASSWORD:-}" bash example-war/run.sh > "$data/run.log" 2>&1 &
runner=$!
trap 'kill "$runner" 2>/dev/null; wait "$runner" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do
  grep -q "is running" "$data/run.log" 2>/dev/null && break
  kill -0 "$runner" 2>/dev/null || { cat "$data/run.log" >&2; exit 1; }
  sleep 1
done
grep -q "is running" "$data/run.log" || { echo "the server did not start; see $data/run.log" >&2; exit 1; }
server=$(pgrep -f "payara-micro.jar .*--port $port" | head -n 1)

heap() {
  jcmd "$server" GC.run > /dev/null
  sleep 1
  jcmd "$server" GC.run > /dev/null
  jcmd "$server" GC.heap_info | grep -oE 'used [0-9]+K' | head -n 1 | grep -oE '[0-9]+'
}

export USERS="$users" TOKEN="$token" EXTRA="${EXTRA:-}"
script=example-war/load/lookup.lua
url="http://127.0.0.1:$port"
echo "users=$users database=$database extra='${EXTRA:-}'"
wrk -t2 -c8 -d30s -s "$script" "$url" > /dev/null   # warm-up: JIT, connection pool, page cache
before=$(heap)
wrk -t2 -c8 -d"${duration}s" --latency -s "$script" "$url"
after=$(heap)
echo "server heap used after full GC: before ${before} KiB, after ${after} KiB (users=$users)"
