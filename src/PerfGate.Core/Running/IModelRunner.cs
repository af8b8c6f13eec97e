using PerfGate.Core.Flops;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Slope;

namespace PerfGate.Core.Running;

/// <summary>
/// Everything a command needs that runs a model. Two implementations: in this process on TorchSharp (the repository's own
/// command line and the measuring host), and <c>HostRunner</c>, which builds the user's project and asks PerfGate.Host on
/// that build output (the installed tool, which carries no TorchSharp). Commands parse, make one call, and render.
/// </summary>
internal interface IModelRunner
{
    /// <summary>The assembly whose workloads are found when a command names none (the user's build), or null (built-ins only).</summary>
    string? DefaultAssembly { get; }

    IReadOnlyList<ModelInfo> Models(string? assembly);

    FlopReport Flops(string model, string? assembly, int batch);

    MeasurementResult Measure(string model, string? assembly, MeasurePlan plan, SamplerSettings settings, Action<string> progress);

    IReadOnlyList<ModelOutcome> Check(CheckRequest request, Action<string> progress);

    /// <summary>`approve --runs N`: measures each selected model N times and writes the merged received baselines; returns the
    /// models.</summary>
    IReadOnlyList<string> Snapshot(CheckRequest request, int runs, Action<string> progress);

    SlopeReport Slope(int batch, int threads, string device, double seconds, Action<string> progress);

    OverheadAnswer Overhead(OverheadCall call, Action<string> progress);
}

/// <summary>One row of `perfgate models`.</summary>
internal sealed record ModelInfo(string Name, string Source, string Input, string Batches, string Description);

/// <summary>What `perfgate overhead` compares: FLOP counting, the measuring harness, or autograd recording.</summary>
internal enum OverheadKind
{
    Counting,
    Harness,
    Inference,
    Profiling,
}

internal sealed record OverheadCall(string Model, string? Assembly, int Batch, int Rounds, int Threads, string Device, OverheadKind Kind);

/// <summary>The probe's result as its JSON document (what --json prints) and its one line for humans.</summary>
internal sealed record OverheadAnswer(System.Text.Json.JsonElement Result, string Text);
