using System.Globalization;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Measurements;

/// <summary>
/// Reads a result file written by `perfgate measure` or `check`, strictly: the schema (types, no unknown or duplicate keys),
/// a safe model name, and figures that can be judged: every measured batch has samples, and every throughput is a finite
/// positive number. Every failure is PG0007 (or PG0012 for the name) naming the file and the line.
/// </summary>
internal static class ResultReader
{
    public static MeasurementResult Read(string path)
    {
        var result = JsonFile.Read<MeasurementResult>(path, "results file");
        var text = InputText.Read(path, ErrorCodes.BadResults, "results file");
        if (result.SchemaVersion != MeasurementResult.CurrentSchemaVersion)
            throw Bad(
                $"schemaVersion {result.SchemaVersion} is not supported (expected {MeasurementResult.CurrentSchemaVersion}); measure "
                    + $"again with this version of perfgate.",
                path,
                JsonLines.Of(text, "schemaVersion")
            );
        ModelName.Check(result.Model, path, JsonLines.Of(text, "model"));
        if (result.Flops < 0 || result.OtherFlops < 0 || result.Params < 0)
            throw Bad("a counted total is negative.", path, JsonLines.Of(text, "flops"));
        if (result.Batches.Count == 0)
            throw Bad("no batch sizes were measured.", path, JsonLines.Of(text, "batches"));
        if (result.Batches.Select(b => b.Batch).Distinct().Count() != result.Batches.Count)
            throw Bad("a batch size is listed twice.", path, JsonLines.Of(text, "batches"));
        foreach (var b in result.Batches)
            Validate(b, path, Line(text, b.Batch));
        return result;
    }

    private static void Validate(BatchResult b, string path, int line)
    {
        if (b.Batch <= 0)
            throw Bad($"batch size {b.Batch} is not positive.", path, line);
        if (!b.HasFigures)
            return; // a failed (e.g. out of memory) or skipped batch carries no figures
        static bool Positive(double v) => v > 0 && double.IsFinite(v);
        if (b.Samples.Length == 0 || b.NormalizedSamples.Length == 0)
            throw Bad($"batch {b.Batch} has no samples.", path, line);
        if (b.Samples.Length != b.NormalizedSamples.Length || b.Samples.Length != b.CalibrationGflops.Length)
            throw Bad($"batch {b.Batch}: samples, normalizedSamples and calibrationGflops differ in length.", path, line);
        if (!b.Samples.All(Positive) || !b.NormalizedSamples.All(Positive) || !b.CalibrationGflops.All(Positive))
            throw Bad($"batch {b.Batch} holds a sample that is not a finite positive number.", path, line);
        if (
            b.ImagesPerSec is not { } ips
            || b.NormalizedThroughput is not { } normalized
            || !new[] { ips.Median, ips.CiLow, ips.CiHigh, normalized.Median, normalized.CiLow, normalized.CiHigh }.All(Positive)
        )
            throw Bad($"batch {b.Batch}: imagesPerSec and normalizedThroughput must be finite positive numbers.", path, line);
    }

    /// <summary>The line of a batch's entry ("batch": N), 0 when not found.</summary>
    private static int Line(string text, int batch)
    {
        var lines = text.Split('\n');
        var needle = $"\"batch\": {batch.ToString(CultureInfo.InvariantCulture)}";
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains(needle, StringComparison.Ordinal))
                return i + 1;
        return 0;
    }

    private static PerfGateException Bad(string message, string path, int line) => new(ErrorCodes.BadResults, message, path, line);
}
