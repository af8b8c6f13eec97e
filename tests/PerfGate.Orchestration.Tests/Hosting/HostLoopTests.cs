using System.Text.Json;
using PerfGate.Core;
using PerfGate.Core.Against;
using PerfGate.Core.Gate;
using PerfGate.Core.Running;
using PerfGate.Core.Serialization;
using PerfGate.Core.Tests.Against;
using PerfGate.Orchestration.Hosting;

namespace PerfGate.Orchestration.Tests.Hosting;

public sealed class HostLoopTests
{
    private static HostHandlers Sides(Func<SideSettings, IMeasuringSide> start) =>
        new(start, (_, _) => throw new NotSupportedException(), (_, _) => throw new NotSupportedException());

    private static (string[] Replies, List<string> Log) Serve(params string[] commands)
    {
        var log = new List<string>();
        var output = new StringWriter();
        HostLoop.Run(new StringReader(string.Join("\n", commands)), output, TextWriter.Null, Sides(_ => new FakeSide("side", 0.001, log)));
        return (output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), log);
    }

    private static HostReply Reply(string line)
    {
        Assert.StartsWith(HostProtocol.ReplyPrefix, line);
        return JsonSerializer.Deserialize<HostReply>(line[HostProtocol.ReplyPrefix.Length..], PerfGateJson.Strict)!;
    }

    [Fact]
    public void Each_command_gets_one_reply_line_and_quit_ends_the_loop_and_disposes_the_side()
    {
        var (replies, log) = Serve(
            """{"op":"hello","settings":{"assembly":null,"device":"cpu","threads":1,"injectedSlowdown":0}}""",
            """{"op":"prepare","model":"tiny"}""",
            """{"op":"turn","model":"tiny","batch":2,"modelCalls":3,"calibrationCalls":1}""",
            """{"op":"quit"}""",
            """{"op":"prepare","model":"never"}"""
        );
        Assert.Equal(3, replies.Length);
        Assert.Equal(HostProtocol.Version, Reply(replies[0]).Hello!.Protocol);
        Assert.Equal("tiny", Reply(replies[1]).Prepared!.Counted.Model);
        Assert.Equal(3, Reply(replies[2]).Turn!.ModelCalls);
        Assert.Equal(["side prepare tiny", "side turn 2 3", "side disposed"], log);
    }

    [Fact]
    public void Profile_is_answered_with_the_layer_times_and_other_replies_leave_it_out_for_a_protocol_1_controller()
    {
        var log = new List<string>();
        var output = new StringWriter();
        HostLoop.Run(
            new StringReader(
                string.Join(
                    "\n",
                    """{"op":"hello","settings":{"assembly":null,"device":"cpu","threads":1,"injectedSlowdown":0}}""",
                    """{"op":"prepare","model":"tiny"}""",
                    """{"op":"profile","model":"tiny","batch":2}"""
                )
            ),
            output,
            TextWriter.Null,
            Sides(_ => new FakeSide(
                "side",
                0.001,
                log,
                layerSeconds: new Dictionary<string, double> { ["conv1"] = 0.0005 },
                outsideSeconds: 0.0001
            ))
        );
        var replies = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // hello, as a controller of protocol 1 reads it strictly
        Assert.DoesNotContain("profile", replies[0], StringComparison.OrdinalIgnoreCase);
        var profile = Reply(replies[2]).Profile!;
        Assert.Equal(["conv1"], profile.LayerSeconds.Keys);
        Assert.InRange(profile.ForwardSeconds, 0.0011, 0.0013);
        Assert.True(HostProtocol.Profiles(HostProtocol.Version) && !HostProtocol.Profiles(HostProtocol.Oldest));
    }

    [Fact]
    public void A_bad_command_is_answered_with_its_coded_error_and_the_loop_goes_on()
    {
        var (replies, _) = Serve(
            """{"op":"prepare","model":"tiny"}""",
            """{"op":"dance"}""",
            "not json",
            """{"op":"hello","settings":{"assembly":null,"device":"cpu","threads":1,"injectedSlowdown":0}}"""
        );
        Assert.Contains("error PG0005: the first A/B command must be hello", Reply(replies[0]).Error);
        Assert.Equal(ExitCodes.BadInput, Reply(replies[0]).ExitCode);
        Assert.Contains("unknown command 'dance'", Reply(replies[1]).Error);
        Assert.Contains("not a command", Reply(replies[2]).Error);
        Assert.NotNull(Reply(replies[3]).Hello);
    }

    [Fact]
    public void Call_and_check_are_answered_whole_and_a_caller_of_another_protocol_is_refused()
    {
        var output = new StringWriter();
        var progress = new StringWriter();
        var handlers = new HostHandlers(
            _ => throw new NotSupportedException(),
            (call, report) =>
            {
                report($"calling {call.Verb}");
                return new[] { call.Model };
            },
            (request, _) => new BuildGateAnswer(CheckVerdicts.Of([], request.ApproveCommand), "the table", ExitCodes.Inconclusive)
        );
        string Line(HostCommand command) => JsonSerializer.Serialize(command, PerfGateJson.Line);
        var gate = new BuildGateRequest(
            new CheckRequest([], false, null, null, null, "baselines", null, 10, 1, "cpu"),
            false,
            "r.json",
            "s.md",
            "results",
            "approve it"
        );

        HostLoop.Run(
            new StringReader(
                string.Join(
                    "\n",
                    Line(new HostCommand("call") { Protocol = HostProtocol.Version, Call = new RunnerCall("models", Model: "tiny") }),
                    Line(new HostCommand("call") { Protocol = HostProtocol.Version - 1, Call = new RunnerCall("models") }),
                    Line(new HostCommand("check") { Protocol = HostProtocol.Version, Gate = gate }),
                    Line(new HostCommand("check") { Protocol = HostProtocol.Version })
                )
            ),
            output,
            progress,
            handlers
        );
        var replies = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["tiny"], Reply(replies[0]).Answer!.Value.Deserialize<string[]>(PerfGateJson.Options)!);
        Assert.Contains("calling models", progress.ToString());
        Assert.Contains(
            $"error PG0015: this measuring host speaks protocol {HostProtocol.Version}, the caller {HostProtocol.Version - 1}",
            Reply(replies[1]).Error
        );
        var answer = Reply(replies[2]).Gate!;
        Assert.Equal(("the table", ExitCodes.Inconclusive, "approve it"), (answer.Table, answer.ExitCode, answer.Verdicts.ApproveCommand));
        Assert.Contains("error PG0005: 'check' needs its gate request", Reply(replies[3]).Error);
    }

    /// <summary>A base built with an older PerfGate reads its commands strictly (no key it does not know): what protocol 4 added is
    /// left out of them.</summary>
    [Fact]
    public void An_ab_sides_commands_keep_the_shape_of_protocol_1()
    {
        var hello = JsonSerializer.Serialize(new HostCommand("hello", new SideSettings(null, "cpu", 1)), PerfGateJson.Line);
        var turn = JsonSerializer.Serialize(new HostCommand("turn", Model: "tiny", Batch: 2, ModelCalls: 3), PerfGateJson.Line);
        foreach (var line in new[] { hello, turn })
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(
                ["op", "settings", "model", "batch", "modelCalls", "calibrationCalls"],
                document.RootElement.EnumerateObject().Select(p => p.Name)
            );
        }
    }
}
