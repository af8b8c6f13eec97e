using PerfGate.Commands;
using PerfGate.Commands.Commands;
using PerfGate.Commands.Running;

// The installed perfgate runs no model itself: it builds the user's project (--project, else the one in this folder, as
// `dotnet test` finds it) and asks PerfGate.Host on that build output.
return PerfGateCli.Run(args, Console.Out, Console.Error, (project, configuration, progress) =>
    new HostRunner(project ?? ProjectHere.Find("this command runs your model on your project's build"), configuration, progress)
);
