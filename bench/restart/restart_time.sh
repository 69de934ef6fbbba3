#!/usr/bin/env bash
# Measures how long `casql serve` takes to come back after kill -9 with N documents (default
# 1,000,000) in its data directory: from exec to the "listening" line, log replay included.
# Usage: bench/restart/restart_time.sh [CASQL_BINARY] [DOCS]
set -euo pipefail
casql=${1:-build/casql}
docs=${2:-1000000}
dir=$(mktemp -d /tmp/casql-restart.XXXXXX)
trap 'kill -9 $pid 2>/dev/null || true; rm -rf "$dir"' EXIT

start_server() {
  exec 3< <("$casql" serve --port 0 --data-dir "$dir/data" 2>"$dir/stderr")
  pid=$!
  read -r line <&3
  port=${line##*:}
}
query() {
  curl -sf -m 600 "http://127.0.0.1:$port/query/service" -H 'Content-Type: application/json' \
    -d "{\"statement\": \"$1\"}" >/dev/null
}

start_server
query "CREATE BUCKET b"
batch=100000
for ((from = 0; from < docs; from += batch)); do
  to=$((from + batch < docs ? from + batch : docs))
  query "INSERT INTO b (KEY k, VALUE v) SELECT TOSTRING(i) AS k, {'n': i, 'name': 'doc ' || TOSTRING(i), 'tags': ['a', 'b']} AS v FROM ARRAY_RANGE($from, $to) AS i"
done
# Let the flusher write the last non-durable batch, then crash.
sleep 1
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
du -sh "$dir/data"
began=$(date +%s%N)
start_server
ended=$(date +%s%N)
cat "$dir/stderr"
# CPU time too: on a shared machine the wall time says more about the neighbours.
read -r -a stat <"/proc/$pid/stat"
ticks=$((stat[13] + stat[14]))
echo "restart with $docs documents: $(((ended - began) / 1000000)) ms wall," \
  "$((ticks * 1000 / $(getconf CLK_TCK))) ms CPU"
