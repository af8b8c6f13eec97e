#!/usr/bin/env bash
# The stored-baseline verdict (the mission's own mechanism) on a user's project from the packages, approved as printed on a
# quiet machine and then checked beside a memory-bound neighbour: its suspicions measured side by side against the commit
# the baseline was approved at.
#
#   tests/benchmarks/stored-confirmation.sh [runs=5] [conditions="aa passes-30 wait-10"] [neighbour=xz] [order=quiet-first]
#
# PerfGate is packed from a clone of this repository's HEAD into a local feed; a user repository is made from
# tests/benchmarks/build-gate-user (PerfGateMaxSeconds 30, the gate's defaults). On a quiet machine its `main` runs
# `dotnet test -c Release` (NEW), then the printed approve (`dotnet build -c Release -t:PerfGate -p:PerfGateApprove=true`),
# and the approved baselines are committed. Each condition is a clone with one more commit: aa (empty: unchanged code),
# passes-N (UserCnn.ExtraPasses = N, extra elementwise passes, no layer added), wait-P (each pass blocks for P% of its compute
# time, usleep: no CPU), creep (three commits of 2, 4 and 6 extra passes: pull requests each small against its own base),
# creep-pr (the same clone gated A/B against HEAD~1, the last pull request alone), creep-new (the creep, then the throughput
# baselines removed: a CPU class with none, measured against the commit its counts were approved at); any condition with -ab
# appended (wait-10-ab) is gated A/B against HEAD~1 instead of the stored baselines. Then, beside the neighbour (xz -9 compressing random data: memory-bound; or "none"), every run is
# what CI runs on a push: `dotnet test -c Release`. With order=busy-first the reverse: approved beside the neighbour, checked
# on the quiet machine. Prints per run the verdict, whether the stored comparison suspected a
# change and it was measured side by side, the stored and the side-by-side change, and the wall time; then the counts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ab-common.sh"
repo=$(cd "$here/../.." && pwd)
runs=${1:-5}; conditions=${2:-"aa passes-30 wait-10"}; neighbour=${3:-xz}; order=${4:-quiet-first}
work=$(mktemp -d /tmp/perfgate-stored.XXXX)
echo "$(machine_line "$repo"); neighbour: $neighbour, $order; work in $work" >&2
neighbour_on() { [ "$neighbour" != xz ] || start_memory_neighbour; }

packed_user_repo "$repo" "$here" "$work"
user="$work/user"
commit() { bench_commit "$@"; }

# Approved as printed, on a quiet machine (busy-first: beside the neighbour).
[ "$order" = busy-first ] && neighbour_on
start=$(date +%s)
(cd "$user" && env -u CI dotnet test -c Release -nologo >"$work/first.txt" 2>&1) || true
(cd "$user" && env -u CI dotnet build -c Release -t:PerfGate -p:PerfGateApprove=true -nologo >"$work/approve.txt" 2>&1)
git -C "$user" add -A baselines
commit "$user" -m "approve user-cnn's baselines"
stop_memory_neighbour
echo "approved ($order) at $(git -C "$user" rev-parse --short HEAD) in $(( $(date +%s) - start )) s" >&2

