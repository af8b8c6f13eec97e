using System.Globalization;
using System.Text;

namespace PerfGate.Core.Measurements;

/// <summary>CSV views of a result, as the talk's profiler output was CSV: one row per batch size, and one row per round.</summary>
internal static class MeasurementCsv
{
    public static string Batches(MeasurementResult result)
    {
        var csv = new StringBuilder(
            "model,device_class,batch,rounds,images_per_sec_median,images_per_sec_ci_low,images_per_sec_ci_high,normalized_median,"
                + "efficiency,achieved_gflops,images_run,measured_seconds,gpu_memory_bytes,peak_memory_bytes,error\n"
        );
        foreach (var b in result.Batches)
            Row(
                csv,
                result.Model,
                result.Fingerprint.Class,
                b.Batch,
                b.SampleCount,
                b.ImagesPerSec?.Median,
                b.ImagesPerSec?.CiLow,
                b.ImagesPerSec?.CiHigh,
                b.NormalizedThroughput?.Median,
                b.Efficiency,
                b.AchievedGflops,
                b.ImagesRun,
                b.MeasuredSeconds,
                b.GpuMemoryBytes,
                b.PeakMemory?.Bytes,
                b.Error
            );
        return csv.ToString();
    }

    public static string Samples(MeasurementResult result)
    {
        var csv = new StringBuilder("model,batch,round,images_per_sec,calibration_gflops,normalized\n");
        foreach (var b in result.Batches)
            for (var i = 0; i < b.SampleCount; i++)
                Row(csv, result.Model, b.Batch, i + 1, b.Samples[i], b.CalibrationGflops[i], b.NormalizedSamples[i]);
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, params object?[] cells) => csv.AppendJoin(',', cells.Select(Cell)).Append('\n');

    private static string Cell(object? value) =>
        value switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            string s when s.IndexOfAny([',', '"', '\n']) >= 0 => "\"" + s.Replace("\"", "\"\"") + "\"",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
}
