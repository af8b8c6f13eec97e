using System.Text.Json;
using System.Text.Json.Nodes;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Baselines;

/// <summary>
/// Baseline files as stable, human-diffable JSON: keys sorted (batch sizes in numeric order), two-space indent, LF line ends.
/// Reading validates everything a hand edit or a bad merge could break, and names the file and line. A throughput file of
/// the first layout (schemaVersion 1, counted metrics inside) is refused with the command that migrates it.
/// </summary>
internal static class BaselineJson
{
    public static string Write<T>(T baseline)
    {
        var node = JsonSerializer.SerializeToNode(baseline, PerfGateJson.Options)!;
        return Sorted(node)!.ToJsonString(PerfGateJson.Options) + "\n";
    }

    public static Baseline Read(string path, string? expectedModel = null)
    {
        if (!File.Exists(path))
            throw Error(ErrorCodes.BadBaseline, "baseline file not found.", path);
        return Parse(InputText.Read(path, ErrorCodes.BadBaseline, "baseline"), path, expectedModel);
    }

    public static CountsBaseline ReadCounts(string path, string? expectedModel = null)
    {
        if (!File.Exists(path))
            throw Error(ErrorCodes.BadBaseline, "counts baseline file not found.", path);
        return ParseCounts(InputText.Read(path, ErrorCodes.BadBaseline, "counts baseline"), path, expectedModel);
    }

