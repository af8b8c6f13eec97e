using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfGate.Core.Serialization;

/// <summary>The one JSON shape every perfgate document uses: camelCase, indented, LF line ends, enums as strings.</summary>
internal static class PerfGateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// How every file PerfGate reads is parsed: numbers must be numbers (not "12"), no key twice, no key the type does not
    /// have, nothing missing, no null where a value is required. A hand edit or a bad merge fails here, naming the line.
    /// </summary>
    public static readonly JsonSerializerOptions Strict = new(Options)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The same shape on one line: the A/B protocol sends one document per line.</summary>
    public static readonly JsonSerializerOptions Line = new(Options) { WriteIndented = false };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";
}
