using System.Globalization;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Baselines;

/// <summary>
/// A model's approved baselines for one device class, each read and validated once (a bad file stops here, naming its line):
/// the counts file and this device class's throughput file, either absent, with the text kept for line numbers in findings.
/// </summary>
internal sealed record ApprovedBaselines(
    string CountsPath,
    (CountsBaseline Value, string Text)? Counts,
    string ThroughputPath,
    (Baseline Value, string Text)? Throughput
)
{
    public static ApprovedBaselines Read(BaselinePaths paths, string model, string deviceClass)
    {
        var countsPath = paths.CountsVerified(model);
        var throughputPath = paths.Verified(model, deviceClass);
        (CountsBaseline, string)? counts = null;
        (Baseline, string)? throughput = null;
        if (File.Exists(countsPath))
        {
            var text = InputText.Read(countsPath, ErrorCodes.BadBaseline, "counts baseline");
            counts = (BaselineJson.ParseCounts(text, countsPath, model), text);
        }
        if (File.Exists(throughputPath))
        {
            var text = InputText.Read(throughputPath, ErrorCodes.BadBaseline, "baseline");
            var baseline = BaselineJson.Parse(text, throughputPath, model);
            if (baseline.DeviceClass != deviceClass)
                throw new PerfGateException(
                    ErrorCodes.BaselineOfAnotherDevice,
                    $"this baseline's deviceClass is '{baseline.DeviceClass}' but its file name says '{deviceClass}': a file copied from "
                        + $"another machine? Restore it from git, or re-approve on this machine.",
                    throughputPath,
                    JsonLines.Of(text, "deviceClass")
                );
            throughput = (baseline, text);
        }
        return new ApprovedBaselines(countsPath, counts, throughputPath, throughput);
    }

    /// <summary>The line of a batch size in the throughput file, 0 when unknown.</summary>
    public int ThroughputLine(int batch) =>
        Throughput is { } t ? JsonLines.Of(t.Text, "throughput", batch.ToString(CultureInfo.InvariantCulture)) : 0;
}
