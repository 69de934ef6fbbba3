#!/usr/bin/env bash
# casql against PostgreSQL and SQLite, with two HTTP ceilings beside them (docs/performance.md).
#
#   bench/compare/run.sh [--quick] [--docs N] [--seconds S] [--repeats R] [--out DIR]
#
# Installs the peers from Debian, starts every server on 127.0.0.1 with a private data dir and
# port, loads the same generated documents into each, runs workloads W1-W6 with the same client
# concurrency and writes DIR/<date>.md and DIR/<date>.png (DIR: bench/results, or
# build/bench-compare-quick with --quick). --quick (tiny data, 2 s per workload) keeps the
# harness from rotting; every harness error (a server that does not start, a statement that
# fails, a client that reports errors) fails the script. Every server started is stopped by the
# EXIT trap.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
here=$root/bench/compare

docs=1000000 seconds=10 repeats=3 out="" quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 docs=2000 seconds=2 repeats=1 ;;
    --docs) docs=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --repeats) repeats=$2; shift ;;
    --out) out=$2; shift ;;
    *) echo "usage: bench/compare/run.sh [--quick] [--docs N] [--seconds S] [--repeats R] [--out DIR]" >&2
       exit 2 ;;
  esac
  shift
done
[ -n "$out" ] || { [ $quick = 1 ] && out=$root/build/bench-compare-quick || out=$root/bench/results; }
batch=500 clients=16 threads=2

log() { echo "[compare $(date -u +%H:%M:%S)] $*"; }
fail() { echo "bench/compare/run.sh: $*" >&2; exit 1; }

scripts/install-deps.sh --bench
# CASQL_BIN_DIR measures binaries built earlier (a snapshot of a build) instead of building.
bin_dir=${CASQL_BIN_DIR:-}
if [ -z "$bin_dir" ]; then
  build_dir=${BUILD_DIR:-build}
  if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build "$build_dir" -j "${CASQL_JOBS:-$(nproc)}" \
    --target casql casql_http_ceiling casql_sqlite_driver >/dev/null
  bin_dir=$root/$build_dir
fi
casql_bin=$bin_dir/casql
ceiling_bin=$bin_dir/casql_http_ceiling
sqlite_bin=$bin_dir/casql_sqlite_driver
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

