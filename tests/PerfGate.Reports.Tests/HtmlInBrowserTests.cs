using System.Diagnostics;
using System.Text.RegularExpressions;
using PerfGate.Tests.Shared;

namespace PerfGate.Reports.Tests;

/// <summary>
/// The HTML report opened in a real headless Chromium (Debian's package; .ci/run installs it): it must load every chart,
/// show its tables, and raise no script error. Without Chromium the test is skipped with the install command (failed under CI).
/// </summary>
public sealed partial class HtmlInBrowserTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-html").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public void The_report_renders_its_charts_and_tables_without_errors()
    {
        ReportWriter.Write([FixedReport.Regressed()], _dir, "approve", FixedReport.Slope());

        var dom = DumpDom(Path.Combine(_dir, "report.html"));

        var body = BodyTag().Match(dom);
        Assert.True(body.Success, dom[..Math.Min(dom.Length, 500)]);
        string Data(string name) => Regex.Match(body.Value, $"data-{name}=\"(\\d+)\"").Groups[1].Value;
        Assert.Equal("2", Data("charts-total"));
        Assert.Equal("2", Data("charts-loaded"));
        Assert.Equal("0", Data("errors"));
        Assert.Equal("4", Data("tables")); // throughput, efficiency, FLOPs per layer, slope
        Assert.Contains("<td>conv1</td>", dom);
        Assert.Contains("FAIL", dom);
    }

    private static string DumpDom(string html)
    {
        var chromium = ExternalTools.Require(
            ExternalTools.Find("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "chromium"),
            "Chromium (headless, for the HTML report)",
            "apt-get install -y chromium"
        );
        var profile = Directory.CreateTempSubdirectory("perfgate-chromium").FullName;
        try
        {
            var info = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (
                var arg in new[]
                {
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--allow-file-access-from-files",
                    $"--user-data-dir={profile}",
                    "--virtual-time-budget=10000",
                    "--dump-dom",
                    new Uri(html).AbsoluteUri,
                }
            )
                info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("headless Chromium did not finish in 60 s");
            }
            return stdout.Result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    [GeneratedRegex("<body[^>]*>")]
    private static partial Regex BodyTag();
}
