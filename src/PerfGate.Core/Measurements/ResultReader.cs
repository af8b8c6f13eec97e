using PerfGate.Core.Serialization;

namespace PerfGate.Core.Measurements;

/// <summary>Reads a result file written by `perfgate measure`; every failure names the file and what is wrong.</summary>
public static class ResultReader
{
    public static MeasurementResult Read(string path)
    {
        var result = JsonFile.Read<MeasurementResult>(path, "results file");
        if (result.SchemaVersion != MeasurementResult.CurrentSchemaVersion)
            throw new PerfGateException("PG0007", $"schemaVersion {result.SchemaVersion} is not supported (expected {MeasurementResult.CurrentSchemaVersion}); measure again with this version of perfgate.", path);
        return result;
    }
}
