namespace PerfGate.Orchestration.Native;

/// <summary>
/// Makes TorchSharp's native library load on hosts whose libstdc++ is older than the one it was linked against.
/// libLibTorchSharp.so needs GLIBCXX_3.4.32 (GCC 13) for one symbol, <c>std::ios_base_library_init()</c>,
/// which it references but never calls. Marking that version need weak (VER_FLG_WEAK) lets the loader accept an
/// older libstdc++. Only versions the host lacks, and only when every symbol bound to them is known to be unused,
/// are relaxed; the result replaces the file by rename, so a hard link into the NuGet cache is never written through.
/// </summary>
internal static class VersionNeedRelaxer
{
    public const string LibStdCxx = "libstdc++.so.6";

    /// <summary>Symbols that a library may reference without ever calling them.</summary>
    public static readonly IReadOnlySet<string> UnusedSymbols = new HashSet<string>(StringComparer.Ordinal)
    {
        "_ZSt21ios_base_library_initv",
    };

    public static RelaxResult Plan(ElfImage image, IReadOnlySet<string> hostVersions, out IReadOnlyList<ElfVersionNeed> toRelax)
    {
        var missing = image.VersionNeeds().Where(n => n.Library == LibStdCxx && !hostVersions.Contains(n.Version)).ToArray();
        var names = missing.Select(n => n.Version).ToArray();
        toRelax = [];
        if (missing.Length == 0)
            return new RelaxResult(RelaxOutcome.NothingMissing, image.Source, names, []);

        var blocking = missing.SelectMany(n => image.SymbolsWithVersion(n.Index)).Where(s => !UnusedSymbols.Contains(s)).ToArray();
        if (blocking.Length > 0)
            return new RelaxResult(RelaxOutcome.Unsafe, image.Source, names, blocking);

        toRelax = missing.Where(n => !n.Weak).ToArray();
        return new RelaxResult(toRelax.Count == 0 ? RelaxOutcome.AlreadyRelaxed : RelaxOutcome.Relaxed, image.Source, names, []);
    }

    /// <summary>Relaxes <paramref name="path"/> in place (temp file + rename) against the host library at <paramref
    /// name="hostLibrary"/>.</summary>
    public static RelaxResult RelaxFile(string path, string hostLibrary) =>
        RelaxFile(path, ElfImage.Load(hostLibrary).VersionDefinitions());

    /// <summary>Relaxes <paramref name="path"/> in place (temp file + rename) against the versions a host library defines.</summary>
    public static RelaxResult RelaxFile(string path, IReadOnlySet<string> hostVersions)
    {
        var image = ElfImage.Load(path);
        var result = Plan(image, hostVersions, out var toRelax);
        if (result.Outcome != RelaxOutcome.Relaxed)
            return result;

        var bytes = (byte[])image.Bytes.Clone();
        foreach (var need in toRelax)
        {
            var at = checked((int)need.FlagsOffset);
            var flags = (ushort)(bytes[at] | bytes[at + 1] << 8 | ElfImage.VerFlagWeak);
            bytes[at] = (byte)flags;
            bytes[at + 1] = (byte)(flags >> 8);
        }
        ReplaceByRename(path, bytes);
        return result;
    }

    private static void ReplaceByRename(string path, byte[] bytes)
    {
        var temp = path + ".perfgate-tmp";
        File.WriteAllBytes(temp, bytes);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
        File.Move(temp, path, overwrite: true);
    }
}
