using System.Text.Json.Nodes;

namespace PerfGate.Torch.Tests.Cli;

/// <summary>The committed fixtures of the command-line tests: mlp-stack-1's baselines and a results file of it, copied into a
/// test's own folder (changed as the test needs) so that no test touches another's files.</summary>
internal static class CliFixtures
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The fixture baselines copied to <paramref name="to"/>.</summary>
    public static string CopyBaselines(string to)
    {
        var from = Path.Combine(Folder, "baselines");
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return to;
    }

    /// <summary>The fixture results file, changed by <paramref name="change"/>, written as results.json in <paramref
    /// name="folder"/>.</summary>
    public static string Results(string folder, Action<JsonNode>? change = null)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "mlp-stack-1.results.json")))!;
        change?.Invoke(node);
        var path = Path.Combine(folder, "results.json");
        File.WriteAllText(path, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
