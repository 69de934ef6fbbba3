#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite through ctest.
# Exits non-zero on any failure. The main ctest summary is the last thing printed.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache shares results between checkouts at different paths, for every build dir below.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(cd .. && pwd)}"
export CCACHE_NOHASHDIR=1
# step WHAT: a header with the seconds since the start, so a slow step shows in CI's log.
step() { echo "== [${SECONDS}s] $*"; }
step "install-deps"
scripts/install-deps.sh
step "Release build (build/)"
scripts/build.sh

# libFuzzer needs clang, so the fuzzers have their own build directory, built with ASan+UBSan;
# every unit test binary and the SQL regression suite run there too, as the label asan
# (scripts/sanitize.sh runs that label alone; docs/reliability.md, "Sanitizers").
if command -v clang++ >/dev/null 2>&1; then
  step "ASan+UBSan build (build-fuzz/) and the fuzzers"
  CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCASQL_SANITIZE=address >/dev/null
  cmake --build build-fuzz -j "$(nproc)" --target casql_fuzzers casql_asan_tests
  fuzz_tmp=$(mktemp -d)
  # run_fuzzer NAME ARGS...: a fixed seed makes a failure reproducible with the same command.
  # A failure is a finding when libFuzzer or a sanitizer reported it (the report is in the log,
  # the input in build-fuzz/crash-*, leak-*, oom-* or timeout-*): its log is printed and the
  # run fails. A fuzzer that died with no report at all was stopped from outside (a signal, a
  # full disk): the exit status, disk and memory are printed and it runs once more, and only a
  # second failure fails the run.
  run_fuzzer() {
    local name=$1 log=build-fuzz/$1_fuzzer.log attempt rc
    shift
    mkdir -p "$fuzz_tmp/$name"
    for attempt in 1 2; do
      rc=0
      (cd build-fuzz && TMPDIR=$fuzz_tmp/$name "$@") >"$log" 2>&1 || rc=$?
      if [[ $rc == 0 ]]; then
        grep -E '^(Done|stat::new_units_added)' "$log" | sed "s/^/$name: /"
        return 0
      fi
      echo "FAILED ($name, exit status $rc): $* (log: $log)" >&2
      if grep -qE 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|runtime error:|^SUMMARY:' "$log" ||
        compgen -G 'build-fuzz/crash-*' >/dev/null || compgen -G 'build-fuzz/leak-*' >/dev/null ||
        compgen -G 'build-fuzz/oom-*' >/dev/null || compgen -G 'build-fuzz/timeout-*' >/dev/null; then
        tail -n 80 "$log" >&2
        return 1
      fi
      echo "$name died without a report (attempt $attempt); the end of its log, disk and memory:" >&2
      tail -n 5 "$log" >&2
      df -h . "$fuzz_tmp" >&2
      free -m >&2
    done
    return 1
  }
  # fuzz NAME: replay the checked-in corpus (every input once: deterministic), then 30 s of
  # fuzzing; its temporary directory must be empty again afterwards.
  fuzz() {
    run_fuzzer "$1" "./$1_fuzzer" -runs=0 "../tests/fuzz/corpus/$1" &&
      mkdir -p "build-fuzz/corpus/$1" &&
      run_fuzzer "$1" "./$1_fuzzer" -seed=1 -max_total_time=30 -print_final_stats=1 \
        "corpus/$1" "../tests/fuzz/corpus/$1" &&
      { rmdir "$fuzz_tmp/$1" || { echo "the $1 fuzzer left files in $fuzz_tmp/$1" >&2 && false; }; }
  }
  # Each fuzzer is single-threaded: two lanes keep both cores busy and halve the wall time.
  (fuzz parser && fuzz json) &
  lane1=$!
  (fuzz query_request && fuzz kvlog) &
  lane2=$!
  fuzz_ok=1
  wait "$lane1" || fuzz_ok=0
  wait "$lane2" || fuzz_ok=0
  [[ $fuzz_ok == 1 ]] || exit 1
  rmdir "$fuzz_tmp"
  step "the asan label"
  (cd build-fuzz && ctest --output-on-failure -j "$(nproc)" --timeout 900 -L asan)
else
  echo "Skipping the fuzzers and the asan label: clang++ not found (libFuzzer needs clang)."
fi

# The multi-threaded tests again under ThreadSanitizer, in their own build dir; only the targets
# labelled tsan are built, to keep this step to a few minutes.
step "ThreadSanitizer build (build-tsan/) and the tsan label"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Release -DCASQL_SANITIZE=thread >/dev/null
cmake --build build-tsan -j "$(nproc)" --target casql_tsan_tests
(cd build-tsan && ctest --output-on-failure -j "$(nproc)" --timeout 600 -L tsan)

# The official Couchbase SDK tests (ctest label sdk) need couchbase@4.7.1 from the npm
# registry. Offline they cannot run: say so loudly; ctest then reports them as skipped.
# `npm install` follows the lock file; `npm ci` (npm 11) refuses it because couchbase 4.7.1
# names an optional win32 package that was never published at that version.
step "the Couchbase SDK (npm)"
if (cd tests/sdk && timeout 600 npm install --no-audit --no-fund >/dev/null 2>&1); then
  echo "SDK tests: couchbase@4.7.1 installed in tests/sdk"
else
  echo "WARNING: SKIPPING the Couchbase SDK tests: 'npm install' in tests/sdk failed (is the npm" \
    "registry reachable?); ctest will list the sdk_* tests as skipped, not passed." >&2
fi

# The peer comparison's harness in its quick form (tiny data, 2 s per workload): keeps
# bench/compare/run.sh working; its figures are not judged here (docs/performance.md).
step "bench/compare/run.sh --quick"
bench/compare/run.sh --quick

step "the main ctest run"
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 600 -LE 'tsan|asan'
