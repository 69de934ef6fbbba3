#!/usr/bin/env bash
# Installs the Debian 12 packages casql builds and tests with. Idempotent and quiet when
# everything is already present; must run as root (or with sudo available).
# --bench adds the peers and tools of bench/compare/run.sh (PostgreSQL, SQLite, nginx, wrk,
# gnuplot) and the profilers used to find hot paths (perf, valgrind).
set -euo pipefail

packages=(
  g++ cmake make pkg-config ninja-build ccache
  antlr4 libantlr4-runtime-dev default-jre-headless
  rapidjson-dev libcpp-httplib-dev libre2-dev libssl-dev zlib1g-dev libasio-dev
  libhowardhinnant-date-dev tzdata
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  clang clang-format libclang-rt-14-dev lld
  curl python3 memcached
)
if [ "${1:-}" = "--bench" ]; then
  packages+=(postgresql sqlite3 libsqlite3-dev nginx-light wrk gnuplot-nox linux-perf valgrind)
fi

# Node.js and npm run the official Couchbase SDK tests (tests/sdk); a node already on the
# machine is kept.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
