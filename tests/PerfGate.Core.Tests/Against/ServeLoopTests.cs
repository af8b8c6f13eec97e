using System.Text.Json;
using PerfGate.Core.Against;
using PerfGate.Core.Serialization;

namespace PerfGate.Core.Tests.Against;

public sealed class ServeLoopTests
{
    private static (string[] Replies, List<string> Log) Serve(params string[] commands)
    {
        var log = new List<string>();
        var output = new StringWriter();
        ServeLoop.Run(new StringReader(string.Join("\n", commands)), output, _ => new FakeSide("side", 0.001, log));
        return (output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), log);
    }

    private static ServeReply Reply(string line)
    {
        Assert.StartsWith(ServeProtocol.ReplyPrefix, line);
        return JsonSerializer.Deserialize<ServeReply>(line[ServeProtocol.ReplyPrefix.Length..], PerfGateJson.Strict)!;
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
        Assert.Equal(ServeProtocol.Version, Reply(replies[0]).Hello!.Protocol);
        Assert.Equal("tiny", Reply(replies[1]).Prepared!.Counted.Model);
        Assert.Equal(3, Reply(replies[2]).Turn!.ModelCalls);
        Assert.Equal(["side prepare tiny", "side turn 2 3", "side disposed"], log);
    }

    [Fact]
    public void Profile_is_answered_with_the_layer_times_and_other_replies_leave_it_out_for_a_protocol_1_controller()
    {
        var log = new List<string>();
        var output = new StringWriter();
        ServeLoop.Run(
            new StringReader(
                string.Join(
                    "\n",
                    """{"op":"hello","settings":{"assembly":null,"device":"cpu","threads":1,"injectedSlowdown":0}}""",
                    """{"op":"prepare","model":"tiny"}""",
                    """{"op":"profile","model":"tiny","batch":2}"""
                )
            ),
            output,
            _ => new FakeSide(
                "side",
                0.001,
                log,
                layerSeconds: new Dictionary<string, double> { ["conv1"] = 0.0005 },
                outsideSeconds: 0.0001
            )
        );
        var replies = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // hello, as a controller of protocol 1 reads it strictly
        Assert.DoesNotContain("profile", replies[0], StringComparison.OrdinalIgnoreCase);
        var profile = Reply(replies[2]).Profile!;
        Assert.Equal(["conv1"], profile.LayerSeconds.Keys);
        Assert.InRange(profile.ForwardSeconds, 0.0011, 0.0013);
        Assert.True(ServeProtocol.Profiles(ServeProtocol.Version) && !ServeProtocol.Profiles(ServeProtocol.Oldest));
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
        Assert.Contains("unknown A/B command 'dance'", Reply(replies[1]).Error);
        Assert.Contains("not an A/B command", Reply(replies[2]).Error);
        Assert.NotNull(Reply(replies[3]).Hello);
    }
}
