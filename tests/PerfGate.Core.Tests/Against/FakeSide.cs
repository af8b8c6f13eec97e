using PerfGate.Core.Against;
using PerfGate.Core.Flops;
using PerfGate.Core.Measurements;
using PerfGate.Core.Tests.Measurements;

namespace PerfGate.Core.Tests.Against;

/// <summary>
/// A side that takes no time: a forward pass of one image costs <paramref name="secondsPerImage"/> (± <paramref name="noise"/>,
/// uniform, drawn from <paramref name="seed"/>), the calibration call 20 ms. Records every command it gets, in order, in <paramref
/// name="log"/>.
/// With <paramref name="layerSeconds"/> it answers profile rounds too: those layer times per image (same noise) and
/// <paramref name="outsideSeconds"/> per image outside them; without, it cannot profile (as a side of protocol 1). With
/// <paramref name="memoryPerImage"/> its pilots report that peak memory per image. With <paramref name="caches"/> a turn that does
/// not follow this side's own work costs more, as on a machine whose caches hold the last process's data.
/// </summary>
internal sealed class FakeSide(
    string name,
    double secondsPerImage,
    List<string> log,
    double noise = 0.005,
    int seed = 1,
    LayerCount[]? layers = null,
    string[]? models = null,
    IReadOnlyDictionary<string, double>? layerSeconds = null,
    double outsideSeconds = 0,
    long? memoryPerImage = null,
    SharedCaches? caches = null
) : IMeasuringSide
{
    private readonly Random _rng = new(seed);

    public string Name => name;

    public SideHello Hello { get; } = new(0, "0.2.0", SyntheticResults.Cpu.Class, SyntheticResults.Release, [], models ?? ["tiny"]);

    public SidePrepared Prepare(string model)
    {
        Log($"{name} prepare {model}");
        var counted = SyntheticResults.Noisy(100, model: model, layers: layers) with { Batches = [] };
        return new SidePrepared(counted, [1, 8], 1e9);
    }

    public SidePilot Pilot(string model, int batch)
    {
        Log($"{name} pilot {batch}");
        caches?.Run(name, batch);
        return new SidePilot(secondsPerImage * batch, 0.02, memoryPerImage * batch);
    }

    public RoundTiming Turn(string model, int batch, int modelCalls, int calibrationCalls)
    {
        Log($"{name} turn {batch} {modelCalls}");
        return new RoundTiming(
            modelCalls,
            modelCalls * batch * secondsPerImage * (1 + noise * (2 * _rng.NextDouble() - 1)) * (caches?.Run(name, batch) ?? 1),
            calibrationCalls,
            calibrationCalls * 0.02
        );
    }

    public ProfileRound? Profile(string model, int batch)
    {
        if (layerSeconds is null)
            return null;
        Log($"{name} profile {batch}");
        var times = layerSeconds.ToDictionary(l => l.Key, l => l.Value * batch * (1 + noise * (2 * _rng.NextDouble() - 1)));
        return new ProfileRound(times.Values.Sum() + outsideSeconds * batch, times);
    }

    /// <summary>Both sides prepare at the same time (Concurrently): one log, written under its lock.</summary>
    private void Log(string line)
    {
        lock (log)
            log.Add(line);
    }

    public void Dispose() => Log($"{name} disposed");
}

/// <summary>The caches both sides' processes share: work that follows another side's costs <paramref name="coldCost"/> more (its
/// data evicted), work that follows the same side's own costs nothing extra; work at a batch size that follows work at another
/// (by either side) costs <paramref name="switchCost"/> more.</summary>
internal sealed class SharedCaches(double coldCost, double switchCost = 0)
{
    private string? _last;
    private int? _lastBatch;

    /// <summary>The cost factor of <paramref name="side"/>'s work at <paramref name="batch"/> now; it is then the last to have
    /// run.</summary>
    public double Run(string side, int batch)
    {
        var factor = (_last == side ? 1 : 1 + coldCost) * (_lastBatch is null || _lastBatch == batch ? 1 : 1 + switchCost);
        (_last, _lastBatch) = (side, batch);
        return factor;
    }
}
