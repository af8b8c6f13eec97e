using System.Text.Json.Nodes;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Baselines;

/// <summary>
/// `perfgate migrate`: splits every first-layout baseline (schemaVersion 1, counted metrics inside the per-device file) into
/// the model's counts.verified.json and a throughput-only file of the current layout. Nothing is judged or re-measured: the
/// approved figures move as they are (one run each; no kind, shapes or MACs were recorded then). Each file is validated
/// before anything is written, and two device files of one model that disagree on the counts stop the migration.
/// </summary>
internal static class BaselineMigration
{
    public sealed record Migrated(string Legacy, string Counts, bool CountsWritten);

    public static IReadOnlyList<Migrated> Run(BaselinePaths paths)
    {
        paths.RequireFolder();
        var plans = Directory
            .EnumerateFiles(paths.Root, "*" + BaselinePaths.VerifiedSuffix, SearchOption.AllDirectories)
            .Where(f => !BaselinePaths.IsCounts(f))
            .Order(StringComparer.Ordinal)
            .Select(Plan)
            .OfType<(string Path, string Model, string Counts, string Throughput)>()
            .ToArray();

        var migrated = new List<Migrated>();
        foreach (var group in plans.GroupBy(p => p.Model))
        {
            var countsPath = paths.CountsVerified(group.Key);
            var distinct = group.Select(p => p.Counts).Distinct().ToArray();
            var existing = File.Exists(countsPath) ? File.ReadAllText(countsPath) : null;
            if (distinct.Length > 1 || (existing is not null && existing != distinct[0]))
                throw new PerfGateException(
                    ErrorCodes.MigrateDisagrees,
                    $"the first-layout baselines of '{group.Key}' disagree on the counted "
                        + $"metrics{(existing is null ? "" : " (or with counts.verified.json)")}; re-approve the model on one machine "
                        + $"instead.",
                    group.First().Path
                );
            foreach (var (path, _, _, throughput) in group)
            {
                var written = existing is null && path == group.First().Path;
                if (written)
                    AtomicFile.Write(countsPath, distinct[0]);
                AtomicFile.Write(path, throughput);
                migrated.Add(new Migrated(path, countsPath, written));
            }
        }
        return migrated;
    }

    /// <summary>The two files a first-layout baseline becomes, validated as the gate will read them; null for a current one.</summary>
    private static (string, string, string, string)? Plan(string path)
    {
        var text = InputText.Read(path, ErrorCodes.BadBaseline, "baseline");
        JsonObject root;
        try
        {
            root =
                JsonNode.Parse(text) as JsonObject
                ?? throw new PerfGateException(ErrorCodes.BadBaseline, "not a baseline: the file does not hold a JSON object.", path, 1);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw InputText.JsonError(e, ErrorCodes.BadBaseline, "baseline", path);
        }
        if (
            root["schemaVersion"]?.GetValueKind() != System.Text.Json.JsonValueKind.Number
            || root["schemaVersion"]!.GetValue<double>() != 1
        )
            return null;

        var model = root["model"]?.GetValue<string>()
            ?? throw new PerfGateException(ErrorCodes.BadBaseline, "not a baseline: model is missing.", path, 1);
        var counts = new JsonObject
        {
            ["schemaVersion"] = CountsBaseline.CurrentSchemaVersion,
            ["model"] = model,
            ["counted"] = root["counted"]?.DeepClone(),
        };
        if (counts["counted"]?["layers"] is JsonObject layers)
            foreach (var (_, layer) in layers)
                if (layer is JsonObject l)
                    foreach (var unrecorded in new[] { "kind", "inputShape", "outputShape", "macs" })
                        l.TryAdd(unrecorded, null); // the first layout did not record them: compared once re-approved
        root.Remove("counted");
        root["schemaVersion"] = Baseline.CurrentSchemaVersion;
        if (root["provenance"] is JsonObject provenance)
        {
            provenance["runs"] = 1;
            provenance["build"] = new JsonObject { ["tool"] = "unknown", ["workload"] = null };
        }
        if (root["throughput"] is JsonObject batches)
            foreach (var (_, batch) in batches)
                if (batch is JsonObject snapshot)
                    snapshot["runMedians"] = new JsonArray(snapshot["normalizedMedian"]?.DeepClone());

        var folder = Path.GetFileName(Path.GetDirectoryName(path))!;
        var countsText = BaselineJson.Write(BaselineJson.ParseCounts(counts.ToJsonString(), path, folder));
        var throughputText = BaselineJson.Write(BaselineJson.Parse(root.ToJsonString(), path, folder));
        return (path, model, countsText, throughputText);
    }
}
