using PerfGate.Commands;
using PerfGate.Commands.Running;
using PerfGate.Commands.Verbs;

// The installed perfgate runs no model itself: it builds the user's project (--project, else the one in this folder, as
// `dotnet test` finds it) and asks PerfGate.Host on that build output. Installed with --global it is `perfgate`; from a tool
// manifest, `dotnet perfgate`.
var approve = AppContext.BaseDirectory.Replace('\\', '/').Contains("/.dotnet/tools/.store/", StringComparison.Ordinal)
    ? "perfgate approve"
    : "dotnet perfgate approve";
return PerfGateCli.Run(
    args,
    Console.Out,
    Console.Error,
    (project, configuration, progress) =>
        new HostRunner(project ?? ProjectHere.Find("this command runs your model on your project's build"), configuration, progress),
    approve
);
