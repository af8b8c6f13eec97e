using System.CommandLine;
using PerfGate.Core;
using PerfGate.Core.Reports;
using PerfGate.Core.Serialization;
using PerfGate.Torch.Diagnostics;
using PerfGate.Torch.Runtime;
using PerfGate.Torch.Workloads;

namespace PerfGate.Cli.Commands;

/// <summary>perfgate overhead: what PerfGate's own machinery costs next to a bare TorchSharp forward pass.</summary>
internal static class OverheadCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var model = CommonOptions.Model();
        var batch = CommonOptions.Positive("--batch", "Batch size.", 8);
        var rounds = CommonOptions.Positive("--rounds", "Alternating plain/counted rounds (the medians are compared).", 20);
        var threads = CommonOptions.Threads();
        var device = CommonOptions.Device();
        var harness = new Option<bool>("--harness") { Description = "Compare perfgate measure's timed model iteration with a bare TorchSharp loop instead." };
        var inference = new Option<bool>("--inference") { Description = "Compare the timed iteration in inference mode (as measured) with the same forward pass recording autograd (as before 0.2)." };
        var json = CommonOptions.Json();
        var command = new Command("overhead", "What PerfGate's machinery costs: FLOP counting (default), the measuring harness (--harness) or autograd (--inference), against a bare forward pass, alternated in one process.")
        {
            model, batch, rounds, threads, device, harness, inference, json,
        };
        command.SetAction(parse => CommandRunner.Guard(stderr, parse.GetValue(json) ? stdout : null, () =>
        {
            TorchSettings.Apply(parse.GetValue(threads));
            var (workload, size, count) = (BuiltInWorkloads.Find(parse.GetValue(model)!), parse.GetValue(batch), parse.GetValue(rounds));
            var (on, progress) = (DeviceSelector.Resolve(parse.GetValue(device)!), CommandRunner.Progress(stderr));
            void Print(object result, string text) =>
                stdout.Write(parse.GetValue(json) ? PerfGateJson.Serialize(result) : $"{workload.Name}, batch {size}, {count} rounds: {text}\n");

            if (parse.GetValue(harness) && parse.GetValue(inference)) throw new PerfGateException("PG0005", "give --harness or --inference, not both.");
            if (parse.GetValue(inference))
            {
                var i = OverheadProbe.Inference(workload, size, count, on, progress);
                Print(i, $"autograd on {Numbers.Fixed(i.AutogradImagesPerSec, 2)} images/s, inference mode {Numbers.Fixed(i.InferenceImagesPerSec, 2)} images/s, ratio {Numbers.Fixed(i.Ratio, 3)}");
            }
            else if (parse.GetValue(harness))
            {
                var h = OverheadProbe.Harness(workload, size, count, on, progress);
                Print(h, $"bare loop {Numbers.Fixed(h.BareImagesPerSec, 2)} images/s, perfgate harness {Numbers.Fixed(h.HarnessImagesPerSec, 2)} images/s, ratio {Numbers.Fixed(h.Ratio, 3)}");
            }
            else
            {
                var c = OverheadProbe.Counting(workload, size, count, on, progress);
                Print(c, $"plain {Numbers.Fixed(c.PlainSecondsMedian * 1e3, 2)} ms, counted {Numbers.Fixed(c.CountedSecondsMedian * 1e3, 2)} ms, ratio {Numbers.Fixed(c.CountingRatio, 3)}");
            }
            return 0;
        }));
        return command;
    }
}
