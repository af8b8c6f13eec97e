using PerfGate.Cli;
using PerfGate.Commands;

return PerfGateCli.Run(args, Console.Out, Console.Error, CliRunners.For, RepositoryApprove.Command);
