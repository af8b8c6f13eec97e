#!/usr/bin/env bash
# The A/B verdict through the build gate, on a user's project that gets PerfGate from its packages, beside a noisy neighbour.
#
#   tests/benchmarks/ab-build-gate.sh [runs=20] [passes="0 6"] [size-seconds=0] [neighbour=build|xz]
#
# PerfGate, PerfGate.Core, PerfGate.Torch and PerfGate.Tool are packed from a clone of this repository's HEAD into a local
# feed. A user repository is made from tests/benchmarks/build-gate-user (a small CNN of the user's own, the gate on with its
# defaults: PerfGateMaxSeconds 30, the 3% threshold, α = 0.01); its `main` has the model as it is. For each number of passes
# a clone of it gets a branch with one commit: 0 is an empty commit (A/A); N > 0 sets UserCnn.ExtraPasses = N (N extra
# in-place elementwise passes over the first ReLU's output, no layer added). Each run is what a CI job runs on a pull request:
#
#   dotnet test -c Release -p:PerfGateAgainst=main
#
# (the base build cached per clone, outside it). The neighbour is ab-common.sh's loop of clean builds, or with xz a
# memory-bound process (xz -9 on random data). Each row also gives each batch size's change (the A/A lean per batch size). With size-seconds > 0
# each condition is first gated once with that budget, to size the regression the branch really is (beside this neighbour, 90 s:
# 2 passes -0.3%, 5 passes -4.2%, so the default head of 6 passes aims at about 5%).
# Writes a TSV (verdict, head/base change, whether "faster" was claimed, launches, wall time of the whole `dotnet test`) and
# prints the counts; tests/benchmarks/ab-launch-spread.py WORK/r*-0 shows the launches' spread.
#
#   tests/benchmarks/ab-build-gate.sh --summary RUNS.tsv
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ab-common.sh"
if [ "${1:-}" = --summary ]; then summary "$2"; exit 0; fi

repo=$(cd "$here/../.." && pwd)
runs=${1:-20}; passes=${2:-"0 6"}; size=${3:-0}; neighbour_kind=${4:-build}
work=$(mktemp -d /tmp/perfgate-ab-gate.XXXX)
echo "$(machine_line "$repo"); work in $work" >&2

packed_user_repo "$repo" "$here" "$work"
user="$work/user"

for p in $passes; do
  clone="$work/user-$p"
  git clone -q "$user" "$clone"
  git -C "$clone" checkout -q -b "head-$p"
  if [ "$p" -gt 0 ]; then
    sed -i "s/public const int ExtraPasses = 0;/public const int ExtraPasses = $p;/" "$clone/Model.cs"
    git -C "$clone" -c user.name=bench -c user.email=bench@perfgate.invalid commit -q -am "head: $p extra elementwise pass(es) over the first ReLU's output"
  else
    git -C "$clone" -c user.name=bench -c user.email=bench@perfgate.invalid commit -q --allow-empty -m "head: no change (A/A)"
  fi
  dotnet build "$clone/BenchUser.csproj" -c Release -nologo -v:q >/dev/null
done

if [ "$neighbour_kind" = xz ]; then start_memory_neighbour; else start_neighbour "$repo" "$work"; fi

gate() { # passes out seconds
  local report="$work/user-$1/obj/Release/net10.0/perfgate/report.json" code=0
  rm -f "$report" "$(dirname "$report")"/results/*.against-base.json
  (cd "$work/user-$1" && env -u CI dotnet test -c Release -nologo "-p:PerfGateAgainst=main" "-p:PerfGateBaseCache=$work/cache-$1" \
    ${3:+"-p:PerfGateMaxSeconds=$3"}) >"$2.txt" 2>&1 || code=$?
  mkdir -p "$2"; cp "$report" "$2/report.json" 2>/dev/null || true
  cp "$(dirname "$report")"/results/*.against-base.json "$2/" 2>/dev/null || true # for ab-launch-spread.py
  # The build's own verdict: FAIL fails it; INCONCLUSIVE is a warning (PerfGateStrict=false), read from the report.
  if [ "$code" != 0 ]; then grep -q 'error PG1002' "$2.txt" && echo FAIL || echo "ERROR($code)"
  elif grep -q 'warning PG1003' "$2.txt"; then echo INCONCLUSIVE
  else echo PASS; fi
}

if [ "$size" != 0 ]; then
  for p in $passes; do
    out="$work/size-$p"; v=$(gate "$p" "$out" "$size")
    echo "size of passes=$p with PerfGateMaxSeconds=$size: $v, head ÷ base $(field "$out/report.json" delta) over $(field "$out/report.json" launches) launches" >&2
  done
fi

series "$runs" "$passes" gate
