using System.Text.Json;
using PerfGate.Core;
using PerfGate.Core.Flops;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Running;
using PerfGate.Core.Serialization;
using PerfGate.Core.Slope;
using PerfGate.Core.Tests.Measurements;
using PerfGate.Orchestration.Hosting;

namespace PerfGate.Orchestration.Tests.Hosting;

/// <summary>A call of the installed tool as the measuring host receives it: JSON in, one runner call, the answer out.</summary>
public class RunnerCallsTests
{
    private sealed class RecordingRunner : IModelRunner
    {
        public List<string> Calls { get; } = [];

        public string? DefaultAssembly => null;

        public IReadOnlyList<ModelInfo> Models(string? assembly)
        {
            Calls.Add($"models {assembly}");
            return [new ModelInfo("tiny", "declared", "3x8x8", "1,8", "a test model")];
        }

        public FlopReport Flops(string model, string? assembly, int batch)
        {
            Calls.Add($"flops {model} {batch}");
            return new FlopReport(model, batch, SyntheticResults.Layers);
        }

        public MeasurementResult Measure(
            string model,
            string? assembly,
            MeasurePlan plan,
            SamplerSettings settings,
            Action<string> progress
        )
        {
            Calls.Add($"measure {model} {string.Join(",", plan.Batches)} {settings.ProfileShare}");
            return SyntheticResults.Noisy(100, model: model, batches: [.. plan.Batches]);
        }

        public IReadOnlyList<ModelOutcome> Check(CheckRequest request, Action<string> progress) => throw new NotSupportedException();

        public IReadOnlyList<string> Snapshot(CheckRequest request, int runs, Action<string> progress)
        {
            Calls.Add($"snapshot {runs}");
            return ["tiny"];
        }

        public SlopeReport Slope(int batch, int threads, string device, double seconds, Action<string> progress) =>
            throw new NotSupportedException();

        public OverheadAnswer Overhead(OverheadCall call, Action<string> progress) => throw new NotSupportedException();
    }

    /// <summary>The call as the tool writes it and the host reads it (strictly), then made on the runner.</summary>
    private static object Answer(RunnerCall call, RecordingRunner runner)
    {
        var read = JsonSerializer.Deserialize<RunnerCall>(PerfGateJson.Serialize(call), PerfGateJson.Strict)!;
        return RunnerCalls.Answer(read, runner, _ => { });
    }

    [Fact]
    public void Each_verb_reaches_its_runner_call_with_its_arguments_through_the_json()
    {
        var runner = new RecordingRunner();
        var plan = new MeasurePlan([1, 4], "cpu", 1, 10);

        Assert.Equal("tiny", Assert.Single((IReadOnlyList<ModelInfo>)Answer(new RunnerCall("models", Assembly: "a.dll"), runner)).Name);
        Assert.Equal(8, ((FlopReport)Answer(new RunnerCall("flops", "tiny", Batch: 8), runner)).Batch);
        Answer(new RunnerCall("measure", "tiny", Plan: plan, Settings: new SamplerSettings(ProfileShare: 0.5)), runner);
        Answer(
            new RunnerCall(
                "snapshot",
                Check: new CheckRequest(["tiny"], false, null, null, null, "baselines", null, 10, 1, "cpu"),
                Runs: 3
            ),
            runner
        );

        Assert.Equal(["models a.dll", "flops tiny 8", "measure tiny 1,4 0.5", "snapshot 3"], runner.Calls);
    }

    [Fact]
    public void The_answers_survive_the_json_the_host_writes()
    {
        var measured = (MeasurementResult)Answer(
            new RunnerCall("measure", "tiny", Plan: new MeasurePlan([4], "cpu", 1, 10), Settings: new SamplerSettings()),
            new RecordingRunner()
        );
        var back = JsonSerializer.Deserialize<MeasurementResult>(PerfGateJson.Serialize(measured), PerfGateJson.Options)!;
        Assert.Equal(measured.Batches[0].ImagesPerSec, back.Batches[0].ImagesPerSec);
        Assert.Equal(measured.Layers.Select(l => l.Name), back.Layers.Select(l => l.Name));
    }

    [Theory]
    [InlineData("dance", "PG0005", "knows no call 'dance'")]
    [InlineData("flops", "PG0005", "the 'flops' call to the measuring host lacks its model")]
    public void A_call_the_host_cannot_answer_is_a_coded_error(string verb, string code, string message)
    {
        var e = Assert.Throws<PerfGateException>(() => RunnerCalls.Answer(new RunnerCall(verb), new RecordingRunner(), _ => { }));
        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message);
    }
}
