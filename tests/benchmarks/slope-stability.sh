#!/usr/bin/env bash
# How steady is the slope check's timing? Runs `perfgate slope` several times and prints, per segment, the seconds and GFLOP/s
# per added affine(4096) layer of each run, and their spread. A benchmark, not a test.
#   tests/benchmarks/slope-stability.sh [runs=5] [batch=64] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}; batch=${2:-64}; seconds=${3:-20}
out=$(mktemp -d /tmp/perfgate-slope.XXXX)
dotnet build src/PerfGate.Cli -c Release -v quiet -nologo >/dev/null
cp -r src/PerfGate.Cli/bin/Release/net10.0 "$out/bin"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, 1 intra-op thread; batch $batch, ${seconds} s per run"
for i in $(seq 1 "$runs"); do
  dotnet "$out/bin/perfgate.dll" slope --batch "$batch" --max-seconds "$seconds" --device cpu --json > "$out/slope$i.json" 2>/dev/null
done
node -e '
const fs = require("fs"); const dir = process.argv[1]; const runs = +process.argv[2];
const all = [...Array(runs).keys()].map(i => JSON.parse(fs.readFileSync(`${dir}/slope${i + 1}.json`)));
for (let s = 0; s < all[0].segments.length; s++) {
  const seg = all.map(r => r.segments[s]); const g = seg.map(x => x.achievedGflops ? x.achievedGflops.median : NaN);
  const name = `${seg[0].fromLayers}->${seg[0].toLayers}`;
  seg.forEach((x, i) => console.log(`run ${i + 1} ${name}: ${(x.secondsPerLayer.median * 1e3).toFixed(2)} ms/layer [${(x.secondsPerLayer.ciLow * 1e3).toFixed(2)}, ${(x.secondsPerLayer.ciHigh * 1e3).toFixed(2)}], ${x.achievedGflops ? x.achievedGflops.median.toFixed(1) : "n/a"} GFLOP/s`));
  const ok = g.filter(v => !isNaN(v)); const mean = ok.reduce((a, b) => a + b, 0) / ok.length;
  console.log(`${name}: GFLOP/s per added layer over ${runs} runs: min ${Math.min(...ok).toFixed(1)}, max ${Math.max(...ok).toFixed(1)}, spread ±${((Math.max(...ok) - Math.min(...ok)) / 2 / mean * 100).toFixed(1)}%, positive in ${ok.length}/${runs}`);
}' "$out" "$runs"
