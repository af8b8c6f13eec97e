using System.Text;

namespace PerfGate.Core.Serialization;

/// <summary>Writes a file so that readers see the old content or the new, never half: temp file beside it, then rename.</summary>
public static class AtomicFile
{
    public static string Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
