#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite through ctest.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 600 -LE 'tsan|asan'

# Optional: fuzz the parser for 60 s. libFuzzer needs clang, so this uses its own build dir.
cd ..
if command -v clang++ >/dev/null 2>&1; then
  CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCASQL_SANITIZE=address -DCMAKE_CXX_FLAGS=-Wno-unknown-warning-option >/dev/null
  cmake --build build-fuzz -j "$(nproc)" --target parser_fuzzer
  mkdir -p build-fuzz/corpus/parser
  build-fuzz/parser_fuzzer -max_total_time=60 -print_final_stats=1 \
    build-fuzz/corpus/parser tests/fuzz/corpus/parser
else
  echo "Skipping the parser fuzzer: clang++ not found (libFuzzer needs clang)."
fi
