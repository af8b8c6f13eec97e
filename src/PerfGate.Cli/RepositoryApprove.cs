namespace PerfGate.Cli;

/// <summary>
/// How to run approve with this repository's perfgate, as it was run and from where: from the repository root with `dotnet
/// run`; from another folder (a user's repository) as this same perfgate.dll. A printed command must work where it is printed.
/// </summary>
internal static class RepositoryApprove
{
    public static string Command
    {
        get
        {
            var home = AppContext.BaseDirectory.Replace('\\', '/');
            var at = home.IndexOf("/src/PerfGate.Cli/bin/", StringComparison.Ordinal);
            if (at < 0)
                return $"dotnet {Path.Combine(AppContext.BaseDirectory, "perfgate.dll")} approve";
            var repository = Path.GetFullPath(home[..at]).TrimEnd('/');
            return Path.GetFullPath(".").TrimEnd('/') == repository
                ? "dotnet run --project src/PerfGate.Cli -c Release -- approve"
                : $"dotnet {Path.Combine(AppContext.BaseDirectory, "perfgate.dll")} approve";
        }
    }
}