for c in $conditions; do
  clone="$work/user-$c"
  git clone -q "$user" "$clone"
  case ${c%-ab} in
    aa) commit "$clone" --allow-empty -m "no change" ;;
    passes-*) n=${c#passes-}; sed -i "s/public const int ExtraPasses = 0;/public const int ExtraPasses = ${n%-ab};/" "$clone/Model.cs"; commit "$clone" -am "$c" ;;
    wait-*) n=${c#wait-}; sed -i "s/public const int WaitPercent = 0;/public const int WaitPercent = ${n%-ab};/" "$clone/Model.cs"; commit "$clone" -am "$c" ;;
    creep*) # three pull requests of two extra passes each, every one small against its own base
      for n in 2 4 6; do
        sed -i "s/public const int ExtraPasses = [0-9]*;/public const int ExtraPasses = $n;/" "$clone/Model.cs"
        commit "$clone" -am "pull request: $n extra passes"
      done
      if [ "$c" = creep-new ]; then # a runner of a CPU class with no throughput baseline: only the counts are approved
        git -C "$clone" rm -q "$clone"/baselines/*/cpu-*.verified.json; commit "$clone" -m "a runner of another class"
      fi ;;
  esac
  dotnet build "$clone/BenchUser.csproj" -c Release -nologo -v:q >/dev/null
done

[ "$order" = busy-first ] || neighbour_on

report_field() { python3 -c "
import json, re, sys
d = json.load(open(sys.argv[1])); fs = [f for m in d['models'] for f in m['findings']]
side = [f for f in fs if 'Measured side by side against' in (f['message'] or '')]
said = re.search(r'(?:suspected|comparison read) (.+?)(?:, and a change|\.(?:\s|$))', side[0]['message']) if side else None
stored = said.group(1) if said else ''
pooled = next((f for f in fs if f['metric'] == 'throughput against base, all batches'), None)
own = next((f for f in fs if f['metric'].endswith('own time')), None)
batch = [f for f in fs if f.get('batch') is not None and f['code'] in ('PG1002', 'PG1003', 'PG1005', 'PG1000')]
if sys.argv[2] == 'confirmed': print('yes' if side else 'no')
elif sys.argv[2] == 'improved': print('yes' if any(f['code'] == 'PG1005' for f in fs) else 'no')
elif sys.argv[2] == 'stored': print(stored or ' '.join('b%s %+.1f%%' % (f['batch'], 100 * f['delta']) for f in batch if f['delta'] is not None))
elif sys.argv[2] == 'paired': print('' if pooled is None else '%+.1f%%' % (100 * pooled['delta']) + ('' if own is None else ', own time %+.1f%%' % (100 * own['delta'])))
elif sys.argv[2] == 'ci': # the pooled side-by-side 95% CI: with the threshold, the smallest slowdown this run could see
    ci = re.search(r'95% CI (\S+) … (\S+)', pooled['message']) if pooled else None
    print('%s … %s' % ci.groups() if ci else '')
" "$@" 2>/dev/null || true; }

printf 'run\tcondition\tverdict\tconfirmed\tstored\tside-by-side\tseconds\t95%% CI\n' | tee "$work/runs.tsv" >&2
for r in $(seq 1 "$runs"); do
  for c in $conditions; do
    clone="$work/user-$c"; out="$work/r$r-$c"; report="$clone/obj/Release/net10.0/perfgate/report.json"
    # A run after a pass with nothing changed is "up to date" and measures nothing: every run here measures.
    rm -f "$report" "$clone/obj/Release/net10.0/perfgate/gate.passed"; start=$(date +%s); code=0
    # creep-pr: the last pull request of the creep gated against its own base, as A/B in CI would see it.
    # A condition ending in -ab: its head gated A/B against HEAD~1 (the approved model) instead of the stored baselines.
    extra=(); [[ $c != creep-pr && $c != *-ab ]] || extra=("-p:PerfGateAgainst=HEAD~1")
    (cd "$clone" && env -u CI dotnet test -c Release -nologo "-p:PerfGateBaseCache=$work/cache" "${extra[@]}" -v:n >"$out.txt" 2>&1) || code=$?
    cp "$report" "$out.json" 2>/dev/null || true
    if [ "$code" != 0 ]; then grep -q 'error PG1002' "$out.txt" && v=FAIL || v="ERROR($code)"
    elif grep -q 'warning PG1003' "$out.txt"; then v=INCONCLUSIVE
    elif [ "$(report_field "$out.json" improved)" = yes ]; then v=IMPROVED # a PG1005 finding (a message may only name the code)
    else v=PASS; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$c" "$v" "$(report_field "$out.json" confirmed)" "$(report_field "$out.json" stored)" \
      "$(report_field "$out.json" paired)" "$(( $(date +%s) - start ))" "$(report_field "$out.json" ci)" | tee -a "$work/runs.tsv" >&2
  done
done
echo "condition  runs  FAIL  PASS  INCONCLUSIVE  IMPROVED  confirmed  wall s (median / max)"
for c in $conditions; do
  wall=$(awk -F'\t' -v c="$c" '$2==c {print $7}' "$work/runs.tsv" | sort -n | awk '{d[NR]=$1} END {printf "%d / %d", d[int((NR+1)/2)], d[NR]}')
  awk -F'\t' -v c="$c" -v wall="$wall" '$2==c {n++; v[$3]++; if ($4=="yes") k++} END {printf "%-9s  %4d  %4d  %4d  %12d  %8d  %9d  %s\n", c, n, v["FAIL"], v["PASS"], v["INCONCLUSIVE"], v["IMPROVED"], k, wall}' "$work/runs.tsv"
done
