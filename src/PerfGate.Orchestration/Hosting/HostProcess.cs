using System.Diagnostics;
using System.Text.Json;
using PerfGate.Core;
using PerfGate.Core.Serialization;
using PerfGate.Orchestration.Building;

namespace PerfGate.Orchestration.Hosting;

/// <summary>
/// The one client of <see cref="HostProtocol"/>: starts `PerfGate.Host.dll serve` on a build output (`dotnet exec --runtimeconfig
/// … --depsfile …`), sends commands and reads their replies, for the build gate, the installed tool and each A/B side alike.
/// Its stderr and any stdout line that is not a reply are progress. An error the host answers with comes back as a
/// <see cref="PerfGateException"/> with the same code, file and line; a host that cannot start, dies or stops answering is
/// PG2004, one that does not answer in time is stopped and PG2005, each with its last output; an unreadable reply is PG2006.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly Action<string>? _progress;
    private readonly string _errorPrefix;

    private HostProcess(string name, Process process, Action<string>? progress, string errorPrefix)
    {
        Name = name;
        _process = process;
        _progress = progress;
        _errorPrefix = errorPrefix;
    }

    /// <summary>How messages name it: "measuring host", "base measuring process".</summary>
    public string Name { get; }

    /// <param name="errorPrefix">Put before the message of an error the host answers with (e.g. "base side: ").</param>
    public static HostProcess Start(
        string name,
        HostLayout layout,
        Action<string>? progress,
        string? workingDirectory = null,
        string errorPrefix = ""
    ) => Start(name, layout.HostStart("serve"), progress, workingDirectory, errorPrefix);

    /// <summary>Starts any process that speaks the protocol on stdin and stdout (tests start a shell script).</summary>
    public static HostProcess Start(
        string name,
        ProcessStartInfo info,
        Action<string>? progress,
        string? workingDirectory = null,
        string errorPrefix = ""
    )
    {
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        if (workingDirectory is not null)
            info.WorkingDirectory = workingDirectory;
        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw Crashed($"the {name} could not be started: {e.Message}");
        }
        var host = new HostProcess(name, process ?? throw Crashed($"the {name} could not be started."), progress, errorPrefix);
        host._process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Sends one command and waits for its reply at most <paramref name="timeout"/> (progress lines do not extend it;
    /// <see cref="Timeout.InfiniteTimeSpan"/>: as long as it takes).</summary>
    /// <param name="timeoutAdvice">What to do about a timeout, in the words of the host the gate runs in.</param>
    public HostReply Send(HostCommand command, TimeSpan timeout, string? timeoutAdvice = null)
    {
        try
        {
            _process.StandardInput.WriteLine(JsonSerializer.Serialize(command, PerfGateJson.Line));
            _process.StandardInput.Flush();
        }
        catch (IOException)
        {
            throw Died(command.Op);
        }
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var read = _process.StandardOutput.ReadLineAsync();
            var left = timeout == Timeout.InfiniteTimeSpan ? timeout : timeout - deadline.Elapsed;
            if ((left < TimeSpan.Zero && left != Timeout.InfiniteTimeSpan) || !read.Wait(left))
            {
                Kill();
                throw new PerfGateException(
                    ErrorCodes.ProcessTimedOut,
                    $"the {Name} did not answer '{command.Op}' within {Numbers.Fixed(timeout.TotalSeconds, 0)} s and was stopped"
                        + (timeoutAdvice is null ? "." : $"; {timeoutAdvice}"),
                    exitCode: ExitCodes.MeasuredProcessFailed
                );
            }
            if (read.Result is not { } line)
                throw Died(command.Op);
            if (!line.StartsWith(HostProtocol.ReplyPrefix, StringComparison.Ordinal))
            {
                OnLine(line);
                continue;
            }
            var reply = Read(command.Op, line[HostProtocol.ReplyPrefix.Length..]);
            if (reply.Error is { } error)
                throw Answered(command.Op, error, reply.ExitCode);
            return reply;
        }
    }

    private HostReply Read(string op, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<HostReply>(json, PerfGateJson.Strict) ?? throw new JsonException("an empty reply");
        }
        catch (JsonException e)
        {
            throw new PerfGateException(
                ErrorCodes.ReportMissing,
                $"the {Name} answered '{op}' with a reply PerfGate cannot read ({e.Message}); is it of another PerfGate version?",
                exitCode: ExitCodes.MeasuredProcessFailed
            );
        }
    }

    /// <summary>Stops the host and whatever it started (a cancelled build).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // it ended already
        }
    }

    /// <summary>The host's own error, with its code, file and line kept; a host of an older protocol that does not know a command
    /// added since says so as a version mismatch.</summary>
    private PerfGateException Answered(string op, string canonical, int exitCode)
    {
        if (op is "call" or "check" && canonical.Contains($"unknown A/B command '{op}'", StringComparison.Ordinal))
            return new PerfGateException(
                ErrorCodes.NoMeasuringHost,
                $"the {Name} is of an older PerfGate (it does not know '{op}', added in protocol 4): use one PerfGate version for the "
                    + "tool and the project's PerfGate packages."
            );
        return PerfGateException.FromCanonicalLine(canonical, exitCode, _errorPrefix) ?? Crashed($"the {Name} failed: {canonical}");
    }

    private PerfGateException Died(string op)
    {
        _process.WaitForExit(5000);
        var exit = _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running";
        return Crashed($"the {Name} ended before it answered '{op}' (exit code {exit}); its last output: {LastOutput()}");
    }

    private string LastOutput()
    {
        lock (_lastLines)
            return _lastLines.Count == 0 ? "(no output)" : string.Join(" | ", _lastLines);
    }

    private static PerfGateException Crashed(string message) =>
        new(ErrorCodes.ProcessCrashed, message, exitCode: ExitCodes.MeasuredProcessFailed);

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 5)
                _lastLines.Dequeue();
        }
        _progress?.Invoke(line);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine(JsonSerializer.Serialize(new HostCommand("quit"), PerfGateJson.Line));
                _process.StandardInput.Close();
                if (!_process.WaitForExit(10_000))
                    _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // it ended already
        }
        _process.Dispose();
    }
}
