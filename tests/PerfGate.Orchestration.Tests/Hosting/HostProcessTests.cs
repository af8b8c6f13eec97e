using System.Diagnostics;
using System.Text.Json;
using PerfGate.Core;
using PerfGate.Core.Serialization;
using PerfGate.Orchestration.Hosting;

namespace PerfGate.Orchestration.Tests.Hosting;

/// <summary>The one host client against shell scripts that stand in for a measuring host: each way a host can answer, fail or
/// fall silent reaches the build gate, the tool and A/B alike as one coded error.</summary>
public sealed class HostProcessTests
{
    private static HostProcess Host(string script, List<string> progress, string errorPrefix = "") =>
        HostProcess.Start(
            "measuring process",
            new ProcessStartInfo("/bin/sh", ["-c", script]),
            line =>
            {
                lock (progress)
                    progress.Add(line);
            },
            errorPrefix: errorPrefix
        );

    private static readonly HostCommand Call = new("call") { Protocol = HostProtocol.Version };

    [Fact]
    public void A_reply_is_read_past_progress_on_either_stream()
    {
        var progress = new List<string>();
        using var host = Host("""read line; echo 'loading' >&2; echo 'a native line'; echo '@perfgate {"answer":["tiny"]}'""", progress);

        var reply = host.Send(Call, TimeSpan.FromSeconds(30));

        Assert.Equal(["tiny"], reply.Answer!.Value.Deserialize<string[]>(PerfGateJson.Options)!);
        Assert.Contains("a native line", progress);
        SpinWait.SpinUntil(() => progress.Contains("loading"), 5000);
        Assert.Contains("loading", progress);
    }

    [Fact]
    public void An_answered_error_keeps_its_code_file_and_line()
    {
        var error = new PerfGateException("PG0201", "bad key", "b/tiny/cpu.verified.json", 12).CanonicalLine();
        var reply = JsonSerializer.Serialize(new HostReply(Error: error, ExitCode: ExitCodes.BadInput), PerfGateJson.Line);
        using var host = Host($"read line; echo '{HostProtocol.ReplyPrefix}{reply}'", [], "base side: ");

        var e = Assert.Throws<PerfGateException>(() => host.Send(Call, TimeSpan.FromSeconds(30)));

        Assert.Equal(("PG0201", "b/tiny/cpu.verified.json", 12, ExitCodes.BadInput), (e.Code, e.File, e.Line, e.ExitCode));
        Assert.Equal("base side: bad key", e.Message);
    }

    [Fact]
    public void A_crash_is_its_own_error_with_the_last_output_never_a_regression()
    {
        using var host = Host("read line; echo progress >&2; echo 'Segmentation fault' >&2; exit 134", []);

        var e = Assert.Throws<PerfGateException>(() => host.Send(Call, TimeSpan.FromSeconds(30)));

        Assert.Equal("PG2004", e.Code);
        Assert.Contains("exit code 134", e.Message);
        Assert.Contains("Segmentation fault", e.Message);
    }

    [Fact]
    public void A_timeout_is_its_own_error_and_stops_the_host()
    {
        using var host = Host("read line; echo 'still going' >&2; while true; do echo tick; sleep 0.2; done", []);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<PerfGateException>(() =>
            host.Send(Call, TimeSpan.FromSeconds(1), "raise PerfGateTimeoutSeconds or lower PerfGateMaxSeconds.")
        );

        Assert.Equal("PG2005", e.Code);
        Assert.Contains("within 1 s", e.Message);
        Assert.Contains("raise PerfGateTimeoutSeconds", e.Message);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 10); // progress lines on stdout do not extend the limit
    }

    [Fact]
    public void A_host_of_an_older_protocol_that_does_not_know_the_command_is_a_version_mismatch()
    {
        var old = new HostReply(Error: "perfgate: error PG0005: unknown A/B command 'call' (protocol 3).", ExitCode: ExitCodes.BadInput);
        using var host = Host($"read line; echo '{HostProtocol.ReplyPrefix}{JsonSerializer.Serialize(old, PerfGateJson.Line)}'", []);

        var e = Assert.Throws<PerfGateException>(() => host.Send(Call, TimeSpan.FromSeconds(30)));

        Assert.Equal(ErrorCodes.NoMeasuringHost, e.Code);
        Assert.Contains("older PerfGate", e.Message);
    }

    [Fact]
    public void An_unreadable_reply_is_an_error_of_its_own()
    {
        using var host = Host($"read line; echo '{HostProtocol.ReplyPrefix}{{ not json'", []);

        var e = Assert.Throws<PerfGateException>(() => host.Send(Call, TimeSpan.FromSeconds(30)));

        Assert.Equal("PG2006", e.Code);
    }
}
