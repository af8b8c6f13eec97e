namespace PerfGate.Torch.Runtime;

/// <summary>
/// libtorch's repeated warnings collapsed for the rest of this process (<see cref="NativeOutputFilter"/> on fd 2), installed once
/// by the first measuring call; the summary is written when the process exits. .NET's own Console streams are opened first, so
/// that they keep the original descriptor and PerfGate's progress lines are never taken for repeats. PERFGATE_NATIVE_OUTPUT=full
/// leaves fd 2 alone.
/// </summary>
internal static class NativeWarnings
{
    public const string Variable = "PERFGATE_NATIVE_OUTPUT";

    private static readonly Lazy<NativeOutputFilter?> Filter = new(Install);

    /// <summary>Collapses repeats from now on; the log path every line goes to, or null when nothing is filtered.</summary>
    public static string? Collapse() => Filter.Value?.LogPath;

    private static NativeOutputFilter? Install()
    {
        if (string.Equals(Environment.GetEnvironmentVariable(Variable), "full", StringComparison.OrdinalIgnoreCase))
            return null;
        _ = Console.Out;
        _ = Console.Error; // each dups its descriptor when first opened: opened now, before fd 2 becomes the pipe
        var log = Path.Combine(Path.GetTempPath(), $"perfgate-native-output-{Environment.ProcessId}.log");
        var filter = NativeOutputFilter.Install(fd: 2, log);
        if (filter is not null)
            AppDomain.CurrentDomain.ProcessExit += (_, _) => filter.Dispose();
        return filter;
    }
}
