using System.Globalization;

namespace PerfGate.Core.Gate;

/// <summary>
/// MSBuild properties arrive as text: PerfGate parses each one itself (never through MSBuild's own conversion, whose MSB4030
/// names no PerfGate code) and refuses a bad value with PG0016 naming the property, the value and what it must be.
/// </summary>
internal static class BuildProperty
{
    public const string BadValue = ErrorCodes.BadBuildProperty;

    /// <summary>
    /// true or false, in any case, and the words MSBuild's own conditions take for them (yes/no, on/off), so that a switch
    /// means the same to the targets and to the task; empty means <paramref name="fallback"/>.
    /// </summary>
    public static bool Bool(string name, string? value, bool fallback) =>
        string.IsNullOrWhiteSpace(value)
            ? fallback
            : value.Trim().ToLowerInvariant() switch
            {
                "true" or "yes" or "on" => true,
                "false" or "no" or "off" => false,
                _ => throw Bad(name, value, "it must be true or false"),
            };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; empty means <paramref name="fallback"/>.</summary>
    public static int Whole(string name, string? value, int fallback, int min, int max) =>
        string.IsNullOrWhiteSpace(value) ? fallback
        : int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
            ? parsed
        : throw Bad(name, value, $"it must be a whole number from {min} to {max}");

    /// <summary>Seconds above 0 and at most <see cref="Measurements.MeasureBudget.MaxSeconds"/>; empty means <paramref
    /// name="fallback"/>.</summary>
    public static double Seconds(string name, string? value, double fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback
        : double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
        && Measurements.MeasureBudget.IsValid(parsed)
            ? parsed
        : throw Bad(
            name,
            value,
            $"it must be a number of seconds above 0 and at most {Numbers.Plain(Measurements.MeasureBudget.MaxSeconds)} (with a '.' for "
                + $"decimals)"
        );

    /// <summary>One of <paramref name="choices"/>, in any case; empty means <paramref name="fallback"/>.</summary>
    public static string Choice(string name, string? value, string fallback, params string[] choices) =>
        string.IsNullOrWhiteSpace(value)
            ? fallback
            : choices.FirstOrDefault(c => string.Equals(c, value.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw Bad(name, value, $"it must be one of {string.Join(", ", choices)}");

    /// <summary>A shard k/n (<see cref="Shard.Parse"/>); empty means all models (null).</summary>
    public static string? ShardOf(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        try
        {
            Shard.Parse(value.Trim());
            return value.Trim();
        }
        catch (PerfGateException)
        {
            throw Bad(name, value, "it must be k/n with 1 <= k <= n, e.g. 1/3");
        }
    }

    private static PerfGateException Bad(string name, string value, string rule) => new(BadValue, $"{name} is '{value}': {rule}.");
}
