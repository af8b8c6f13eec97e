#!/usr/bin/env bash
# ab-accuracy.sh in two series at once, one per core (taskset), each in its own clone of this repository's HEAD, so that
# 20 runs of its four conditions fit in about 100 minutes on a 2-core machine instead of three hours. Each A/B check measures
# with one intra-op thread and one side at a time, so a series keeps one core busy; the other series is a noisy neighbour
# on the shared L3 cache and memory bus, as on a shared CI runner. Prints the counts of both series together.
#
#   tests/benchmarks/ab-accuracy-parallel.sh [runs per series=10] [slowdowns="0 0.10 0.05 0.02"] [model=alexnet] [seconds=60]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-10}; slowdowns=${2:-"0 0.10 0.05 0.02"}; model=${3:-alexnet}; seconds=${4:-60}
cores=$(nproc)
series=$(( cores < 2 ? 1 : 2 ))
work=$(mktemp -d /tmp/perfgate-ab-parallel.XXXX)
echo "$series series of $runs runs, clones of $(git -C "$repo" rev-parse --short HEAD) in $work" >&2
pids=()
for i in $(seq 0 $((series - 1))); do
  git clone -q "$repo" "$work/clone$i"
  AB_WORK="$work/series$i" taskset -c "$i" "$work/clone$i/tests/benchmarks/ab-accuracy.sh" "$runs" "$slowdowns" "$model" "$seconds" \
    >"$work/series$i.log" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || echo "a series ended with an error; see $work/series*.log" >&2; done
"$repo/tests/benchmarks/ab-accuracy.sh" --summary "$work"/series*/runs.tsv
