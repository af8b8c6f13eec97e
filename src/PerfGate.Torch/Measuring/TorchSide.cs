using PerfGate.Core;
using PerfGate.Core.Against;
using PerfGate.Core.Measurements;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Workloads;
using TorchSharp;
using static TorchSharp.torch;

namespace PerfGate.Torch.Measuring;

/// <summary>
/// One side of an A/B measurement inside its measuring process (`PerfGate.Host.dll serve`): the host is probed once, the
/// model built and counted once, an input kept per batch size, and every timed call goes through <see cref="ForwardTimer.Once"/>
/// (inference mode, synchronized) and the calibration GEMM, exactly as `perfgate measure` times them. It runs only what the
/// controller asks for.
/// </summary>
internal sealed class TorchSide : IMeasuringSide
{
    private readonly IReadOnlyList<Workload> _discovered;
    private readonly MeasuringMachine _machine;
    private readonly double _slowdown;
    private readonly CalibrationKernel _calibration;
    private readonly Dictionary<int, Tensor> _inputs = [];
    private (string Name, Workload Workload, nn.Module<Tensor, Tensor> Model)? _current;

    /// <summary>One CPU thread, the measuring one, does all of a pass's work here, so its CPU time measures the pass without a neighbour's
    /// share of the wall clock.</summary>
    private readonly bool _countsCpuTime;

    private TorchSide(string name, IReadOnlyList<Workload> discovered, MeasuringMachine machine, double slowdown, string perfGateVersion)
    {
        Name = name;
        _discovered = discovered;
        _machine = machine;
        _slowdown = slowdown;
        _calibration = new CalibrationKernel(machine.Device);
        _countsCpuTime = machine.Device.type == DeviceType.CPU && machine.Fingerprint.Threads == 1 && ThreadCpuClock.IsAvailable;
        Hello = new SideHello(
            0, // the host's loop says the protocol it speaks
            perfGateVersion,
            machine.Fingerprint.Class,
            machine.Build,
            discovered.Select(w => w.Name).ToArray(),
            BuiltInWorkloads.All.Select(w => w.Name).ToArray()
        );
    }

    public string Name { get; }

    public SideHello Hello { get; }

    public static TorchSide Start(SideSettings settings, string perfGateVersion)
    {
        var discovered = settings.Assembly is { } assembly ? WorkloadDiscovery.FromAssembly(assembly) : [];
        var machine = MeasuringMachine.Probe(settings.Device, settings.Threads, discovered.FirstOrDefault()?.Assembly);
        return new TorchSide("this side", discovered, machine, settings.InjectedSlowdown, perfGateVersion);
    }

    public SidePrepared Prepare(string model) => Guard(model, () =>
        {
            Release();
            var workload = InjectedSlowdown.Wrap(BuiltInWorkloads.Find(model, _discovered), _slowdown);
            var module = workload.Create();
            module.to(_machine.Device).eval();
            _current = (model, workload, module);
            using var one = workload.Input(1, _machine.Device);
            var counted = workload.Counter().Count(model, module, one);
            var result = new MeasurementResult(
                MeasurementResult.CurrentSchemaVersion,
                model,
                _machine.Fingerprint,
                counted.Totals.Flops,
                counted.Totals.OtherFlops,
                counted.Totals.Params,
                counted.Layers,
                _calibration.Name,
                [],
                null,
                _machine.Build
            );
            return new SidePrepared(result, workload.Batches ?? MeasurePlan.DefaultBatches, _calibration.FlopsPerCall);
        });

    public SidePilot Pilot(string model, int batch) => Guard(model, () =>
        {
            var (model1, input) = (Current(model), Input(batch));
            var memory = ResidentMemory.PeakOf(_machine.Device, () => ForwardTimer.Once(model1, input));
            for (var i = 0; i < 2; i++)
            {
                ForwardTimer.Once(model1, input);
                _calibration.RunOnce();
            }
            return new SidePilot(
                InterleavedSampler.Time(() => ForwardTimer.Once(model1, input), 1),
                InterleavedSampler.Time(_calibration.RunOnce, 1),
                memory
            );
        });

    public RoundTiming Turn(string model, int batch, int modelCalls, int calibrationCalls) => Guard(model, () =>
        {
            var (module, input) = (Current(model), Input(batch));
            var delayStart = _countsCpuTime ? ThreadRunDelay.Seconds() : null;
            var cpuStart = _countsCpuTime ? ThreadCpuClock.Seconds() : null;
            var modelSeconds = InterleavedSampler.Time(() => ForwardTimer.Once(module, input), modelCalls);
            var cpuSeconds = cpuStart is null ? null : ThreadCpuClock.Seconds() - cpuStart;
            var delaySeconds = delayStart is null || cpuSeconds is null ? null : ThreadRunDelay.Seconds() - delayStart;
            return new RoundTiming(
                modelCalls,
                modelSeconds,
                calibrationCalls,
                InterleavedSampler.Time(_calibration.RunOnce, calibrationCalls)
            )
            {
                ModelCpuSeconds = cpuSeconds,
                ModelRunDelaySeconds = delaySeconds,
            };
        });

    public ProfileRound? Profile(string model, int batch) => Guard(model, () => LayerTimer.Round(Current(model), Input(batch)));

    private nn.Module<Tensor, Tensor> Current(string model) =>
        _current is { } c && c.Name == model
            ? c.Model
            : throw new PerfGateException(ErrorCodes.BadOption, $"'{model}' was not prepared on this side.");

    private Tensor Input(int batch)
    {
        if (batch <= 0)
            throw new PerfGateException(ErrorCodes.BadOption, $"batch {batch} is not a positive batch size.");
        if (!_inputs.TryGetValue(batch, out var input))
            _inputs[batch] = input = _current!.Value.Workload.Input(batch, _machine.Device);
        return input;
    }

    private static T Guard<T>(string model, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is not PerfGateException and not OutOfMemoryException)
        {
            throw PerfGateException.ModelFailed(model, e);
        }
    }

    private void Release()
    {
        foreach (var input in _inputs.Values)
            input.Dispose();
        _inputs.Clear();
        _current?.Model.Dispose();
        _current = null;
    }

    public void Dispose()
    {
        Release();
        _calibration.Dispose();
    }
}
