using PerfGate.Core;
using PerfGate.Core.Against;
using PerfGate.Core.Measurements;
using PerfGate.Orchestration.Building;
using PerfGate.Orchestration.Hosting;

namespace PerfGate.Orchestration.Against;

/// <summary>
/// The controller's end of one A/B side: a <see cref="HostProcess"/> on that side's own build output, driven by the side's
/// commands of <see cref="HostProtocol"/>. Its progress is passed on with the side's name; an error it answers with keeps its
/// code and names the side.
/// </summary>
internal sealed class SideProcess : IMeasuringSide
{
    private readonly HostProcess _host;
    private readonly TimeSpan _replyTimeout;

    private SideProcess(string name, HostProcess host, TimeSpan replyTimeout)
    {
        Name = name;
        _host = host;
        _replyTimeout = replyTimeout;
        Hello = null!;
    }

    public string Name { get; }

    public SideHello Hello { get; private set; }

    public static SideProcess Start(string name, HostLayout layout, SideSettings settings, Action<string>? progress, TimeSpan replyTimeout)
    {
        var host = HostProcess.Start(
            $"{name} measuring process",
            layout,
            line => progress?.Invoke($"{name}: {line}"),
            Path.GetDirectoryName(layout.TargetPath)!,
            $"{name} side: "
        );
        var side = new SideProcess(name, host, replyTimeout);
        SideHello hello;
        try
        {
            hello = side.Send(new HostCommand("hello", settings)).Hello!;
        }
        catch (PerfGateException e) when (e.Code == ErrorCodes.ProcessCrashed)
        {
            side.Dispose();
            throw new PerfGateException(
                ErrorCodes.NoMeasuringHost,
                $"the {name} build's measuring host did not start A/B measuring (its PerfGate may predate it): {e.Message}",
                layout.HostAssembly
            );
        }
        if (hello.Protocol is < HostProtocol.Oldest or > HostProtocol.Version)
        {
            side.Dispose();
            throw new PerfGateException(
                ErrorCodes.NoMeasuringHost,
                $"the {name} build's PerfGate {hello.PerfGateVersion} speaks A/B protocol {hello.Protocol}, this one "
                    + $"{HostProtocol.Oldest} to {HostProtocol.Version}: use one PerfGate version on both sides.",
                layout.HostAssembly
            );
        }
        side.Hello = hello;
        return side;
    }

    public SidePrepared Prepare(string model) => Send(new HostCommand("prepare", Model: model)).Prepared!;

    public SidePilot Pilot(string model, int batch) => Send(new HostCommand("pilot", Model: model, Batch: batch)).Pilot!;

    public RoundTiming Turn(string model, int batch, int modelCalls, int calibrationCalls) =>
        Send(new HostCommand("turn", Model: model, Batch: batch, ModelCalls: modelCalls, CalibrationCalls: calibrationCalls)).Turn!;

    public ProfileRound? Profile(string model, int batch) =>
        HostProtocol.Profiles(Hello.Protocol) ? Send(new HostCommand("profile", Model: model, Batch: batch)).Profile : null;

    private HostReply Send(HostCommand command) => _host.Send(command, _replyTimeout);

    public void Dispose() => _host.Dispose();
}
