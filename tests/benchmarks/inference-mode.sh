#!/usr/bin/env bash
# What inference mode changed: AlexNet's images/sec with the timed forward pass recording autograd (as PerfGate timed it before)
# against inference mode (as it times now), alternated in one process (ABBA windows of ~0.1 s), per batch size.
# A benchmark, not a test.   tests/benchmarks/inference-mode.sh [batches="1 8 32"] [rounds=30] [model=alexnet]
set -euo pipefail
cd "$(dirname "$0")/../.."
batches=${1:-"1 8 32"}; rounds=${2:-30}; model=${3:-alexnet}
out=$(mktemp -d /tmp/perfgate-inference.XXXX)
dotnet build src/PerfGate.Cli -c Release -v quiet -nologo >/dev/null
cp -r src/PerfGate.Cli/bin/Release/net10.0 "$out/bin"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, 1 intra-op thread"
for b in $batches; do
  dotnet "$out/bin/perfgate.dll" overhead --model "$model" --batch "$b" --rounds "$rounds" --inference --device cpu 2>/dev/null
done