    /// <summary>Parses and validates a throughput baseline already read from <paramref name="path"/>.</summary>
    public static Baseline Parse(string text, string path, string? expectedModel = null)
    {
        var baseline = Deserialize<Baseline>(text, path, Baseline.CurrentSchemaVersion, legacy: true);
        if (baseline.Throughput is null || baseline.Provenance is null || baseline.Model is null || baseline.DeviceClass is null)
            throw Error(ErrorCodes.BadBaseline, "not a baseline: model, deviceClass, provenance or throughput is missing.", path, 1);
        CheckModel(baseline.Model, expectedModel, path, text);
        var runsLine = JsonLines.Of(text, "provenance", "runs");
        if (baseline.Provenance.Runs < 1)
            throw Error(
                ErrorCodes.BaselineValueOutOfRange,
                $"provenance.runs is {baseline.Provenance.Runs}; a baseline comes from at least one run.",
                path,
                runsLine
            );
        var pooled = baseline.Throughput.Values.Sum(t => (long)(t.NormalizedSamples?.Length ?? 0));
        if (pooled != baseline.Provenance.SampleCount)
            throw Error(
                ErrorCodes.BaselineValueOutOfRange,
                $"the batches hold {pooled} normalizedSamples in all, but provenance.sampleCount says {baseline.Provenance.SampleCount}: "
                    + $"the figures are not the ones measured. Restore the file from git, or re-approve.",
                path,
                JsonLines.Of(text, "provenance", "sampleCount")
            );
        foreach (var (batch, t) in baseline.Throughput)
        {
            var line = JsonLines.Of(text, "throughput", batch.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (batch <= 0)
                throw Error(ErrorCodes.BaselineValueOutOfRange, $"batch size {batch} is not positive.", path, line);
            if (t.NormalizedSamples is null || t.NormalizedSamples.Length == 0)
                throw Error(ErrorCodes.BaselineValueOutOfRange, $"batch {batch} has no normalizedSamples.", path, line);
            if (t.RunMedians is null || t.RunMedians.Length == 0)
                throw Error(ErrorCodes.BaselineValueOutOfRange, $"batch {batch} has no runMedians.", path, line);
            if (t.RunMedians.Length > baseline.Provenance.Runs)
                throw Error(
                    ErrorCodes.BaselineValueOutOfRange,
                    $"batch {batch} has {t.RunMedians.Length} runMedians, but provenance.runs says the baseline came from "
                        + $"{baseline.Provenance.Runs} run(s): restore the file from git, or re-approve.",
                    path,
                    line
                );
            if (
                !Positive(t.NormalizedMedian)
                || !Positive(t.ImagesPerSecMedian)
                || !t.NormalizedSamples.All(Positive)
                || !t.RunMedians.All(Positive)
            )
                throw Error(
                    ErrorCodes.BaselineValueOutOfRange,
                    $"batch {batch} holds a throughput that is not a positive number.",
                    path,
                    line
                );
        }
        return baseline;
    }

    /// <summary>Parses and validates a counts baseline already read from <paramref name="path"/>.</summary>
    public static CountsBaseline ParseCounts(string text, string path, string? expectedModel = null)
    {
        var counts = Deserialize<CountsBaseline>(text, path, CountsBaseline.CurrentSchemaVersion, legacy: false);
        if (counts.Counted?.Layers is null || counts.Model is null)
            throw Error(ErrorCodes.BadBaseline, "not a counts baseline: model or counted is missing.", path, 1);
        CheckModel(counts.Model, expectedModel, path, text);
        void NonNegative(long? value, string what, int line)
        {
            if (value < 0)
                throw Error(ErrorCodes.BaselineValueOutOfRange, $"{what} is negative ({value}).", path, line);
        }
        NonNegative(counts.Counted.Params, "counted params", CountedLines.Total(text, "params"));
        NonNegative(counts.Counted.Flops, "counted flops", CountedLines.Total(text, "flops"));
        NonNegative(counts.Counted.OtherFlops, "counted otherFlops", CountedLines.Total(text, "otherFlops"));
        NonNegative(counts.Counted.ParamBytes, "counted paramBytes", CountedLines.Total(text, "paramBytes"));
        NonNegative(counts.Counted.PeakActivationBytes, "counted peakActivationBytes", CountedLines.Total(text, "peakActivationBytes"));
        foreach (var (name, layer) in counts.Counted.Layers)
        {
            var line = CountedLines.Layer(text, name);
            NonNegative(layer.Params, $"layer {name} params", line);
            NonNegative(layer.Flops, $"layer {name} flops", line);
            NonNegative(layer.OtherFlops, $"layer {name} otherFlops", line);
            NonNegative(layer.OutputBytes, $"layer {name} outputBytes", line);
            NonNegative(layer.ParamBytes, $"layer {name} paramBytes", line);
        }
        return counts;
    }

    private static bool Positive(double value) => value > 0 && double.IsFinite(value);

    private static void CheckModel(string model, string? expected, string path, string text)
    {
        ModelName.Check(model, path, JsonLines.Of(text, "model"));
        if (expected is not null && model != expected)
            throw Error(
                ErrorCodes.BaselineOfAnotherModel,
                $"this baseline is for model '{model}', not '{expected}'.",
                path,
                JsonLines.Of(text, "model")
            );
    }

    private static T Deserialize<T>(string text, string path, int version, bool legacy)
        where T : class
    {
        try
        {
            using (var doc = JsonDocument.Parse(text))
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw Error(ErrorCodes.BadBaseline, "not a baseline: the file does not hold a JSON object.", path, 1);
                var found =
                    doc.RootElement.TryGetProperty("schemaVersion", out var v)
                    && v.ValueKind == JsonValueKind.Number
                    && v.TryGetInt32(out var n)
                        ? n
                        : (int?)null;
                if (legacy && found == 1)
                    throw Error(
                        ErrorCodes.BaselineFirstLayout,
                        "this baseline has the first layout (schemaVersion 1: counted metrics inside the per-device file). "
                            + $"Split it into counts.verified.json and a throughput file with: perfgate migrate --baselines "
                            + $"{Path.GetDirectoryName(Path.GetDirectoryName(path))}",
                        path,
                        JsonLines.Of(text, "schemaVersion")
                    );
                if (found != version)
                    throw Error(
                        ErrorCodes.BaselineSchema,
                        $"schemaVersion must be {version}; re-approve the baseline with this version of perfgate.",
                        path,
                        JsonLines.Of(text, "schemaVersion")
                    );
            }
            return JsonSerializer.Deserialize<T>(text, PerfGateJson.Strict)
                ?? throw Error(ErrorCodes.BadBaseline, "the file holds no baseline.", path, 1);
        }
        catch (JsonException e)
        {
            throw InputText.JsonError(e, ErrorCodes.BadBaseline, "baseline", path);
        }
    }

    private static PerfGateException Error(string code, string message, string path, int line = 0) => new(code, message, path, line);

    private static JsonNode? Sorted(JsonNode? node) =>
        node switch
        {
            JsonObject obj => new JsonObject(
                obj.OrderBy(p => int.TryParse(p.Key, out var n) ? n : int.MaxValue)
                    .ThenBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))
            ),
            JsonArray array => new JsonArray(array.Select(v => Sorted(v?.DeepClone())).ToArray()),
            _ => node?.DeepClone(),
        };
}
