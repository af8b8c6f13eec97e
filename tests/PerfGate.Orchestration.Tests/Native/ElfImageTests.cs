using PerfGate.Orchestration.Native;

namespace PerfGate.Orchestration.Tests.Native;

public class ElfImageTests
{
    [Fact]
    public void Reads_the_version_definitions_of_the_host_libstdcxx()
    {
        var host = SystemLibraries.Find(VersionNeedRelaxer.LibStdCxx);
        Assert.NotNull(host); // every Linux machine this project builds on has one

        var versions = ElfImage.Load(host).VersionDefinitions();

        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("CXXABI_1.3", versions);
        Assert.DoesNotContain("GLIBC_2.2.5", versions); // needed by libstdc++, not defined by it
    }

    [Fact]
    public void A_file_that_is_not_elf_is_rejected_with_its_name()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            ElfImage.Parse("not an elf file at all, just text...................................."u8.ToArray(), "notes.txt")
        );
        Assert.Equal("notes.txt: not an ELF file.", e.Message);
    }

    [Fact]
    public void A_truncated_elf_is_rejected()
    {
        var host = SystemLibraries.Find(VersionNeedRelaxer.LibStdCxx)!;
        var head = File.ReadAllBytes(host).AsSpan(0, 4096).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => ElfImage.Parse(head, "cut.so"));
        Assert.StartsWith("cut.so: section header table", e.Message);
    }

    [Fact]
    public void A_32_bit_elf_is_rejected()
    {
        var bytes = new byte[64];
        "\x7fELF"u8.CopyTo(bytes);
        bytes[4] = 1; // ELFCLASS32
        bytes[5] = 1;
        Assert.Throws<InvalidDataException>(() => ElfImage.Parse(bytes, "x86.so"));
    }

    [Fact]
    public void The_search_follows_ld_library_path_first()
    {
        var dir = Directory.CreateTempSubdirectory("perfgate-ld").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "libfake.so.1"), "");
            Assert.Equal(Path.Combine(dir, "libfake.so.1"), SystemLibraries.Find("libfake.so.1", dir));
            Assert.Null(SystemLibraries.Find("libfake.so.1", "/nonexistent"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
