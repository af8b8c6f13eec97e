#!/usr/bin/env bash
# The build tests (real `dotnet build`s of fixture projects that measure a tiny model for a few seconds) with a noisy
# neighbour running the whole time: a loop of clean Debug builds of src/PerfGate.Reports (compiling PerfGate.Core with it)
# into a temporary folder, as another job on a shared 2-core runner would. The tests must still pass: none of them may
# depend on a throughput verdict that this noise can move. Prints the machine, each run's test summary and wall time, and
# how many neighbour builds ran beside them.
#
#   tests/benchmarks/build-tests-under-load.sh [runs=1]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-1}
cd "$repo"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs) model $(grep -m1 '^model\s' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; commit $(git rev-parse --short HEAD)"

dotnet build tests/PerfGate.Build.Tests -c Release -nologo -v:q >/dev/null

out=$(mktemp -d /tmp/perfgate-neighbour.XXXX)
count="$out/builds"
echo 0 >"$count"
(
  while :; do
    dotnet build src/PerfGate.Reports -c Debug --no-incremental -nologo -v:q -o "$out/bin" >/dev/null 2>&1 || true
    echo $(( $(cat "$count") + 1 )) >"$count"
  done
) &
neighbour=$!
trap 'kill "$neighbour" 2>/dev/null || true; pkill -f "$out/bin" 2>/dev/null || true' EXIT

status=0
for run in $(seq 1 "$runs"); do
  start=$(date +%s)
  log="$out/run$run.log"
  if dotnet test tests/PerfGate.Build.Tests -c Release --no-build -nologo >"$log" 2>&1; then result=pass; else result=FAIL; status=1; fi
  echo "run $run: $result in $(( $(date +%s) - start )) s; $(grep -E 'Passed!|Failed!' "$log" | sed 's/ - PerfGate.*//' | xargs)"
  [ "$result" = pass ] || grep -E '^\s+Failed ' "$log" || true
done
kill "$neighbour" 2>/dev/null || true
wait "$neighbour" 2>/dev/null || true
echo "neighbour: $(cat "$count") clean builds of PerfGate.Reports ran beside the tests; logs in $out"
exit "$status"
