using PerfGate.Core.Measurements;
using PerfGate.Torch.Measuring;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Workloads;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PerfGate.Torch.Tests.Measuring;

/// <summary>
/// Throughput is inference throughput, as in tf_cnn_benchmarks' tables: no forward pass that PerfGate times may record an
/// autograd graph, although the model's parameters require grad. A probe layer notes the autograd state of every call.
/// </summary>
public class InferenceModeTests
{
    /// <summary>A linear layer that records, per call, whether autograd was on and whether its output requires grad.</summary>
    private sealed class Probe : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> fc = Linear(8, 4);

        public Probe()
            : base(nameof(Probe)) => RegisterComponents();

        public List<(bool GradEnabled, bool OutputRequiresGrad)> Calls { get; } = [];

        public override Tensor forward(Tensor input)
        {
            var output = fc.call(input);
            Calls.Add((is_grad_enabled(), output.requires_grad));
            return output;
        }
    }

    [Fact]
    public void The_parameters_require_grad_so_a_plain_forward_would_record_a_graph()
    {
        using var probe = new Probe();
        using var input = randn(2, 8);
        using var output = probe.call(input);
        Assert.True(probe.parameters().All(p => p.requires_grad));
        Assert.Equal((true, true), Assert.Single(probe.Calls)); // what the timed loop did before inference mode
    }

    [Fact]
    public void A_timed_forward_runs_in_inference_mode()
    {
        using var probe = new Probe();
        using var input = randn(2, 8);

        ForwardTimer.Once(probe, input);
        ForwardTimer.Time(probe, input, warmup: 1, iterations: 2);

        Assert.Equal(4, probe.Calls.Count);
        Assert.All(probe.Calls, c => Assert.Equal((false, false), c));
        Assert.True(is_grad_enabled()); // and the state is restored afterwards
    }

    [Fact]
    public void Every_forward_of_a_measurement_records_no_graph_counting_pilot_and_rounds_included()
    {
        Probe? probe = null;
        var workload = new Workload("probe", "8 -> 4", [8], () => probe = new Probe());

        MeasurementEngine.Measure(
            workload,
            new MeasurePlan([1, 2], "cpu", 1, MaxSeconds: 0.5).Validate(),
            new SamplerSettings(IterationSeconds: 0.005)
        );

        Assert.NotNull(probe);
        Assert.True(probe!.Calls.Count > 20, $"{probe.Calls.Count} calls"); // counting, pilot, warmup and every round
        Assert.All(probe.Calls, c => Assert.Equal((false, false), c));
    }
}

/// <summary>The benchmarks' injected slowdown changes time only: a slowed model counts exactly as the model does.</summary>
public class InjectedSlowdownTests
{
    [Fact]
    public void A_slowed_model_keeps_its_layer_names_and_counts()
    {
        var alexnet = BuiltInWorkloads.Find("alexnet");
        FlopReportOf(alexnet, out var plain);
        FlopReportOf(InjectedSlowdown.Wrap(alexnet, 0.10), out var slowed);
        Assert.Equal(plain.Layers.Select(l => (l.Name, l.Flops, l.Params)), slowed.Layers.Select(l => (l.Name, l.Flops, l.Params)));
        Assert.Contains(slowed.Layers, l => l.Name == "conv1"); // not "inner.conv1"
    }

    private static void FlopReportOf(Workload workload, out Core.Flops.FlopReport report)
    {
        using var model = workload.Create();
        model.eval();
        using var input = workload.Input(1, CPU);
        report = workload.Counter().Count(workload.Name, model, input);
    }
}
