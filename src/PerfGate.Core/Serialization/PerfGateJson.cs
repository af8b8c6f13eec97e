using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfGate.Core.Serialization;

/// <summary>The one JSON shape every perfgate document uses: camelCase, indented, LF line ends, enums as strings.</summary>
public static class PerfGateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";
}
