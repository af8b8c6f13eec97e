using PerfGate.Core;
using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Torch.Measuring;
using PerfGate.Torch.Workloads;

namespace PerfGate.Torch.Gate;

/// <summary>
/// `perfgate check` on TorchSharp: validates the request, finds the user's workloads, picks the models, probes the host once,
/// and runs each model through one <see cref="GateRun"/>. Returns every model's final measurement and verdict; writing the
/// reports and rendering are the host's.
/// </summary>
internal static class TorchGate
{
    public static IReadOnlyList<ModelOutcome> Check(
        CheckRequest request,
        string perfGateVersion,
        string? commit,
        Action<string>? progress = null
    )
    {
        var (gate, models, options) = Prepare(GateSetup.Load(request), perfGateVersion, commit, progress);
        return models.Select(model => CheckOne(gate, model, options, alone: models.Count == 1)).ToArray();
    }

    /// <summary>
    /// One model through the gate. A model that fails (PG0004: it threw, or libtorch did) is an error when it is gated alone; among
    /// several it becomes its outcome, so that the others are still gated and reported and the failure is never hidden.
    /// </summary>
    private static ModelOutcome CheckOne(GateRun gate, string model, GateOptions options, bool alone)
    {
        try
        {
            return gate.Check(model, options);
        }
        catch (PerfGateException e) when (e.Code == FindingCodes.ModelFailed && !alone)
        {
            return ModelOutcome.Failed(gate.Paths, model, gate.DeviceClass, e);
        }
    }

    /// <summary>`perfgate approve --runs N`: measures each model N times and writes the merged received baselines.</summary>
    public static IReadOnlyList<string> Snapshot(
        CheckRequest request,
        int runs,
        string perfGateVersion,
        string? commit,
        Action<string>? progress = null
    )
    {
        var (gate, models, options) = Prepare(GateSetup.Load(request, runs), perfGateVersion, commit, progress);
        foreach (var model in models)
            gate.Snapshot(model, options, progress);
        return models;
    }

    /// <summary>Everything live measuring needs beside the setup, checked before anything is measured: workloads, models, host.</summary>
    private static (GateRun Gate, IReadOnlyList<string> Models, GateOptions Options) Prepare(
        GateSetup setup,
        string perfGateVersion,
        string? commit,
        Action<string>? progress
    )
    {
        var request = setup.Request;
        var discovered = request.Assembly is { } dll ? WorkloadDiscovery.FromAssembly(dll) : [];
        setup.Tolerances.CheckModelsExist(discovered.Concat(BuiltInWorkloads.All).Select(w => w.Name).ToHashSet());
        var models = request.SelectModels(discovered.Select(w => w.Name).ToArray(), BuiltInWorkloads.All.Select(w => w.Name).ToArray());
        foreach (var model in models)
            BuiltInWorkloads.Find(model, discovered); // an unknown name stops here, before anything is measured
        var machine = MeasuringMachine.Probe(request.Device, request.Threads, discovered.FirstOrDefault()?.Assembly);
        var measurer = new TorchMeasurer(discovered, machine, request.Threads, request.InjectedSlowdown, progress);
        return (new GateRun(setup.Paths, setup.Tolerances, measurer, perfGateVersion, commit), models, setup.Options);
    }
}
