using PerfGate.Cli;
using PerfGate.Commands;

namespace PerfGate.Torch.Tests.Cli;

/// <summary>Runs perfgate in this process and captures what it prints.</summary>
internal static class InProcessCli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = PerfGateCli.Run(args, stdout, stderr, CliRunners.For, RepositoryApprove.Command);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
