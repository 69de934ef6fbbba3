#!/usr/bin/env bash
# Configures and builds casql into build/ (Release with assertions kept). Extra arguments go to
# cmake's configure step, e.g. scripts/build.sh -DCASQL_SANITIZE=address. BUILD_DIR overrides build/.
set -euo pipefail
cd "$(dirname "$0")/.."
# Let ccache share results between checkouts at different paths.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(cd .. && pwd)}"
export CCACHE_NOHASHDIR=1
build_dir="${BUILD_DIR:-build}"
jobs="${CASQL_JOBS:-$(nproc)}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build_dir" -j "$jobs"
