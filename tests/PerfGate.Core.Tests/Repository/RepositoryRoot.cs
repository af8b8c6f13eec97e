namespace PerfGate.Core.Tests.Repository;

/// <summary>The repository checkout these tests run from: the folder holding PerfGate.sln above the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(System.IO.Path.Combine(dir, "PerfGate.sln")))
            dir = Directory.GetParent(dir)!.FullName;
        return dir;
    }
}
