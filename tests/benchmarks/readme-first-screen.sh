#!/usr/bin/env bash
# Follows the README's first screen as a new user would, on a fresh repository outside this one, from a local folder feed of
# freshly packed packages: pack, nuget.config with the feed, `dotnet new xunit`, the packages with --prerelease, a workload,
# `dotnet test -c Release`, the printed approve, the .gitignore line, and a second `dotnet test -c Release`.
# Prints a transcript (every command and its output's last lines). Usage: tests/benchmarks/readme-first-screen.sh [WORKDIR]
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d /tmp/perfgate-first-screen.XXXXXX)}
feed=$work/perfgate-feed
mkdir -p "$work"
step() { echo; echo "\$ $*"; "$@" > "$work/last.log" 2>&1; local code=$?; tail -n "${TAIL:-12}" "$work/last.log"; echo "[exit $code]"; return 0; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; dotnet $(dotnet --version); $(date -u +%FT%TZ)"
# A version of its own (as the README's pack would have after a new commit): the NuGet cache keeps packages by version, and
# a second run at the same commit would otherwise restore the first run's packages.
TAIL=2 step dotnet pack "$repo/PerfGate.sln" -c Release -o "$feed" "-p:MinVerVersionOverride=0.2.0-firstscreen.$(date +%s)"
mkdir -p "$work/my-repo" && cd "$work/my-repo" && git init -q
TAIL=1 step dotnet new nugetconfig
TAIL=1 step dotnet nuget add source "$feed" -n perfgate
mkdir -p tests/MyModels && cd tests/MyModels
TAIL=1 step dotnet new xunit -n MyModels -o .
TAIL=2 step dotnet add package PerfGate --prerelease
TAIL=2 step dotnet add package PerfGate.Torch --prerelease
TAIL=2 step dotnet add package TorchSharp-cpu --version 0.107.0
# "turn the gate on in the project file"
sed -i '0,/<\/PropertyGroup>/s##  <PerfGateEnabled>true</PerfGateEnabled>\n  </PropertyGroup>#' MyModels.csproj
cat > MyCnn.cs <<'CS'
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public sealed class MyCnn : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> conv = Conv2d(3, 16, 3, padding: 1);
    private readonly Module<Tensor, Tensor> relu = ReLU();
    private readonly Module<Tensor, Tensor> pool = AdaptiveAvgPool2d(4);
    private readonly Module<Tensor, Tensor> flatten = Flatten();
    private readonly Module<Tensor, Tensor> fc = Linear(16 * 4 * 4, 10);

    public MyCnn() : base(nameof(MyCnn)) => RegisterComponents();

    public override Tensor forward(Tensor x) => fc.call(flatten.call(pool.call(relu.call(conv.call(x)))));
}

public sealed class MyCnnWorkload : PerfGate.Torch.Workloads.IPerfGateWorkload
{
    public string Name => "my-cnn";
    public long[] InputShape => [3, 64, 64];
    public int[] Batches => [1, 8];
    public TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> Create() => new MyCnn();
}
CS
TAIL=14 step dotnet test -c Release
approve=$(grep -Eo 'dotnet build .*PerfGateApprove=true' "$work/last.log" | head -1)
echo "(the printed approve command: ${approve:-none found})"
[ -n "$approve" ] && TAIL=8 step bash -c "$approve"
echo '*.received.*' >> ../../.gitignore
echo; echo '$ git status --short --untracked-files=all | grep -c received   # candidates left out of git'
(cd ../.. && git status --short --untracked-files=all | grep -c received)
echo '$ git ls-files --others --exclude-standard -- "*.verified.json"   # what to commit'
(cd ../.. && git ls-files --others --exclude-standard -- "*.verified.json")
TAIL=6 step dotnet test -c Release
echo; echo "workdir: $work"
