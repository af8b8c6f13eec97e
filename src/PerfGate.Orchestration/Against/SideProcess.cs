using System.Diagnostics;
using System.Text.Json;
using PerfGate.Core;
using PerfGate.Core.Against;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using PerfGate.Orchestration.Building;

namespace PerfGate.Orchestration.Against;

/// <summary>
/// The controller's end of one side: `dotnet exec --runtimeconfig … --depsfile … PerfGate.Host.dll serve` on that side's own
/// build output, spoken to over <see cref="ServeProtocol"/>. Its stderr (progress) is passed on with the side's name; an
/// error it answers with becomes a <see cref="PerfGateException"/> with the same code, naming the side; a process that dies
/// or stops answering is PG2004 with its last output.
/// </summary>
public sealed class SideProcess : IMeasuringSide
{
    private readonly Process _process;
    private readonly Queue<string> _lastErrors = new();
    private readonly Action<string>? _progress;
    private readonly TimeSpan _replyTimeout;

    private SideProcess(string name, Process process, Action<string>? progress, TimeSpan replyTimeout)
    {
        Name = name;
        _process = process;
        _progress = progress;
        _replyTimeout = replyTimeout;
        Hello = null!;
    }

    public string Name { get; }

    public SideHello Hello { get; private set; }

    public static SideProcess Start(string name, SideLayout layout, SideSettings settings, Action<string>? progress, TimeSpan replyTimeout)
    {
        var info = layout.HostStart("serve");
        info.RedirectStandardInput = true;
        info.WorkingDirectory = Path.GetDirectoryName(layout.TargetPath)!;
        var side = new SideProcess(
            name,
            Process.Start(info)
                ?? throw new PerfGateException(
                    GateDiagnostics.ProcessCrashed,
                    $"the {name} measuring process could not be started.",
                    exitCode: ExitCodes.MeasuredProcessFailed
                ),
            progress,
            replyTimeout
        );
        side._process.ErrorDataReceived += (_, e) => side.OnError(e.Data);
        side._process.BeginErrorReadLine();
        SideHello hello;
        try
        {
            hello = side.Send(new ServeCommand("hello", settings)).Hello!;
        }
        catch (PerfGateException e) when (e.Code == GateDiagnostics.ProcessCrashed)
        {
            side.Dispose();
            throw new PerfGateException(
                ErrorCodes.NoMeasuringHost,
                $"the {name} build's measuring host did not start A/B measuring: {e.Message}",
                layout.HostAssembly
            );
        }
        if (hello.Protocol is < ServeProtocol.Oldest or > ServeProtocol.Version)
        {
            side.Dispose();
            throw new PerfGateException(
                ErrorCodes.NoMeasuringHost,
                $"the {name} build's PerfGate {hello.PerfGateVersion} speaks A/B protocol {hello.Protocol}, this one "
                    + $"{ServeProtocol.Oldest} to {ServeProtocol.Version}: use one PerfGate version on both sides.",
                layout.HostAssembly
            );
        }
        side.Hello = hello;
        return side;
    }

    public SidePrepared Prepare(string model) => Send(new ServeCommand("prepare", Model: model)).Prepared!;

    public SidePilot Pilot(string model, int batch) => Send(new ServeCommand("pilot", Model: model, Batch: batch)).Pilot!;

    public RoundTiming Turn(string model, int batch, int modelCalls, int calibrationCalls) =>
        Send(new ServeCommand("turn", Model: model, Batch: batch, ModelCalls: modelCalls, CalibrationCalls: calibrationCalls)).Turn!;

    public ProfileRound? Profile(string model, int batch) =>
        ServeProtocol.Profiles(Hello.Protocol) ? Send(new ServeCommand("profile", Model: model, Batch: batch)).Profile : null;

    private ServeReply Send(ServeCommand command)
    {
        try
        {
            _process.StandardInput.WriteLine(JsonSerializer.Serialize(command, PerfGateJson.Line));
            _process.StandardInput.Flush();
        }
        catch (IOException)
        {
            throw Died();
        }
        while (true)
        {
            var read = _process.StandardOutput.ReadLineAsync();
            if (!read.Wait(_replyTimeout))
            {
                _process.Kill(entireProcessTree: true);
                throw new PerfGateException(
                    ErrorCodes.ProcessTimedOut,
                    $"the {Name} measuring process did not answer '{command.Op}' within {_replyTimeout.TotalSeconds:0} s and was stopped.",
                    exitCode: ExitCodes.MeasuredProcessFailed
                );
            }
            if (read.Result is not { } line)
                throw Died();
            if (!line.StartsWith(ServeProtocol.ReplyPrefix, StringComparison.Ordinal))
            {
                _progress?.Invoke($"{Name}: {line}");
                continue;
            }
            var reply = JsonSerializer.Deserialize<ServeReply>(line[ServeProtocol.ReplyPrefix.Length..], PerfGateJson.Strict)!;
            if (reply.Error is { } error)
                throw Answered(error, reply.ExitCode);
            return reply;
        }
    }

    /// <summary>The side's own error, with its code, file and line kept and the side named in front.</summary>
    private PerfGateException Answered(string canonical, int exitCode) =>
        PerfGateException.FromCanonicalLine(canonical, exitCode, $"{Name} side: ")
        ?? new PerfGateException(
            GateDiagnostics.ProcessCrashed,
            $"the {Name} measuring process failed: {canonical}",
            exitCode: ExitCodes.MeasuredProcessFailed
        );

    private PerfGateException Died()
    {
        _process.WaitForExit(5000);
        var exit = _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running";
        string[] last;
        lock (_lastErrors)
            last = _lastErrors.ToArray();
        return new PerfGateException(
            GateDiagnostics.ProcessCrashed,
            $"the {Name} measuring process ended before it answered (exit {exit}); its PerfGate may predate A/B measuring (protocol "
                + $"{ServeProtocol.Version}). Its last output: {string.Join(" | ", last)}",
            exitCode: ExitCodes.MeasuredProcessFailed
        );
    }

    private void OnError(string? line)
    {
        if (line is null)
            return;
        lock (_lastErrors)
        {
            _lastErrors.Enqueue(line);
            while (_lastErrors.Count > 5)
                _lastErrors.Dequeue();
        }
        _progress?.Invoke($"{Name}: {line}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine(JsonSerializer.Serialize(new ServeCommand("quit"), PerfGateJson.Line));
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
