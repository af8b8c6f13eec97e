#!/usr/bin/env bash
# How often does the A/B gate (check --against) raise a false alarm on unchanged code, and how often does it catch a slowdown
# of known size applied to head only? And, on the same runs, what does the stored-baseline verdict say about head's figures?
# A benchmark, not a test: 20 runs of 4 conditions take about three hours on a 2-core machine (80-150 s a run), and the
# figures depend on the machine. The TSV is written as it goes, so a run stopped early still has its figures.
#
#   tests/benchmarks/ab-accuracy.sh [runs=20] [slowdowns="0 0.10 0.05 0.02"] [model=alexnet] [seconds=60] [project=tests/PerfGate.Torch.Tests/PerfGate.Torch.Tests.csproj]
#
# Base is HEAD (committed), built once in a cached worktree; head is this checkout's build of the same project. Round after round,
# each slowdown is checked in turn (interleaved, so the machine's drift hits all alike) with the product's defaults
# (--max-seconds 60, the 3% A/B threshold, α = 0.01, confirmation), every forward pass of head slowed by the fraction
# (0 = A/A). The A/B verdict is the check's exit code; the stored-baseline verdict judges head's own recorded figures
# (results/<model>.json, with its calibration windows) against baselines/ with `check --results` (no re-measurement there).
# Writes a TSV of every run and prints the counts. Nothing under baselines/ is touched.
#
#   tests/benchmarks/ab-accuracy.sh --summary RUNS.tsv [RUNS.tsv ...]   counts of one or more series' TSVs (see ab-accuracy-parallel.sh)
set -euo pipefail

summary() {
  local all; all=$(mktemp); tail -q -n +2 "$@" >"$all"
  local slowdowns; slowdowns=$(cut -f2 "$all" | awk '!seen[$0]++')
  echo "slowdown  verdict        A/B  stored-baseline   (of $(awk -F'\t' -v s="$(head -1 <<<"$slowdowns")" '$2==s' "$all" | wc -l) runs; mean wall time of an A/B run in s)"
  for s in $slowdowns; do
    for v in FAIL PASS INCONCLUSIVE; do
      ab=$(awk -F'\t' -v s="$s" -v v="$v" '$2==s && $3==v' "$all" | wc -l)
      st=$(awk -F'\t' -v s="$s" -v v="$v" '$2==s && $4==v' "$all" | wc -l)
      printf '%-8s  %-12s  %4d  %4d\n' "$s" "$v" "$ab" "$st"
    done
    wall=$(awk -F'\t' -v s="$s" '$2==s {t+=$5; n++} END {printf "%.0f", t/n}' "$all")
    deltas=$(awk -F'\t' -v s="$s" '$2==s && $6!="" {print 100*$6}' "$all" | sort -g | awk '{d[NR]=$1} END {printf "%.1f%% (%.1f%% … %.1f%%)", d[int((NR+1)/2)], d[1], d[NR]}')
    twice=$(awk -F'\t' -v s="$s" '$2==s && $7=="yes"' "$all" | wc -l)
    printf '%-8s  wall time     %s s; A/B change, median (range) %s; measured twice in %d\n' "$s" "$wall" "$deltas" "$twice"
  done
  rm -f "$all"
}
if [ "${1:-}" = --summary ]; then shift; summary "$@"; exit 0; fi

cd "$(dirname "$0")/../.."
runs=${1:-20}; slowdowns=${2:-"0 0.10 0.05 0.02"}; model=${3:-alexnet}; seconds=${4:-60}
project=${5:-tests/PerfGate.Torch.Tests/PerfGate.Torch.Tests.csproj}
work=${AB_WORK:-$(mktemp -d /tmp/perfgate-ab.XXXX)}; mkdir -p "$work" # AB_WORK: where the TSV goes (ab-accuracy-parallel.sh)
dotnet build src/PerfGate.Cli -c Release -v quiet -nologo >/dev/null
cp -r src/PerfGate.Cli/bin/Release/net10.0 "$work/bin" # a rebuild while this runs must not swap the binaries
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; model $model, ${seconds} s per check; work in $work" >&2

verdict() { case $1 in 0) echo PASS;; 1) echo FAIL;; 3) echo INCONCLUSIVE;; *) echo "ERROR($1)";; esac; }
printf 'run\tslowdown\tab\tstored\tseconds\tab_delta\tmeasured_twice\n' >"$work/runs.tsv"
for r in $(seq 1 "$runs"); do
  for s in $slowdowns; do
    out="$work/r$r-$s"; start=$(date +%s.%N); code=0
    dotnet "$work/bin/perfgate.dll" check --against HEAD --project "$project" --model "$model" --max-seconds "$seconds" --device cpu \
      --inject-slowdown "$s" --base-cache "$work/cache" --baselines baselines --out "$out" --report "$out/report.json" >"$out.txt" 2>&1 || code=$?
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    stored=0
    if [ -f "$out/$model.json" ]; then
      dotnet "$work/bin/perfgate.dll" check --results "$out/$model.json" --baselines baselines --out "$out/stored" >"$out.stored.txt" 2>&1 || stored=$?
    else stored=99; fi
    delta=$(python3 -c "import json,sys; d=json.load(open('$out/report.json')); print(next((f['delta'] for m in d['models'] for f in m['findings'] if f['metric'].startswith('throughput against base')), ''))" 2>/dev/null || true)
    twice=no; if grep -q "measuring again" "$out.txt"; then twice=yes; fi
    printf '%s\t%s\t%s\t%s\t%.0f\t%s\t%s\n' "$r" "$s" "$(verdict $code)" "$(verdict $stored)" "$wall" "$delta" "$twice" | tee -a "$work/runs.tsv" >&2
  done
done

summary "$work/runs.tsv"
