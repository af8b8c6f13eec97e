# Shared by the A/B benchmarks (ab-real-regression.sh, ab-build-gate.sh): the neighbour, reading a report, the summary.
# Source it; it defines functions only.

# The machine line every benchmark prints first.
machine_line() {
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs) model $(grep -m1 '^model\s' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; commit $(git -C "$1" rev-parse --short HEAD)"
}

# start_neighbour REPO WORK: for the whole run, a loop of clean Debug builds of src/PerfGate.Reports in a clone of REPO, as
# another job on a shared 2-core runner; counts its builds in WORK/neighbour-builds and is stopped when the script exits.
start_neighbour() {
  git clone -q "$1" "$2/neighbour"
  (
    n=0
    while :; do
      dotnet build "$2/neighbour/src/PerfGate.Reports" -c Debug --no-incremental -nologo -v:q -o "$2/neighbour-out" >/dev/null 2>&1 || true
      n=$((n + 1)); echo "$n" >"$2/neighbour-builds"
    done
  ) &
  neighbour=$!
  trap 'kill "$neighbour" 2>/dev/null || true' EXIT
}

# start_memory_neighbour: for the whole run, xz -9 compressing random data in a loop (memory-bound, one core), stopped when
# the script exits; stop_memory_neighbour stops it earlier.
start_memory_neighbour() {
  (while :; do head -c 400M /dev/urandom | xz -9 -T1 >/dev/null; done) &
  memory_neighbour=$!
  trap 'pkill -P "$memory_neighbour" 2>/dev/null; kill "$memory_neighbour" 2>/dev/null || true' EXIT
}
stop_memory_neighbour() {
  [ -z "${memory_neighbour:-}" ] || { pkill -P "$memory_neighbour" 2>/dev/null; kill "$memory_neighbour" 2>/dev/null || true; memory_neighbour=; }
}

# field REPORT delta|faster|launches|batches: the pooled A/B finding's change, whether any finding claimed "faster" (PG1005),
# how many launches the pooled figure came from, and each batch size's change as the pooled message gives it.
field() { python3 -c "
import json, re, sys
d = json.load(open(sys.argv[1])); fs = [f for m in d['models'] for f in m['findings']]
pooled = next((f for f in fs if f['metric'] == 'throughput against base, all batches'), None)
if sys.argv[2] == 'delta': print('' if pooled is None or pooled['delta'] is None else pooled['delta'])
elif sys.argv[2] == 'faster': print('yes' if any(f['code'] == 'PG1005' for f in fs) else 'no')
elif sys.argv[2] == 'batches': print(' '.join('b%s %s%%' % m for m in re.findall(r'batch (\d+) ([+-]\d+\.\d)%', pooled['message'] if pooled else '')))
else: m = re.search(r'over (\d+) launches', pooled['message'] if pooled else ''); print(m.group(1) if m else '')
" "$@" 2>/dev/null || true; }

# verdict EXIT-CODE: perfgate check's exit code as a verdict.
verdict() { case $1 in 0) echo PASS;; 1) echo FAIL;; 3) echo INCONCLUSIVE;; *) echo "ERROR($1)";; esac; }

# series RUNS "CONDITIONS" RUN: round after round, `RUN CONDITION OUT` for every condition in turn (it leaves OUT/report.json
# and prints the verdict); one row per run in $work/runs.tsv (verdict, the pooled change, whether "faster" was claimed,
# launches, wall time), then the neighbour's count and the summary.
series() {
  printf 'run\tpasses\tverdict\tdelta\tfaster\tlaunches\tseconds\tbatches\n' >"$work/runs.tsv"
  local r p out start v
  for r in $(seq 1 "$1"); do
    for p in $2; do
      out="$work/r$r-$p"; start=$(date +%s)
      v=$("$3" "$p" "$out")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$p" "$v" "$(field "$out/report.json" delta)" "$(field "$out/report.json" faster)" \
        "$(field "$out/report.json" launches)" "$(( $(date +%s) - start ))" "$(field "$out/report.json" batches)" | tee -a "$work/runs.tsv" >&2
    done
  done
  echo "neighbour: $(cat "$work/neighbour-builds" 2>/dev/null || echo 0) clean builds ran beside the checks" >&2
  summary "$work/runs.tsv"
}

# summary RUNS.tsv: per condition (column 2), the verdicts, the "faster" claims, the change, launches and wall time.
summary() {
  echo "condition  runs  FAIL  PASS  INCONCLUSIVE  faster-claimed  change: median (range)  launches: median  wall s: median / max"
  for p in $(tail -n +2 "$1" | cut -f2 | awk '!seen[$0]++'); do
    awk -F'\t' -v p="$p" '$2==p' "$1" >"$1.$p"
    n=$(wc -l <"$1.$p")
    count() { awk -F'\t' -v v="$1" '$3==v' "$2" | wc -l; }
    faster=$(awk -F'\t' '$5=="yes"' "$1.$p" | wc -l)
    change=$(cut -f4 "$1.$p" | grep -v '^$' | sort -g | awk '{d[NR]=100*$1} END {if (NR) printf "%+.1f%% (%+.1f%% … %+.1f%%)", d[int((NR+1)/2)], d[1], d[NR]}')
    launches=$(cut -f6 "$1.$p" | sort -g | awk '{d[NR]=$1} END {print d[int((NR+1)/2)]}')
    wall=$(cut -f7 "$1.$p" | sort -g | awk '{d[NR]=$1} END {printf "%d / %d", d[int((NR+1)/2)], d[NR]}')
    printf '%-9s  %4d  %4d  %4d  %12d  %14d  %s  %s  %s\n' "$p" "$n" "$(count FAIL "$1.$p")" "$(count PASS "$1.$p")" "$(count INCONCLUSIVE "$1.$p")" "$faster" "$change" "$launches" "$wall"
    rm -f "$1.$p"
  done
}

# packed_user_repo REPO HERE WORK: PerfGate packed from a clone of REPO's HEAD into WORK/feed, and a user repository at
# WORK/user made from HERE/build-gate-user (its packages from that feed), committed on main as "a user's model".
packed_user_repo() {
  git clone -q "$1" "$3/perfgate"
  local version="0.0.1-bench.$(date +%Y%m%d%H%M%S)" project user="$3/user"
  for project in PerfGate.Core PerfGate.Torch PerfGate.Tasks PerfGate.Tool; do
    dotnet pack "$3/perfgate/src/$project/$project.csproj" -c Release -o "$3/feed" "-p:MinVerVersionOverride=$version" -nologo -v:q >/dev/null
  done
  mkdir -p "$user/baselines"
  cp "$2/build-gate-user/"*.cs "$user/"
  sed "s/\$(PerfGatePackageVersion)/$version/" "$2/build-gate-user/BenchUser.csproj" >"$user/BenchUser.csproj"
  printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="perfgate-local" value="%s" />\n  </packageSources>\n</configuration>\n' "$3/feed" >"$user/nuget.config"
  printf 'bin/\nobj/\n*.received.json\n' >"$user/.gitignore"
  git -C "$user" init -q -b main
  git -C "$user" add -A
  bench_commit "$user" -m "a user's model"
}

# bench_commit REPO ARGS...: git commit in REPO as the benchmark's user.
bench_commit() { git -C "$1" -c user.name=bench -c user.email=bench@perfgate.invalid commit -q "${@:2}"; }
