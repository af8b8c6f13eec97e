#!/usr/bin/env bash
# Does the A/B verdict name the layer that got slower? AlexNet on head branches with one real slowdown each, checked against
# main (the commit before) with `check --against`; counts how often the attribution names the right row first.
#
#   tests/benchmarks/ab-attribution.sh [runs=10] [seconds=30] [passes=200] [outside-passes=4000]
#
# Conditions (each a clone of this repository's HEAD with one commit on a head branch; base is `main`, the commit before):
#   conv2    AlexNet's conv2 runs `passes` extra in-place elementwise passes over its output, in a forward hook the model
#            registers itself: inside conv2's call, so conv2's own time grows (the expected first row: conv2).
#   outside  `outside-passes` such passes over conv3's input (2 MB at batch 16, cache-resident: a pass costs ~8 µs, so many
#            more are needed for a similar slowdown), in a forward pre-hook the model registers itself: between mpool2 and
#            conv3, in no leaf layer's time, as an op a pull request inserts in a parent's forward (expected: outside layers).
# Sized on AMD Zen 5 at batch 16 (perfgate profile on each head): 100 passes added ~2 ms to conv2 (of ~31), 100 passes before
# conv3 ~0.8 ms; the defaults aim at a slowdown of the whole pass near 10%.
# No layer is added: the counts do not change, only the time. Batch sizes 4 and 16 (BATCHES=...); the attribution is read
# from the pooled finding (the largest profiled batch size), present when the verdict is FAIL or INCONCLUSIVE.
# NEIGHBOUR=1 runs a loop of clean builds of another clone beside the checks, as another job on a shared runner.
# Prints one line per run and the counts: runs, verdicts, how often the expected row came first.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-10}; seconds=${2:-30}; passes=${3:-200}; outside_passes=${4:-4000}; batches=${BATCHES:-4,16}
work=$(mktemp -d /tmp/perfgate-ab-attribution.XXXX)
project=tests/PerfGate.Torch.Tests/PerfGate.Torch.Tests.csproj
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs) model $(grep -m1 '^model\s' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; commit $(git -C "$repo" rev-parse --short HEAD); conv2 $passes passes, outside $outside_passes; work in $work" >&2

for condition in conv2 outside; do
  clone="$work/$condition"
  git clone -q "$repo" "$clone"
  git -C "$clone" checkout -q -B main
  git -C "$clone" checkout -q -b "head-$condition"
  n=$([ "$condition" = conv2 ] && echo "$passes" || echo "$outside_passes")
  python3 - "$clone/src/PerfGate.Torch/Models/AlexNet.cs" "$condition" "$n" <<'PY'
import sys
path, condition, passes = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = open(path).read()
old = "            .Build();\n    }"
assert old in s, "AlexNet.Create changed: update the benchmark's patch"
hook = (f'if (net.named_children().First(c => c.name == "conv2").module is TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> conv2) '
        f'conv2.register_forward_hook((_, _, output) => {{ for (var i = 0; i < {passes}; i++) output.mul_(1.0f); return output; }});'
        if condition == "conv2" else
        f'if (net.named_children().First(c => c.name == "conv3").module is TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> conv3) '
        f'conv3.register_forward_pre_hook((_, input) => {{ for (var i = 0; i < {passes}; i++) input.mul_(1.0f); return input; }});')
s = s.replace(old, f"""            .Build();
    }}

    // Benchmark head ({condition}): {passes} extra elementwise pass(es), no layer added (counts unchanged).
    private static Sequential Slowed(Sequential net)
    {{
        {hook}
        return net;
    }}""", 1)
s = s.replace("        return new CnnBuilder(3, ImageSize, ImageSize)", "        return Slowed(new CnnBuilder(3, ImageSize, ImageSize)", 1)
s = s.replace("            .Affine(classes, Activation.Linear)\n            .Build();\n    }\n\n    // Benchmark", "            .Affine(classes, Activation.Linear)\n            .Build());\n    }\n\n    // Benchmark", 1)
open(path, "w").write(s)
PY
  git -C "$clone" -c user.name=bench -c user.email=bench@perfgate.invalid commit -q -am "head: $n extra elementwise passes ($condition)"
  dotnet build "$clone/$project" -c Release -nologo -v:q >/dev/null
  cp -r "$clone/src/PerfGate.Cli/bin/Release/net10.0" "$work/bin-$condition"
done

if [ "${NEIGHBOUR:-0}" = 1 ]; then
  git clone -q "$repo" "$work/neighbour"
  ( while :; do dotnet build "$work/neighbour/src/PerfGate.Reports" -c Debug --no-incremental -nologo -v:q -o "$work/neighbour-out" >/dev/null 2>&1 || true; done ) &
  neighbour=$!
  trap 'kill "$neighbour" 2>/dev/null || true' EXIT
fi

expected() { [ "$1" = conv2 ] && echo conv2 || echo "(outside layers)"; }
printf 'run\tcondition\tverdict\tdelta\tfirst\tshare\tseconds\n' >"$work/runs.tsv"
for r in $(seq 1 "$runs"); do
  for condition in conv2 outside; do
    out="$work/r$r-$condition"; start=$(date +%s); code=0
    (cd "$work/$condition" && dotnet "$work/bin-$condition/perfgate.dll" check --against main --project "$project" --model alexnet --max-seconds "$seconds" \
      --device cpu --batch "$batches" --base-cache "$work/cache-$condition" --baselines baselines --out "$out" --report "$out/report.json") >"$out.txt" 2>&1 || code=$?
    read -r delta first share < <(python3 -c "
import json,sys
d=json.load(open(sys.argv[1])); fs=[f for m in d['models'] for f in m['findings']]
p=next((f for f in fs if f['metric']=='throughput against base, all batches'), None)
a=(p or {}).get('attribution') or []
print(p['delta'] if p and p['delta'] is not None else '-', (a[0]['layer'] if a else '-').replace(' ','_'), round(a[0]['shareOfAddedTime'],3) if a else '-')
" "$out/report.json" 2>/dev/null || echo "- - -")
    verdict=$(case $code in 0) echo PASS;; 1) echo FAIL;; 3) echo INCONCLUSIVE;; *) echo "ERROR($code)";; esac)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$condition" "$verdict" "$delta" "${first//_/ }" "$share" "$(( $(date +%s) - start ))" | tee -a "$work/runs.tsv" >&2
  done
done

python3 - "$work/runs.tsv" <<'PY'
import csv, sys, statistics as st
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("condition  runs  FAIL  INCONCLUSIVE  PASS  other  expected row first  wall s: median / max")
for condition, want in (("conv2", "conv2"), ("outside", "(outside layers)")):
    rs = [r for r in rows if r["condition"] == condition]
    if not rs: continue
    count = lambda v: sum(r["verdict"] == v for r in rs)
    other = len(rs) - count("FAIL") - count("INCONCLUSIVE") - count("PASS")
    hits = sum(r["first"] == want for r in rs)
    wall = [int(r["seconds"]) for r in rs]
    print(f"{condition:9s}  {len(rs):4d}  {count('FAIL'):4d}  {count('INCONCLUSIVE'):12d}  {count('PASS'):4d}  {other:5d}  {hits:18d}  {st.median(wall):.0f} / {max(wall)}")
PY
