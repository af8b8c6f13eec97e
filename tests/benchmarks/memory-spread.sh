#!/usr/bin/env bash
# Measured peak memory against counted memory, and how much the measured figure spreads between unchanged runs beside a
# neighbour, next to images/sec's spread in the same runs (a benchmark, not a test).
#
#   tests/benchmarks/memory-spread.sh [runs=10] [neighbour=xz|none]
#
# Each run is a fresh `perfgate measure` process per model: AlexNet (built in, batches 1, 8, 32), TorchVision's resnet18
# (batches 1, 8) and a small CNN with its first feature map at 32 and at 64 channels (feature-cnn, feature-cnn-doubled:
# batches 1, 16), the last three declared in the test assembly (tests/PerfGate.Torch.Tests/Models/MemoryWorkloads.cs). The
# neighbour is xz -9 compressing random data (memory-bound, one core). Prints per model and batch size the measured peak
# (median, min, max, spread = (max − min) ÷ median), images/sec's spread, and the counted activations (peak alive at once per
# example × batch); then the doubled feature map's measured and counted growth.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ab-common.sh"
repo=$(cd "$here/../.." && pwd)
runs=${1:-10}; neighbour=${2:-xz}
work=$(mktemp -d /tmp/perfgate-memory.XXXX)
echo "$(machine_line "$repo"); neighbour: $neighbour; work in $work" >&2
dotnet build "$repo/tests/PerfGate.Torch.Tests" -c Release -nologo -v:q >/dev/null
cp -r "$repo/tests/PerfGate.Torch.Tests/bin/Release/net10.0" "$work/bin" # a rebuild while this runs must not swap the binaries
perfgate() { dotnet "$work/bin/perfgate.dll" "$@"; }
assembly="$work/bin/PerfGate.Torch.Tests.dll"
[ "$neighbour" != xz ] || start_memory_neighbour
for r in $(seq 1 "$runs"); do
  echo "run $r/$runs" >&2
  perfgate measure --model alexnet -b 1,8,32 --max-seconds 6 --profile-share 0 --json --out "$work/out" >"$work/r$r-alexnet.json" 2>/dev/null
  for m in resnet18 feature-cnn feature-cnn-doubled; do
    perfgate measure --assembly "$assembly" --model "$m" -b "$([ $m = resnet18 ] && echo 1,8 || echo 1,16)" --max-seconds 4 \
      --profile-share 0 --json --out "$work/out" >"$work/r$r-$m.json" 2>/dev/null
  done
done
python3 - "$work" <<'PY'
import glob, json, statistics, sys, collections
work = sys.argv[1]
rows = collections.defaultdict(lambda: collections.defaultdict(list))
counted = {}
for f in sorted(glob.glob(f"{work}/r*-*.json")):
    d = json.load(open(f))
    model = d["model"]
    layers = [l for l in d["layers"] if l.get("inputBytes") is not None and l.get("outputBytes") is not None]
    counted[model] = max((l["inputBytes"] + l["outputBytes"] for l in layers), default=None)
    for b in d["batches"]:
        if b.get("peakMemory") and b.get("imagesPerSec"):
            rows[model][b["batch"]].append((b["peakMemory"]["bytes"], b["imagesPerSec"]["median"]))
mib = 1024 * 1024
print(f"{'model':20} {'batch':>5} {'runs':>4} {'peak MiB median':>15} {'min':>7} {'max':>7} {'spread':>7} {'images/s spread':>15} {'counted MiB':>11}")
medians = {}
for model, batches in rows.items():
    for batch, xs in sorted(batches.items()):
        mem = [m for m, _ in xs]; ips = [i for _, i in xs]
        med = statistics.median(mem); medians[(model, batch)] = med
        spread = (max(mem) - min(mem)) / med
        ips_spread = (max(ips) - min(ips)) / statistics.median(ips)
        c = counted.get(model)
        print(f"{model:20} {batch:5} {len(xs):4} {med / mib:15.1f} {min(mem) / mib:7.1f} {max(mem) / mib:7.1f} {spread:7.1%} {ips_spread:15.1%} "
              f"{'' if c is None else f'{c * batch / mib:11.2f}'}")
for batch in (1, 16):
    a, b = medians.get(("feature-cnn", batch)), medians.get(("feature-cnn-doubled", batch))
    ca, cb = counted.get("feature-cnn"), counted.get("feature-cnn-doubled")
    if a and b and ca and cb:
        print(f"doubled feature map, batch {batch}: measured {a / mib:.1f} → {b / mib:.1f} MiB ({b / a - 1:+.1%}), "
              f"counted {ca * batch / mib:.2f} → {cb * batch / mib:.2f} MiB ({cb / ca - 1:+.1%})")
PY
echo "results kept in $work" >&2
