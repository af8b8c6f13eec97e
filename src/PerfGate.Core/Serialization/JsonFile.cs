using System.Text.Json;

namespace PerfGate.Core.Serialization;

/// <summary>Reads a perfgate JSON document from a file; every failure is a <see cref="PerfGateException"/> naming the file (and
/// line).</summary>
internal static class JsonFile
{
    /// <param name="what">What the file should hold, for messages: "results file", "slope check", "check report".</param>
    public static T Read<T>(string path, string what, string code = ErrorCodes.BadResults)
        where T : class
    {
        if (!File.Exists(path))
            throw new PerfGateException(code, $"{what} not found.", path);
        try
        {
            return JsonSerializer.Deserialize<T>(InputText.Read(path, code, what), PerfGateJson.Strict)
                ?? throw new PerfGateException(code, $"the file holds no {what}.", path);
        }
        catch (JsonException e)
        {
            throw InputText.JsonError(e, code, what, path);
        }
    }
}
