#!/usr/bin/env bash
# Runs one Couchbase peer suite with `casql regress --format couchbase` and fails when fewer
# cases pass than the floor recorded for it in floor.txt (failing cases alone do not fail the
# run: the floor is how many must pass today). The full output is kept in LOG.
# usage: run_peer_suite.sh CASQL SUITE PATH EXCLUSIONS FLOOR_FILE LOG
# Exit status 77 (ctest's skip) when the peer data is not there.
set -uo pipefail
casql=$1 suite=$2 path=$3 exclusions=$4 floor_file=$5 log=$6

if [[ ! -d $path ]]; then
  echo "peer data not found at $path: suite $suite not run"
  exit 77
fi
floor=$(awk -v s="$suite" '$1 == s { print $2 }' "$floor_file")
if [[ -z $floor ]]; then
  echo "no floor for suite $suite in $floor_file"
  exit 1
fi

"$casql" regress --format couchbase --exclusions "$exclusions" "$path" >"$log" 2>&1
status=$?
summary=$(tail -n 1 "$log")
if [[ $status -gt 1 || ! $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
  echo "casql regress did not finish (exit status $status); see $log"
  tail -n 20 "$log"
  exit 1
fi
passed=${BASH_REMATCH[1]}
echo "peer suite $suite: $summary (floor $floor); details in $log"
if ((passed < floor)); then
  echo "FAILED: $passed cases pass, fewer than the floor of $floor"
  grep -E '^FAIL ' "$log" | head -n 50
  exit 1
fi
if ((passed > floor)); then
  echo "more cases pass than the floor: raise $suite to $passed in tests/peer/floor.txt"
fi
exit 0
