#!/usr/bin/env bash
# How true is the per-layer profile, and does profiling touch the throughput figure?
#
#   tests/benchmarks/profile-accuracy.sh [launches=4] [seconds=30] [batches=1,16]
#
# AlexNet is measured (`perfgate measure`) in alternating processes, ABBA over launches: with profile rounds (the default
# share, 15% of each batch size's time) and without (--profile-share 0). Per batch size it prints
#   - layers + outside ÷ plain: the profile's sum of layer times plus the outside row (= the profiled pass) over the plain
#     forward pass of the throughput rounds beside it in the same process: the profile's own cost (goal: within 2%);
#   - the layers alone over the plain pass (what the outside row leaves to explain);
#   - profile rounds per batch size and the share of the batch size's time they took;
#   - images/s with profiling over images/s without (median over launches; the throughput rounds must be unperturbed);
# and then, in one process per batch size (no process offset), `perfgate overhead --profile`: a plain pass right after a
# profile round against a plain pass right after a plain pass, ABBA, ROUNDS (default 60) of each.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
launches=${1:-4}; seconds=${2:-30}; batches=${3:-1,16}
work=$(mktemp -d /tmp/perfgate-profile-accuracy.XXXX)
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs) model $(grep -m1 '^model\s' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; commit $(git -C "$repo" rev-parse --short HEAD); work in $work" >&2
dotnet build "$repo/src/PerfGate.Cli" -c Release -nologo -v:q >/dev/null
perfgate="$repo/src/PerfGate.Cli/bin/Release/net10.0/perfgate.dll"

measure() { # share out
  dotnet "$perfgate" measure --model alexnet --batch "$batches" --max-seconds "$seconds" --device cpu --profile-share "$1" --out "$2" >/dev/null 2>&1
}
for i in $(seq 1 "$launches"); do
  if [ $((i % 4)) = 1 ] || [ $((i % 4)) = 0 ]; then order="on off"; else order="off on"; fi
  for side in $order; do
    share=$([ "$side" = on ] && echo 0.15 || echo 0)
    measure "$share" "$work/$side-$i"
    echo "launch $i: profiling $side done" >&2
  done
done

python3 - "$work" "$launches" <<'PY'
import json, sys, statistics as st
work, n = sys.argv[1], int(sys.argv[2])
def load(side, i): return json.load(open(f"{work}/{side}-{i}/alexnet.json"))
on = [load("on", i) for i in range(1, n + 1)]
off = [load("off", i) for i in range(1, n + 1)]
batches = [b["batch"] for b in on[0]["batches"]]
print("batch  (layers+outside)/plain: median (range)  layers/plain  profile rounds  profile share of time  images/s on/off: median (range)")
for k, batch in enumerate(batches):
    whole, layers, rounds, share, ratio = [], [], [], [], []
    for r_on, r_off in zip(on, off):
        b_on, b_off = r_on["batches"][k], r_off["batches"][k]
        p = b_on["profile"]
        whole.append(p["forwardSeconds"]["median"] / p["unprofiledSeconds"] - 1)
        inside = sum(l["seconds"]["median"] for l in p["layers"] if l["layer"] != "(outside layers)")
        layers.append(inside / p["unprofiledSeconds"] - 1)
        rounds.append(p["rounds"])
        measured = b_on["measuredSeconds"]  # the model's timed windows only
        share.append(p["rounds"] * p["forwardSeconds"]["median"] / (measured * 2 + p["rounds"] * p["forwardSeconds"]["median"]))
        ratio.append(b_on["imagesPerSec"]["median"] / b_off["imagesPerSec"]["median"] - 1)
    fmt = lambda xs: f"{100*st.median(xs):+.2f}% ({100*min(xs):+.2f}% … {100*max(xs):+.2f}%)"
    print(f"{batch:5d}  {fmt(whole):38s}  {100*st.median(layers):+.2f}%      {st.median(rounds):6.0f}          {100*st.median(share):5.1f}%             {fmt(ratio)}")
PY

echo "in one process (perfgate overhead --profile, ${ROUNDS:-60} rounds): a plain pass after a profile round ÷ after a plain pass; the profiled pass ÷ a plain pass"
for batch in ${batches//,/ }; do
  dotnet "$perfgate" overhead --profile --model alexnet --batch "$batch" --rounds "${ROUNDS:-60}" --device cpu 2>/dev/null
done

