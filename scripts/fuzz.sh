#!/usr/bin/env bash
# Fuzzes one target for a while: scripts/fuzz.sh TARGET [MINUTES] (default 10), TARGET one of
# parser, json, query_request, kvlog. New inputs collect in build-fuzz/corpus/TARGET; a crash
# leaves its input as build-fuzz/crash-*: fix it and add the input to tests/fuzz/corpus/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh parser|json|query_request|kvlog [MINUTES]}
minutes=${2:-10}
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCASQL_SANITIZE=address >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${target}_fuzzer"
mkdir -p "build-fuzz/corpus/$target"
cd build-fuzz
"./${target}_fuzzer" -max_total_time=$((minutes * 60)) -print_final_stats=1 \
  "corpus/$target" "../tests/fuzz/corpus/$target"
