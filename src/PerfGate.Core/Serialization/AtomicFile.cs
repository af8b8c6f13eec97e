using System.Text;

namespace PerfGate.Core.Serialization;

/// <summary>Writes a file so that readers see the old content or the new, never half: temp file beside it, then rename.</summary>
internal static class AtomicFile
{
    /// <exception cref="PerfGateException">PG0011 (exit 5) naming the path, when the file or its folder cannot be written.</exception>
    public static string Write(string path, string content) =>
        WriteWith(path, temp => File.WriteAllText(temp, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));

    /// <summary>
    /// The same for a file another library writes (a chart): <paramref name="writeTemp"/> writes the temp path it is given (it
    /// ends in the target's extension); a failure there, a full disk among them, leaves neither the temp file nor an empty target.
    /// </summary>
    /// <exception cref="PerfGateException">PG0011 (exit 5) naming the path.</exception>
    public static string WriteWith(string path, Action<string> writeTemp)
    {
        string? temp = null;
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            if (Directory.Exists(path))
                throw new IOException("a folder of that name is in the way");
            temp = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(path)}.{Guid.NewGuid():N}.tmp{Path.GetExtension(path)}");
            writeTemp(temp);
            File.Move(temp, path, overwrite: true);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (temp is not null && File.Exists(temp))
                File.Delete(temp);
            throw CannotWrite(path, e);
        }
    }

    public static PerfGateException CannotWrite(string path, Exception e) =>
        new(ErrorCodes.FileAccess, $"PerfGate could not write this file: {e.Message}", path, exitCode: ExitCodes.PerfGateFailed);
}
