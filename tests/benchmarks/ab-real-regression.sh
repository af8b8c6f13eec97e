#!/usr/bin/env bash
# The A/B verdict (check --against) on real regressions committed on head branches, beside a noisy neighbour.
#
#   tests/benchmarks/ab-real-regression.sh [runs=20] [passes="0 40 14"] [seconds=60] [size-seconds=0]
#
# For each number of passes a clone of this repository's HEAD gets a branch with one commit: 0 is an empty commit (A/A); N > 0
# makes AlexNet (src/PerfGate.Torch/Models/AlexNet.cs) run N extra in-place elementwise passes (x *= 1) over the output of
# every ReLU, through forward hooks the model registers itself: real memory traffic over real activations, with no layer
# added, so the counted metrics do not change and only the time does. Each clone is built once; base is `main` (the
# commit before the branch), built by the check in its own cached worktree.
# The neighbour (ab-common.sh): for the whole run, a loop of clean Debug builds of src/PerfGate.Reports in yet another clone, as another
# job on a shared 2-core runner. Round after round every condition is checked in turn with the product's defaults
# (--max-seconds 60, the 3% threshold, α = 0.01). With size-seconds > 0 each condition is first measured once with that
# budget, to size the regression the branch really is (on CPU time beside this neighbour 28 passes came to about -3.6% and 11
# to about -1.6%, so the defaults 40 and 14 aim at 5% and 2%). Batch sizes 1, 4 and 16 (BATCHES=...).
# A condition N@T also commits an A/B threshold of T for AlexNet in head's tolerances (e.g. 14@0.01: the 2% head judged at
# 1%, as a user who wants a 2% regression caught would set it).
# tests/benchmarks/ab-launch-spread.py WORK/r*-0 then shows where the verdict's uncertainty came from.
# Writes a TSV (verdict, head/base change, whether "faster" was claimed, launches, wall time) and prints the counts.
#
#   tests/benchmarks/ab-real-regression.sh --summary RUNS.tsv
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ab-common.sh"
if [ "${1:-}" = --summary ]; then summary "$2"; exit 0; fi

repo=$(cd "$here/../.." && pwd)
runs=${1:-20}; passes=${2:-"0 40 14"}; seconds=${3:-60}; size=${4:-0}; batches=${BATCHES:-1,4,16}
work=$(mktemp -d /tmp/perfgate-ab-real.XXXX)
project=tests/PerfGate.Torch.Tests/PerfGate.Torch.Tests.csproj
echo "$(machine_line "$repo"); work in $work" >&2

for condition in $passes; do
  p=${condition%@*}
  clone="$work/head-$condition"
  git clone -q "$repo" "$clone"
  git -C "$clone" checkout -q -B main
  git -C "$clone" checkout -q -b "head-$condition"
  if [ "$condition" != "$p" ]; then # N@T: head also sets AlexNet's A/B threshold to T in the tolerances it commits
    python3 - "$clone/baselines/perfgate.tolerances.json" "${condition#*@}" <<'PY'
import json, sys
path, threshold = sys.argv[1], float(sys.argv[2])
d = json.load(open(path))
d["models"].setdefault("alexnet", {})["againstBaseRegression"] = threshold
json.dump(d, open(path, "w"), indent=2, ensure_ascii=False)
PY
  fi
  if [ "$p" -gt 0 ]; then
    python3 - "$clone/src/PerfGate.Torch/Models/AlexNet.cs" "$p" <<'PY'
import sys
path, passes = sys.argv[1], int(sys.argv[2])
s = open(path).read()
old = "            .Build();\n    }"
assert old in s, "AlexNet.Create changed: update the benchmark's patch"
s = s.replace(old, f"""            .Build();
    }}

    // Benchmark head: {passes} extra elementwise pass(es) over every ReLU output, no layer added (counts unchanged).
    private static Sequential Slowed(Sequential net)
    {{
        foreach (var (name, module) in net.named_children())
            if (name.EndsWith("_relu") && module is TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> relu)
                relu.register_forward_hook((_, _, output) => {{ for (var i = 0; i < {passes}; i++) output.mul_(1.0f); return output; }});
        return net;
    }}""")
s = s.replace("        return new CnnBuilder(3, ImageSize, ImageSize)", "        return Slowed(new CnnBuilder(3, ImageSize, ImageSize)")
s = s.replace("            .Affine(classes, Activation.Linear)\n            .Build();\n    }\n\n    // Benchmark", "            .Affine(classes, Activation.Linear)\n            .Build());\n    }\n\n    // Benchmark")
open(path, "w").write(s)
PY
    git -C "$clone" -c user.name=bench -c user.email=bench@perfgate.invalid commit -q -am "head: $p extra elementwise pass(es) over every ReLU output of AlexNet ($condition)"
  else
    git -C "$clone" -c user.name=bench -c user.email=bench@perfgate.invalid commit -q --allow-empty -am "head: no change (A/A)"
  fi
  dotnet build "$clone/$project" -c Release -nologo -v:q >/dev/null
  cp -r "$clone/src/PerfGate.Cli/bin/Release/net10.0" "$work/bin-$condition"
done

start_neighbour "$repo" "$work"

check() { # passes out seconds
  (cd "$work/head-$1" && dotnet "$work/bin-$1/perfgate.dll" check --against main --project "$project" --model alexnet --max-seconds "$3" --device cpu \
    --batch "$batches" --base-cache "$work/cache-$1" --baselines baselines --out "$2" --report "$2/report.json") >"$2.txt" 2>&1
}

if [ "$size" != 0 ]; then
  for p in $passes; do
    out="$work/size-$p"; code=0; check "$p" "$out" "$size" || code=$?
    echo "size of passes=$p with --max-seconds $size: $(verdict $code), head ÷ base $(field "$out/report.json" delta) over $(field "$out/report.json" launches) launches" >&2
  done
fi

measured() { local code=0; check "$1" "$2" "$seconds" || code=$?; verdict "$code"; } # condition out
series "$runs" "$passes" measured
