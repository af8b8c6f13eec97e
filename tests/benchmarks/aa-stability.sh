#!/usr/bin/env bash
# A/A stability and harness overhead on this machine (a benchmark, not a test: it takes minutes and its figures vary).
#   tests/benchmarks/aa-stability.sh [runs=5] [model=alexnet] [extra measure options...]
# Runs the default suite several times on unchanged code, then prints the spread of raw images/sec and of the
# calibration-normalized figure per batch size, and the harness overhead against a bare TorchSharp loop.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}; model=${2:-alexnet}; shift $(( $# < 2 ? $# : 2 ))
out=$(mktemp -d /tmp/perfgate-aa.XXXX)
dotnet build src/PerfGate.Cli -c Release -v quiet -nologo >/dev/null
cp -r src/PerfGate.Cli/bin/Release/net10.0 "$out/bin" # a rebuild while this runs must not swap the binaries
perfgate() { dotnet "$out/bin/perfgate.dll" "$@"; }
for i in $(seq 1 "$runs"); do
  echo "run $i/$runs" >&2
  perfgate measure --model "$model" --out "$out/run$i" "$@" >/dev/null
done
perfgate stability "$out"/run*/"$model".json
echo
perfgate overhead --model "$model" --batch 8 --rounds 30 2>/dev/null
perfgate overhead --model "$model" --batch 8 --rounds 30 --harness 2>/dev/null
echo "results kept in $out"
