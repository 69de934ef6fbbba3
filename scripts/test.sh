#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite through ctest.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 600 -LE 'tsan|asan'
