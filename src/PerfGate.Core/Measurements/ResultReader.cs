using System.Text.Json;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Measurements;

/// <summary>Reads a result file written by `perfgate measure`; every failure names the file and what is wrong.</summary>
public static class ResultReader
{
    public static MeasurementResult Read(string path)
    {
        if (!File.Exists(path)) throw new PerfGateException("PG0007", "results file not found.", path);
        MeasurementResult? result;
        try
        {
            result = JsonSerializer.Deserialize<MeasurementResult>(File.ReadAllText(path), PerfGateJson.Options);
        }
        catch (JsonException e)
        {
            throw new PerfGateException("PG0007", $"not a valid results file: {e.Message}", path, (int)(e.LineNumber ?? 0) + 1);
        }
        if (result is null) throw new PerfGateException("PG0007", "the file holds no result.", path);
        if (result.SchemaVersion != MeasurementResult.CurrentSchemaVersion)
            throw new PerfGateException("PG0007", $"schemaVersion {result.SchemaVersion} is not supported (expected {MeasurementResult.CurrentSchemaVersion}); measure again with this version of perfgate.", path);
        return result;
    }
}
