using System.Globalization;

namespace PerfGate.Core;

/// <summary>Number formatting for human output: invariant culture, thousands separators, fixed decimals.</summary>
public static class Numbers
{
    public static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "?";

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal: 0.333 → "+33.3%" (signed) or "33.3%"; a change too small for one decimal is
    /// "+&lt;0.1%", never "+0.0%".</summary>
    public static string Percent(double fraction, bool signed = true) =>
        fraction != 0 && Math.Abs(fraction) < 0.0005
            ? (signed ? (fraction > 0 ? "+" : "-") : "") + "<0.1%"
            : (signed && fraction >= 0 ? "+" : "") + Fixed(fraction * 100, 1) + "%";

    /// <summary>A number with as many decimals as it needs, up to four: 0.01 → "0.01", 0.005 → "0.005".</summary>
    public static string Plain(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A median with its 95% confidence interval: "49.80 [48.10, 51.20]".</summary>
    public static string Interval(Statistics.Estimate estimate, int decimals) =>
        $"{Fixed(estimate.Median, decimals)} [{Fixed(estimate.CiLow, decimals)}, {Fixed(estimate.CiHigh, decimals)}]";

    /// <summary>Scientific notation as the talk's slides print it, e.g. 2.61E+12.</summary>
    public static string Scientific(double value) => value.ToString("0.00E+00", CultureInfo.InvariantCulture);
}
