#!/usr/bin/env bash
# How often does the stored-baseline gate raise a false alarm on unchanged code, and how often does it catch a slowdown of
# known size? A benchmark, not a test: it runs for an hour or more, and its figures depend on the machine.
#
#   tests/benchmarks/gate-accuracy.sh [runs=20] [slowdowns="0 0.10 0.05"] [model=alexnet] [batches=1,8] [seconds=20] [baseline-runs=3] [BIN...]
#
# BIN: one or more perfgate build folders to compare (default: a Release build of this checkout). For each, a fresh baseline
# of the model is approved on this machine into its own temp folder with the product's default tolerances (no tolerance file):
# `approve --runs <baseline-runs>` where the build has it, else one `check` + `approve` (the first version). Then, round after
# round, every slowdown is checked with every build (interleaved, so that the machine's drift hits all alike), each forward pass
# slowed by the given fraction (0 = unchanged code), and the verdicts (exit codes) are counted. Nothing under baselines/ is touched.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}; slowdowns=${2:-"0 0.10 0.05"}; model=${3:-alexnet}; batches=${4:-1,8}; seconds=${5:-20}; baseline_runs=${6:-3}
shift $(( $# < 6 ? $# : 6 ))
work=$(mktemp -d /tmp/perfgate-accuracy.XXXX)
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  dotnet build src/PerfGate.Cli -c Release -v quiet -nologo >/dev/null
  cp -r src/PerfGate.Cli/bin/Release/net10.0 "$work/head-bin" # a rebuild while this runs must not swap the binaries
  bins=("$work/head-bin")
fi
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; model $model, batches $batches, ${seconds} s per check" >&2

for i in "${!bins[@]}"; do
  b=${bins[$i]}; mkdir -p "$work/b$i/baselines"
  if dotnet "$b/perfgate.dll" approve --help 2>/dev/null | grep -q -- '--runs'; then
    dotnet "$b/perfgate.dll" approve --model "$model" --runs "$baseline_runs" --batch "$batches" --max-seconds "$seconds" --device cpu --baselines "$work/b$i/baselines" >"$work/b$i/approve.txt" 2>&1
  else
    dotnet "$b/perfgate.dll" check --model "$model" --batch "$batches" --max-seconds "$seconds" --device cpu --baselines "$work/b$i/baselines" --out "$work/b$i/results" >"$work/b$i/approve.txt" 2>&1 || true
    dotnet "$b/perfgate.dll" approve --model "$model" --baselines "$work/b$i/baselines" >>"$work/b$i/approve.txt" 2>&1
  fi
  echo "build $i ($b): baseline approved" >&2
done

declare -A count seconds_total
for r in $(seq 1 "$runs"); do
  for s in $slowdowns; do
    for i in "${!bins[@]}"; do
      start=$(date +%s.%N); code=0
      dotnet "${bins[$i]}/perfgate.dll" check --model "$model" --device cpu --max-seconds "$seconds" --baselines "$work/b$i/baselines" --out "$work/b$i/results" \
        --inject-slowdown "$s" >"$work/b$i/check-$s-$r.txt" 2>&1 || code=$?
      elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
      count[$i,$s,$code]=$(( ${count[$i,$s,$code]:-0} + 1 ))
      seconds_total[$i,$s]=$(awk -v a="${seconds_total[$i,$s]:-0}" -v b="$elapsed" 'BEGIN { print a + b }')
      echo "round $r slowdown $s build $i: exit $code, ${elapsed%.*} s" >&2
    done
  done
done

for i in "${!bins[@]}"; do
  for s in $slowdowns; do
    printf 'build %s, slowdown %s: %s runs, FAIL %s, PASS %s, INCONCLUSIVE %s, other %s; %.0f s per check\n' "$i" "$s" "$runs" \
      "${count[$i,$s,1]:-0}" "${count[$i,$s,0]:-0}" "${count[$i,$s,3]:-0}" \
      "$(( runs - ${count[$i,$s,1]:-0} - ${count[$i,$s,0]:-0} - ${count[$i,$s,3]:-0} ))" "$(awk -v a="${seconds_total[$i,$s]}" -v n="$runs" 'BEGIN { print a / n }')"
  done
done
echo "builds: ${bins[*]}; outputs kept in $work"
