using PerfGate.Core.Serialization;

namespace PerfGate.Core.Measurements;

/// <summary>Writes a result as &lt;model&gt;.json, &lt;model&gt;.csv and &lt;model&gt;.samples.csv in a results folder, each
/// atomically.</summary>
internal static class ResultFiles
{
    /// <summary>
    /// Makes sure the folder can take the results before anything is measured (a minute of measuring must not end in "cannot
    /// write"): it is created when missing; a file of that name, or a folder that cannot be written, is PG0011 naming it.
    /// </summary>
    public static void Prepare(string folder)
    {
        try
        {
            if (File.Exists(folder))
                throw new IOException("it is a file, not a folder");
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".perfgate-write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AtomicFile.CannotWrite(folder, e);
        }
    }

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
