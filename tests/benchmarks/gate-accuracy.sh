#!/usr/bin/env bash
# How often does the gate raise a false alarm on unchanged code, and how often does it catch a slowdown of known size?
# A benchmark, not a test: each check measures for about a minute.
#   tests/benchmarks/gate-accuracy.sh [runs=10] [slowdowns="0 0.10 0.25"] [model=alexnet]
# For each slowdown s, runs `perfgate check --model <model>` `runs` times with every forward pass slowed by s (0 = unchanged code)
# against the committed baselines, and counts the verdicts. Nothing is approved; received files go to a temp copy.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}; slowdowns=${2:-"0 0.10 0.25"}; model=${3:-alexnet}
work=$(mktemp -d /tmp/perfgate-accuracy.XXXX)
cp -r baselines "$work/baselines"
dotnet build src/PerfGate.Cli -c Release -v quiet -nologo >/dev/null
cp -r src/PerfGate.Cli/bin/Release/net10.0 "$work/bin" # a rebuild while this runs must not swap the binaries
perfgate() { dotnet "$work/bin/perfgate.dll" "$@"; }
for s in $slowdowns; do
  pass=0; fail=0; inconclusive=0
  for i in $(seq 1 "$runs"); do
    code=0
    perfgate check --model "$model" --baselines "$work/baselines" --out "$work/results" --inject-slowdown "$s" >"$work/check-$s-$i.txt" 2>&1 || code=$?
    case $code in 0) pass=$((pass+1));; 1) fail=$((fail+1));; 3) inconclusive=$((inconclusive+1));; *) echo "run $i: exit $code" >&2;; esac
    echo "slowdown $s run $i: exit $code" >&2
  done
  echo "slowdown $s: $runs runs, FAIL $fail, PASS $pass, INCONCLUSIVE $inconclusive"
done
echo "outputs kept in $work"
