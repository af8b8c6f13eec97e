using System.Buffers.Binary;
using System.Text;

namespace PerfGate.Orchestration.Native;

/// <summary>
/// A read-only view of the dynamic-linking version tables of a 64-bit little-endian ELF shared object:
/// versions it needs (<c>.gnu.version_r</c>), versions it defines (<c>.gnu.version_d</c>) and which dynamic
/// symbols are bound to which version (<c>.dynsym</c> + <c>.gnu.version</c>).
/// </summary>
internal sealed class ElfImage
{
    public const ushort VerFlagWeak = 0x2;
    private const uint ShtDynSym = 11,
        ShtVerDef = 0x6ffffffd,
        ShtVerNeed = 0x6ffffffe,
        ShtVerSym = 0x6fffffff;

    private readonly byte[] _bytes;
    private readonly Section[] _sections;

    private ElfImage(byte[] bytes, string source)
    {
        _bytes = bytes;
        Source = source;
        _sections = ReadSections();
    }

    public string Source { get; }

    public static ElfImage Load(string path) => Parse(File.ReadAllBytes(path), path);

    public static ElfImage Parse(byte[] bytes, string source)
    {
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new InvalidDataException($"{source}: not an ELF file.");
        if (bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException($"{source}: only 64-bit little-endian ELF files are supported.");
        return new ElfImage(bytes, source);
    }

    public byte[] Bytes => _bytes;

    public IReadOnlyList<ElfVersionNeed> VersionNeeds()
    {
        var needs = new List<ElfVersionNeed>();
        foreach (var section in _sections.Where(s => s.Type == ShtVerNeed))
        {
            var strings = _sections[section.Link];
            var entry = section.Offset;
            for (var i = 0; i < section.Info; i++)
            {
                var count = U16(entry + 2);
                var library = String(strings, U32(entry + 4));
                var aux = entry + U32(entry + 8);
                for (var j = 0; j < count; j++)
                {
                    var flags = U16(aux + 4);
                    needs.Add(
                        new ElfVersionNeed(library, String(strings, U32(aux + 8)), U16(aux + 6), (flags & VerFlagWeak) != 0, aux + 4)
                    );
                    aux += U32(aux + 12);
                }
                entry += U32(entry + 12);
            }
        }
        return needs;
    }

    public IReadOnlySet<string> VersionDefinitions()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in _sections.Where(s => s.Type == ShtVerDef))
        {
            var strings = _sections[section.Link];
            var entry = section.Offset;
            for (var i = 0; i < section.Info; i++)
            {
                var count = U16(entry + 6);
                var aux = entry + U32(entry + 12);
                for (var j = 0; j < count; j++)
                {
                    names.Add(String(strings, U32(aux)));
                    aux += U32(aux + 4);
                }
                entry += U32(entry + 16);
            }
        }
        return names;
    }

    /// <summary>Names of the dynamic symbols bound to a version index (undefined references and definitions alike).</summary>
    public IReadOnlyList<string> SymbolsWithVersion(int index)
    {
        var dynsym = _sections.FirstOrDefault(s => s.Type == ShtDynSym);
        var versym = _sections.FirstOrDefault(s => s.Type == ShtVerSym);
        if (dynsym is null || versym is null)
            return [];
        var strings = _sections[dynsym.Link];
        var count = dynsym.Size / 24;
        var symbols = new List<string>();
        for (var i = 0; i < count; i++)
        {
            if ((U16(versym.Offset + 2 * i) & 0x7fff) == index)
                symbols.Add(String(strings, U32(dynsym.Offset + 24 * i)));
        }
        return symbols;
    }

    private Section[] ReadSections()
    {
        var offset = checked((long)U64(0x28));
        var entrySize = U16(0x3a);
        var count = U16(0x3c);
        if (offset <= 0 || entrySize < 64 || offset + (long)entrySize * count > _bytes.Length)
            throw new InvalidDataException($"{Source}: section header table is missing or truncated.");
        var sections = new Section[count];
        for (var i = 0; i < count; i++)
        {
            var at = offset + (long)i * entrySize;
            sections[i] = new Section(
                U32(at + 4),
                checked((long)U64(at + 24)),
                checked((long)U64(at + 32)),
                (int)U32(at + 40),
                (int)U32(at + 44)
            );
            if (
                sections[i].Type != 8 /* NOBITS */
                && sections[i].Offset + sections[i].Size > _bytes.Length
            )
                throw new InvalidDataException($"{Source}: section {i} lies beyond the end of the file.");
        }
        return sections;
    }

    private string String(Section table, long offset)
    {
        var start = checked((int)(table.Offset + offset));
        var end = Array.IndexOf(_bytes, (byte)0, start);
        if (end < 0)
            throw new InvalidDataException($"{Source}: unterminated string in the string table.");
        return Encoding.ASCII.GetString(_bytes, start, end - start);
    }

    private ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(checked((int)at), 2));

    private uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(checked((int)at), 4));

    private ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan(checked((int)at), 8));

    private sealed record Section(uint Type, long Offset, long Size, int Link, int Info);
}
