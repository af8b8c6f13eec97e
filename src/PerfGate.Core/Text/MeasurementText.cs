using PerfGate.Core.Measurements;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Text;

/// <summary>Renders a <see cref="MeasurementResult"/> as the human table `perfgate measure` prints.</summary>
internal static class MeasurementText
{
    public static string Render(MeasurementResult result)
    {
        var table = new TextTable(
            "batch",
            "images/s",
            "95% CI",
            "rounds",
            "calib GFLOP/s",
            "normalized",
            "GFLOP/s",
            "efficiency",
            "peak memory"
        );
        var notes = new List<string>();
        foreach (var b in result.Batches)
        {
            if (!b.HasFigures)
            {
                // The reason is a sentence: under the table, not stretched across its columns.
                table.Add(b.Batch.ToString(), b.Error is null ? "skipped" : "failed", "", "", "", "", "", "", "");
                notes.Add($"batch {b.Batch}: {b.Error ?? b.Skipped}");
                continue;
            }
            var ips = b.ImagesPerSec!;
            var calibration = SampleStatistics.Of(b.CalibrationGflops).Median;
            table.Add(
                b.Batch.ToString(),
                Numbers.Fixed(ips.Median, 2),
                $"{Numbers.Fixed(ips.CiLow, 2)}..{Numbers.Fixed(ips.CiHigh, 2)}",
                b.SampleCount.ToString(),
                Numbers.Fixed(calibration, 1),
                Numbers.Fixed(b.NormalizedThroughput!.Median, 4),
                Numbers.Fixed(b.AchievedGflops ?? 0, 2),
                Numbers.Percent(b.Efficiency ?? 0, signed: false),
                b.PeakMemory is { } memory ? Numbers.Size(memory.Bytes) : ""
            );
        }
        var f = result.Fingerprint;
        return $"{result.Model} on {f.Class} ({f.Processor}, {f.LogicalCores} logical cores, {f.Threads} thread(s), TorchSharp "
            + $"{f.TorchSharpVersion}, libtorch {f.LibTorchVersion})\n"
            + $"{Numbers.Scientific(result.Flops + result.OtherFlops)} FLOPs per image, {Numbers.Count(result.Params)} params, "
            + $"calibration {result.Calibration}\n\n"
            + table
            + string.Concat(notes.Select(n => n + "\n"))
            + MemoryNote(result)
            + (
                result.FlattensAtBatch is { } at
                    ? $"\nthroughput flattens at batch {at} (within {Numbers.Percent(Flattening.DefaultTolerance, signed: false)} of the "
                        + $"best)\n"
                    : ""
            )
            + (result.LargestProfile() is { } profile ? "\n" + ProfileText.Render(result.Model, profile) : "");
    }

    /// <summary>What the peak memory column is, beside the counted figure it can be read against.</summary>
    private static string MemoryNote(MeasurementResult result)
    {
        var count = Flops.MemoryCount.Of(result.Layers);
        var fits = result.Capacity?.LargestBatch(result.Layers) is { } largest ? largest + "\n" : "";
        if (result.Batches.FirstOrDefault(b => b.PeakMemory is not null)?.PeakMemory is not { } memory)
            return fits == "" ? "" : "\n" + fits;
        return $"\npeak memory: {memory.Source}"
            + (count.PeakActivationBytes is { } perExample ? $"; counted peak of activations {Numbers.Bytes(perExample)} per example" : "")
            + "\n"
            + fits;
    }
}
