using PerfGate.Core;

namespace PerfGate.Commands.Verbs;

/// <summary>The one project file in the current folder, as `dotnet build` and `dotnet test` find it.</summary>
internal static class ProjectHere
{
    /// <param name="why">What needs the project, said first in the error when there is none or several.</param>
    public static string Find(string why)
    {
        var projects = Directory.GetFiles(".", "*.csproj");
        return projects is [var only]
            ? Path.GetFullPath(only)
            : throw new PerfGateException(
                ErrorCodes.BadOption,
                $"{why}: pass --project with the .csproj that references PerfGate and PerfGate.Torch, or run in its folder (this folder "
                    + $"has {(projects.Length == 0 ? "none" : "several")}).",
                Path.GetFullPath(".")
            );
    }
}
