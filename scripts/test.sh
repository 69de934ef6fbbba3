#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite through ctest.
# Exits non-zero on any failure. The main ctest summary is the last thing printed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh

# Fuzz the parser for 60 s. libFuzzer needs clang, so this uses its own build directory.
if command -v clang++ >/dev/null 2>&1; then
  CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCASQL_SANITIZE=address >/dev/null
  cmake --build build-fuzz -j "$(nproc)" --target parser_fuzzer
  mkdir -p build-fuzz/corpus/parser
  build-fuzz/parser_fuzzer -max_total_time=60 -print_final_stats=1 \
    build-fuzz/corpus/parser tests/fuzz/corpus/parser 2>&1 | tail -n 15
else
  echo "Skipping the parser fuzzer: clang++ not found (libFuzzer needs clang)."
fi

# The multi-threaded tests again under ThreadSanitizer, in their own build dir; only the targets
# labelled tsan are built, to keep this step to a few minutes.
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Release -DCASQL_SANITIZE=thread >/dev/null
cmake --build build-tsan -j "$(nproc)" --target casql_tsan_tests
(cd build-tsan && ctest --output-on-failure -j "$(nproc)" --timeout 600 -L tsan)

# The peer comparison's harness in its quick form (tiny data, 2 s per workload): keeps
# bench/compare/run.sh working; its figures are not judged here (docs/performance.md).
bench/compare/run.sh --quick

cd build
ctest --output-on-failure -j "$(nproc)" --timeout 600 -LE 'tsan|asan'
