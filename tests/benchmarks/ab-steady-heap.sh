#!/usr/bin/env bash
# Whether glibc's heap state makes per-process offsets: A/A through the build gate with the heap held steady (glibc's
# MALLOC_MMAP_THRESHOLD_/MALLOC_TRIM_THRESHOLD_ for the whole `dotnet test`, the same settings SteadyHeap makes with mallopt)
# and without, alternating, beside the neighbour; then ab-launch-spread.py over each group.
#
#   tests/benchmarks/ab-steady-heap.sh WORK [runs=4]
#
# WORK is the folder of an ab-build-gate.sh run with an A/A clone (WORK/user-0, its base cache WORK/cache-0, WORK/neighbour).
# Run with a build of PerfGate that does not call SteadyHeap itself (before commit 876ae61), or "plain" is held too.
# The figures in README.md ("A steady heap") are from this script on bcad781's packages: it was stopped after 3 runs per group.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ab-common.sh"
work=$1; runs=${2:-4}
( while :; do dotnet build "$work/neighbour/src/PerfGate.Reports" -c Debug --no-incremental -nologo -v:q -o "$work/neighbour-out" >/dev/null 2>&1 || true; done ) &
neighbour=$!
trap 'kill "$neighbour" 2>/dev/null || true' EXIT
results="$work/user-0/obj/Release/net10.0/perfgate/results"
for i in $(seq 1 "$runs"); do
  for mode in pinned plain; do
    out="$work/exp-$mode-$i"; mkdir -p "$out"
    rm -f "$results"/*.against-base.json
    settings=(); [ "$mode" = pinned ] && settings=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184)
    (cd "$work/user-0" && env -u CI "${settings[@]}" dotnet test -c Release -nologo -nodeReuse:false -p:PerfGateAgainst=main \
      "-p:PerfGateBaseCache=$work/cache-0") >"$out.txt" 2>&1 || true
    cp "$results"/*.against-base.json "$out/" 2>/dev/null || true
    echo "$mode $i: $(grep -o 'PG100[0-9]: [a-z-]*: all batches: [^(]*([^)]*)' "$out.txt" | head -1)" >&2
  done
done
for mode in pinned plain; do echo "== $mode"; python3 "$here/ab-launch-spread.py" "$work"/exp-"$mode"-*; done
