using PerfGate.Core.Measurements;

namespace PerfGate.Core.Against;

/// <summary>
/// One side of an A/B measurement, as the controller drives it: a measuring process on one build (or, in tests, a fake). The
/// controller alone decides what runs when; a side only runs what it is told, so that only one side runs at any moment.
/// </summary>
internal interface IMeasuringSide : IDisposable
{
    /// <summary>"base" or "head", for messages.</summary>
    string Name { get; }

    SideHello Hello { get; }

    /// <summary>Builds the model and counts it (one batch-1 forward pass); the result has no batches.</summary>
    SidePrepared Prepare(string model);

    /// <summary>Warms the model at this batch size, then times one forward pass and one calibration call.</summary>
    SidePilot Pilot(string model, int batch);

    /// <summary>One turn of a round: <paramref name="modelCalls"/> timed forward passes, then <paramref name="calibrationCalls"/>
    /// calibration calls.</summary>
    RoundTiming Turn(string model, int batch, int modelCalls, int calibrationCalls);

    /// <summary>One forward pass timed layer by layer (apart from the turns); null from a side that cannot profile.</summary>
    ProfileRound? Profile(string model, int batch) => null;
}

/// <summary>What a side tells the controller when it starts: its protocol, PerfGate version, device class, build, and the models it
/// knows.</summary>
internal sealed record SideHello(
    int Protocol,
    string PerfGateVersion,
    string DeviceClass,
    BuildInfo Build,
    IReadOnlyList<string> Declared,
    IReadOnlyList<string> BuiltIn
);

/// <summary>A model ready on a side: its counted metrics (a measurement without batches), its default batch sizes, its calibration
/// kernel's FLOPs per call.</summary>
internal sealed record SidePrepared(MeasurementResult Counted, IReadOnlyList<int> DefaultBatches, double CalibrationFlopsPerCall);

/// <summary>One warm forward pass and one calibration call, timed: sizes the iterations.</summary>
/// <param name="PeakMemoryBytes">On the CPU, the peak rise of the process's resident memory over the pilot's first pass, its memory
/// pass (<see cref="Measurements.MeasuredMemory.CpuPeakRise"/>); null elsewhere, or from an older side.</param>
internal sealed record SidePilot(double ModelSeconds, double CalibrationSeconds, long? PeakMemoryBytes = null);

/// <summary>How a side's process is started: the user's assembly to discover workloads in, device, threads, and (benchmarking the gate
/// only) an injected slowdown.</summary>
internal sealed record SideSettings(string? Assembly, string Device, int Threads, double InjectedSlowdown = 0);