work=$(mktemp -d /tmp/casql-compare.XXXXXX)
chmod 755 "$work"
pids=()
pg_started=0
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ $pg_started = 1 ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  fi
  if [ $status -ne 0 ]; then
    echo "bench/compare/run.sh failed; server logs:" >&2
    tail -n 20 "$work"/*.log "$work"/pg/log 2>/dev/null >&2 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "bench/compare/run.sh: line $LINENO failed: $BASH_COMMAND" >&2' ERR
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_for() {  # wait_for NAME COMMAND...: retries COMMAND for up to 30 s
  local name=$1; shift
  for _ in $(seq 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  fail "$name did not start"
}

# ---- data ------------------------------------------------------------------------------------
log "generating $docs documents"
mkdir -p "$work/data"
python3 "$here/gen_data.py" "$work/data" "$docs" "$batch"
groups=$((docs / 10))

# ---- servers ---------------------------------------------------------------------------------
casql_port=$(free_port)
"$casql_bin" serve --port "$casql_port" --data-dir "$work/casql-data" --no-request-log >"$work/casql.log" 2>&1 &
casql_pid=$!
pids+=("$casql_pid")
wait_for casql curl -sf "http://127.0.0.1:$casql_port/admin/ping"

ceiling_port=$(free_port)
"$ceiling_bin" "$ceiling_port" >"$work/ceiling.log" 2>&1 &
ceiling_pid=$!
pids+=("$ceiling_pid")
wait_for casql_http_ceiling curl -sf -d x "http://127.0.0.1:$ceiling_port/query/service"
fixed_body=$(curl -sf -d x "http://127.0.0.1:$ceiling_port/query/service")

nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes $threads;
pid $work/nginx/nginx.pid;
error_log $work/nginx.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_buffer_size 64k;
  server {
    listen 127.0.0.1:$nginx_port;
    location /query/service {
      default_type application/json;
      return 200 '$fixed_body';
    }
  }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>>"$work/nginx.log" &
pids+=("$!")
wait_for nginx curl -sf -d x "http://127.0.0.1:$nginx_port/query/service"

pg_port=$(free_port)
mkdir -p "$work/pg"
chown postgres "$work/pg"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres -E UTF8 \
  --no-sync >"$work/pg/initdb.log" 2>&1 || fail "initdb failed: $(cat "$work/pg/initdb.log")"
pg_buffers=$([ $quick = 1 ] && echo 128MB || echo 1GB)
pg_started=1
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w start -o \
  "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c synchronous_commit=off \
   -c shared_buffers=$pg_buffers -c max_wal_size=4GB -c max_connections=64" >/dev/null
psql_cmd=(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
"${psql_cmd[@]}" -c "CREATE TABLE t (id text PRIMARY KEY, doc jsonb NOT NULL)"
"${psql_cmd[@]}" -c "CREATE TABLE t_copy (id text PRIMARY KEY, doc jsonb NOT NULL)"
pg_pid=$(head -n 1 "$work/pg/data/postmaster.pid")

query() {  # query STATEMENT: runs it on casql, fails unless it succeeds; prints the response
  local answer
  answer=$(curl -sS --max-time 600 "http://127.0.0.1:$casql_port/query/service" \
    --data-urlencode "statement=$1") || fail "casql request failed: $1"
  case "$answer" in *'"status": "success"'* | *'"status":"success"'*) ;;
    *) fail "casql statement failed: $1: $answer" ;; esac
  printf '%s' "$answer"
}
query "CREATE BUCKET bench" >/dev/null

# ---- raw outputs -----------------------------------------------------------------------------
# Every measurement leaves its raw output in $raw and a line "WORKLOAD SYSTEM REPEAT KIND
# CPU_TICKS ID" in $runs; report.py parses them all at the end (one interpreter, not one per
# measurement: Python's start-up is slow on a loaded machine).
raw=$work/raw
runs=$raw/runs.txt
mkdir -p "$raw"
: >"$runs"
seq_id=0
next_id() { seq_id=$((seq_id + 1)); id=$raw/$seq_id; }
# CPU ticks used so far by the process tree under PID, including reaped children (a PostgreSQL
# backend that has exited is still counted, in its postmaster's cutime).
cpu_ticks() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v root="$1" '
    { pid = $1; sub(/.*\) /, ""); parent[pid] = $2; ticks[pid] = $12 + $13 + $14 + $15 }
    END {
      for (p in parent) kids[parent[p]] = kids[parent[p]] " " p
      n = 1; stack[1] = root; total = 0
      while (n > 0) {
        p = stack[n--]; total += ticks[p]
        k = split(kids[p], list, " "); for (i = 1; i <= k; i++) stack[++n] = list[i]
      }
      print total
    }'
}
now() { date +%s.%N; }
elapsed_json() { awk -v t0="$1" -v t1="$2" -v ops="$3" 'BEGIN { printf "{\"seconds\": %.6f, \"ops\": %d}\n", t1 - t0, ops }'; }

# ---- W6: bulk load ---------------------------------------------------------------------------
log "W6 bulk load: casql INSERT batches of $batch"
next_id; c0=$(cpu_ticks "$casql_pid")
python3 "$here/load_casql.py" "$casql_port" "$work/data/casql_insert.jsonl" >"$id.json"
echo "W6 casql 1 json $(($(cpu_ticks "$casql_pid") - c0)) $id" >>"$runs"

log "W6 bulk load: PostgreSQL INSERT batches of $batch"
next_id; c0=$(cpu_ticks "$pg_pid"); t0=$(now)
"${psql_cmd[@]}" -f "$work/data/pg_insert.sql" >/dev/null
elapsed_json "$t0" "$(now)" "$docs" >"$id.json"
echo "W6 postgresql 1 json $(($(cpu_ticks "$pg_pid") - c0)) $id" >>"$runs"

log "W6 bulk load: PostgreSQL COPY (reference)"
next_id; c0=$(cpu_ticks "$pg_pid"); t0=$(now)
"${psql_cmd[@]}" -c "COPY t_copy (id, doc) FROM '$work/data/docs.tsv'" >/dev/null
elapsed_json "$t0" "$(now)" "$docs" >"$id.json"
echo "W6 postgresql-copy 1 json $(($(cpu_ticks "$pg_pid") - c0)) $id" >>"$runs"
"${psql_cmd[@]}" -c "DROP TABLE t_copy"

log "W6 bulk load: SQLite transactions of $batch"
next_id
"$sqlite_bin" load "$work/sqlite.db" "$work/data/docs.tsv" "$batch" >"$id.json"
echo "W6 sqlite 1 json - $id" >>"$runs"

# Counts agree everywhere before anything is measured on the data.
[ "$("${psql_cmd[@]}" -c "SELECT count(*) FROM t")" = "$docs" ] || fail "PostgreSQL row count"
[ "$(sqlite3 "$work/sqlite.db" "SELECT count(*) FROM t")" = "$docs" ] || fail "SQLite row count"

log "indexes: a secondary index on visits everywhere, casql's primary index for W5's scan"
query "CREATE PRIMARY INDEX ON bench" >/dev/null
query "CREATE INDEX ix_visits ON bench(visits)" >/dev/null
"${psql_cmd[@]}" -c "CREATE INDEX t_visits ON t (((doc->>'visits')::int))"
"${psql_cmd[@]}" -c "VACUUM ANALYZE t"
sqlite3 "$work/sqlite.db" "CREATE INDEX t_visits ON t (json_extract(doc, '\$.visits')); ANALYZE;"
query "SELECT COUNT(*) AS n FROM bench" | grep -q "\"n\": *$docs\b" || fail "casql does not hold $docs documents"

# Each workload is checked once before it is measured: a statement that fails would otherwise
# be measured as a fast error.
check_casql() {  # check_casql BODY EXPECTED_TEXT
  local answer
  answer=$(curl -sS "http://127.0.0.1:$casql_port/query/service" -H 'Content-Type: application/json' -d "$1")
  case "$answer" in *'"status":"success"'*"$2"*) ;; *) fail "casql check failed for $1: $answer" ;; esac
}
check_casql '{"statement":"SELECT * FROM bench USE KEYS $1","args":["k1"]}' '"resultCount":1,'
check_casql '{"statement":"UPDATE bench USE KEYS $1 SET LastLogin = $2","args":["k1","x"]}' '"mutationCount":1}'
check_casql '{"statement":"SELECT * FROM bench WHERE visits = $1","args":[1]}' '"resultCount":10,'
[ "$("${psql_cmd[@]}" -c "SELECT count(*) FROM t WHERE (doc->>'visits')::int = 1")" = 10 ] || fail "PostgreSQL W4 check"
[ "$(sqlite3 "$work/sqlite.db" "SELECT count(*) FROM t WHERE json_extract(doc, '\$.visits') = 1")" = 10 ] || fail "SQLite W4 check"

# ---- W1-W4: steady load ----------------------------------------------------------------------
run_wrk() {  # run_wrk WORKLOAD SYSTEM PORT PID REPEAT
  local wl=$1 system=$2 port=$3 pid=$4 repeat=$5 c0
  next_id
  curl -sf "http://127.0.0.1:$casql_port/metrics" >"$id.m0"
  c0=$(cpu_ticks "$pid")
  WORKLOAD=$wl DOCS=$docs wrk -t$threads -c$clients -d"${seconds}s" --latency \
    -s "$here/wrk/query.lua" "http://127.0.0.1:$port/query/service" >"$id.wrk"
  echo "${wl^^} $system $repeat wrk $(($(cpu_ticks "$pid") - c0)) $id" >>"$runs"
  curl -sf "http://127.0.0.1:$casql_port/metrics" >"$id.m1"
}

run_pgbench() {  # run_pgbench WORKLOAD REPEAT
  local wl=$1 repeat=$2 c0
  next_id
  c0=$(cpu_ticks "$pg_pid")
  (cd "$raw" && pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c $clients \
    -j $threads -T "$seconds" -D docs="$docs" -D groups="$groups" -f "$here/pgbench/$wl.sql" \
    --log --log-prefix="$seq_id.log" --sampling-rate=0.2 postgres >"$id.out" 2>&1) ||
    fail "pgbench $wl failed: $(cat "$id.out")"
  sleep 0.2  # the backends exit and are reaped, so their CPU lands in the postmaster's
  echo "${wl^^} postgresql $repeat pgbench $(($(cpu_ticks "$pg_pid") - c0)) $id" >>"$runs"
}

run_sqlite() {  # run_sqlite WORKLOAD REPEAT SQL BIND...
  local wl=$1 repeat=$2
  shift 2
  next_id
  "$sqlite_bin" run "$work/sqlite.db" "$seconds" $clients "$@" >"$id.json"
  echo "${wl^^} sqlite $repeat json - $id" >>"$runs"
}

sqlite_update="UPDATE t SET doc = json_set(doc, '\$.LastLogin', ?) WHERE id = ?"
for repeat in $(seq "$repeats"); do
  for wl in w1 w2 w4 w3; do
    log "$wl repeat $repeat/$repeats"
    run_wrk "$wl" casql "$casql_port" "$casql_pid" "$repeat"
    run_pgbench "$wl" "$repeat"
    case $wl in
      w1) run_sqlite w1 "$repeat" "SELECT doc FROM t WHERE id = ?" "key:$docs" ;;
      w2) run_sqlite w2 "$repeat" "$sqlite_update" time "key:$docs" ;;
      w3) run_sqlite w3 "$repeat" "$sqlite_update" time "key:10" ;;
      w4) run_sqlite w4 "$repeat" "SELECT doc FROM t WHERE json_extract(doc, '\$.visits') = ?" "int:$groups" ;;
    esac
    if [ "$wl" = w1 ] || [ "$wl" = w2 ]; then
      run_wrk "$wl" ceiling-httplib "$ceiling_port" "$ceiling_pid" "$repeat"
      run_wrk "$wl" ceiling-nginx "$nginx_port" "$(cat "$work/nginx/nginx.pid")" "$repeat"
    fi
  done
done

# ---- W5: filtered aggregate over every document, no index on its fields ----------------------
w5_casql="SELECT city, COUNT(*) AS n, AVG(age) AS avg_age FROM bench WHERE age > 30 GROUP BY city"
w5_pg="SELECT doc->>'city', count(*), avg((doc->>'age')::int) FROM t WHERE (doc->>'age')::int > 30 GROUP BY 1"
w5_sqlite="SELECT json_extract(doc, '\$.city'), count(*), avg(json_extract(doc, '\$.age')) FROM t WHERE json_extract(doc, '\$.age') > 30 GROUP BY 1"
groups_w5=$("${psql_cmd[@]}" -c "SELECT count(*) FROM ($w5_pg) g")
for repeat in $(seq "$repeats"); do
  log "W5 repeat $repeat/$repeats"
  next_id; c0=$(cpu_ticks "$casql_pid")
  curl -sS --max-time 600 -o "$id.body" -w '%{time_total}' --data-urlencode "statement=$w5_casql" \
    "http://127.0.0.1:$casql_port/query/service" >"$id.time"
  echo "W5 casql $repeat casql-once $(($(cpu_ticks "$casql_pid") - c0)) $id" >>"$runs"

  next_id; c0=$(cpu_ticks "$pg_pid")
  printf '\\timing on\n%s;\n' "$w5_pg" | "${psql_cmd[@]}" >"$id.out"
  echo "W5 postgresql $repeat psql-timing $(($(cpu_ticks "$pg_pid") - c0)) $id" >>"$runs"

  next_id
  "$sqlite_bin" once "$work/sqlite.db" "$w5_sqlite" >"$id.json"
  echo "W5 sqlite $repeat json - $id" >>"$runs"
done

# ---- report ----------------------------------------------------------------------------------
mkdir -p "$out"
stamp=$(date -u +%Y-%m-%d)
python3 "$here/report.py" "$raw" "$out/$stamp" "$(getconf CLK_TCK)" "$groups_w5" \
  "docs=$docs seconds=$seconds repeats=$repeats clients=$clients threads=$threads batch=$batch"
log "wrote $out/$stamp.md and $out/$stamp.png"
