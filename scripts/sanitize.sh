#!/usr/bin/env bash
# Builds and runs the sanitizer labels alone: scripts/sanitize.sh [asan|tsan|all] (default all).
# asan: every unit test binary and the SQL regression suite (tests/sql, run by an ASan casql)
# under AddressSanitizer+UBSan, built with clang in build-fuzz (the fuzzers' build dir).
# tsan: the concurrency tests under ThreadSanitizer in build-tsan. scripts/test.sh runs both
# too; this is the quicker loop after a change that memory or threads could break.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(cd .. && pwd)}"
export CCACHE_NOHASHDIR=1
which=${1:-all}
case "$which" in
  asan | tsan | all) ;;
  *)
    echo "usage: scripts/sanitize.sh [asan|tsan|all]" >&2
    exit 2
    ;;
esac

if [[ $which != tsan ]]; then
  CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCASQL_SANITIZE=address >/dev/null
  cmake --build build-fuzz -j "$(nproc)" --target casql_asan_tests
  (cd build-fuzz && ctest --output-on-failure -j "$(nproc)" --timeout 900 -L asan)
fi
if [[ $which != asan ]]; then
  cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Release -DCASQL_SANITIZE=thread >/dev/null
  cmake --build build-tsan -j "$(nproc)" --target casql_tsan_tests
  (cd build-tsan && ctest --output-on-failure -j "$(nproc)" --timeout 600 -L tsan)
fi
