#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite through ctest.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 600 -LE 'tsan|asan'

# The multi-threaded tests again under ThreadSanitizer, in their own build dir; only the targets
# labelled tsan are built, to keep this step to a few minutes.
cd ..
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Release -DCASQL_SANITIZE=thread >/dev/null
cmake --build build-tsan -j "$(nproc)" --target casql_tsan_tests
cd build-tsan
ctest --output-on-failure -j "$(nproc)" --timeout 600 -L tsan
