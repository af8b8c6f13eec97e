namespace PerfGate.Orchestration.Native;

/// <summary>One entry of an ELF file's <c>.gnu.version_r</c>: a symbol version it needs from a library.</summary>
/// <param name="Library">The needed library (vn_file), e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Version">The version name (vna_name), e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Index">The version index (vna_other) that <c>.gnu.version</c> uses for symbols bound to it.</param>
/// <param name="Weak">Whether VER_FLG_WEAK is set: the loader then tolerates a library without this version.</param>
/// <param name="FlagsOffset">File offset of the entry's vna_flags field.</param>
internal sealed record ElfVersionNeed(string Library, string Version, int Index, bool Weak, long FlagsOffset);
