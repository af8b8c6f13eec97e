using PerfGate.Core.Serialization;

namespace PerfGate.Core.Measurements;

/// <summary>Writes a result as &lt;model&gt;.json, &lt;model&gt;.csv and &lt;model&gt;.samples.csv in a results folder, each atomically.</summary>
public static class ResultFiles
{
    public static IReadOnlyList<string> Write(MeasurementResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>
        {
            AtomicFile.Write(Path.Combine(folder, result.Model + ".json"), PerfGateJson.Serialize(result)),
            AtomicFile.Write(Path.Combine(folder, result.Model + ".csv"), MeasurementCsv.Batches(result)),
            AtomicFile.Write(Path.Combine(folder, result.Model + ".samples.csv"), MeasurementCsv.Samples(result)),
        };
        return written;
    }
}
