using System.Text.Json;
using System.Text.Json.Nodes;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Baselines;

/// <summary>
/// Baseline files as stable, human-diffable JSON: keys sorted (batch sizes in numeric order), two-space indent, LF line ends.
/// Reading validates everything a hand edit or a bad merge could break, and names the file and line.
/// </summary>
public static class BaselineJson
{
    public static string Write(Baseline baseline)
    {
        var node = JsonSerializer.SerializeToNode(baseline, PerfGateJson.Options)!;
        return Sorted(node)!.ToJsonString(PerfGateJson.Options) + "\n";
    }

    public static Baseline Read(string path, string? expectedModel = null)
    {
        if (!File.Exists(path)) throw Error("PG0201", "baseline file not found.", path);
        return Parse(File.ReadAllText(path), path, expectedModel);
    }

    /// <summary>Parses and validates a baseline already read from <paramref name="path"/> (for callers that also need its text).</summary>
    public static Baseline Parse(string text, string path, string? expectedModel = null)
    {
        Baseline? baseline;
        try
        {
            using (var doc = JsonDocument.Parse(text))
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Error("PG0201", "not a baseline: the file does not hold a JSON object.", path, 1);
                if (!doc.RootElement.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Baseline.CurrentSchemaVersion)
                    throw Error("PG0202", $"schemaVersion must be {Baseline.CurrentSchemaVersion}; re-approve the baseline with this version of perfgate.", path, BaselineLines.Of(text, "schemaVersion"));
            }
            baseline = JsonSerializer.Deserialize<Baseline>(text, PerfGateJson.Options);
        }
        catch (JsonException e)
        {
            throw Error("PG0201", $"not valid baseline JSON ({e.Message.Split(" Path:")[0]}).", path, (int)(e.LineNumber ?? 0) + 1);
        }
        if (baseline?.Counted?.Layers is null || baseline.Throughput is null || baseline.Provenance is null || baseline.Model is null)
            throw Error("PG0201", "not a baseline: model, provenance, counted or throughput is missing.", path, 1);
        if (expectedModel is not null && baseline.Model != expectedModel)
            throw Error("PG0203", $"this baseline is for model '{baseline.Model}', not '{expectedModel}'.", path, BaselineLines.Of(text, "model"));
        Validate(baseline, path, text);
        return baseline;
    }

    private static void Validate(Baseline b, string path, string text)
    {
        void NonNegative(long? value, string what, params string[] keys)
        {
            if (value < 0) throw Error("PG0204", $"{what} is negative ({value}).", path, BaselineLines.Of(text, keys));
        }
        NonNegative(b.Counted.Params, "counted params", "counted", "params");
        NonNegative(b.Counted.Flops, "counted flops", "counted", "flops");
        NonNegative(b.Counted.OtherFlops, "counted otherFlops", "counted", "otherFlops");
        foreach (var (name, layer) in b.Counted.Layers)
        {
            NonNegative(layer.Params, $"layer {name} params", "layers", name);
            NonNegative(layer.Flops, $"layer {name} flops", "layers", name);
            NonNegative(layer.OtherFlops, $"layer {name} otherFlops", "layers", name);
        }
        foreach (var (batch, t) in b.Throughput)
        {
            var line = BaselineLines.Of(text, "throughput", batch.ToString());
            if (batch <= 0) throw Error("PG0204", $"batch size {batch} is not positive.", path, line);
            if (t.NormalizedSamples is null || t.NormalizedSamples.Length == 0) throw Error("PG0204", $"batch {batch} has no normalizedSamples.", path, line);
            if (!(t.NormalizedMedian > 0) || !(t.ImagesPerSecMedian > 0) || t.NormalizedSamples.Any(s => !(s > 0) || !double.IsFinite(s)))
                throw Error("PG0204", $"batch {batch} holds a throughput that is not a positive number.", path, line);
        }
    }

    private static PerfGateException Error(string code, string message, string path, int line = 0) => new(code, message, path, line);

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => int.TryParse(p.Key, out var n) ? n : int.MaxValue)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray(array.Select(v => Sorted(v?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}
