#!/usr/bin/env bash
# Installs dependencies, builds, and starts casql on 127.0.0.1:8093 with data under ./data.
# Arguments after -- are passed to `casql serve`, e.g. scripts/run.sh -- --port 9000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
extra=()
if [ "${1:-}" = "--" ]; then shift; extra=("$@"); fi
mkdir -p data
exec build/casql serve --host 127.0.0.1 --port 8093 --data-dir data "${extra[@]}"
