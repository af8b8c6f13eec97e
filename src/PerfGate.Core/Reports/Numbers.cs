using System.Globalization;

namespace PerfGate.Core.Reports;

/// <summary>Number formatting for human output: invariant culture, thousands separators, fixed decimals.</summary>
public static class Numbers
{
    public static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "?";

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal: 0.333 → "+33.3%" (signed) or "33.3%".</summary>
    public static string Percent(double fraction, bool signed = true) =>
        (signed && fraction >= 0 ? "+" : "") + Fixed(fraction * 100, 1) + "%";

    /// <summary>Scientific notation as the talk's slides print it, e.g. 2.61E+12.</summary>
    public static string Scientific(double value) => value.ToString("0.00E+00", CultureInfo.InvariantCulture);
}
