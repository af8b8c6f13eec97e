using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using PerfGate.Core.Text;

namespace PerfGate.Torch.Runtime;

/// <summary>
/// Puts a pipe in place of a file descriptor that native code writes to (libtorch writes its warnings straight to fd 2, past
/// .NET's Console), and a thread that reads it: every line goes to a log file, and on to the original descriptor only the first
/// time its text is seen (<see cref="RepeatedLines"/>). <see cref="Dispose"/> puts the original descriptor back, waits for the
/// last line and writes the summary of what was repeated, which names the log; with nothing repeated the log is removed.
/// Linux and macOS (libc's pipe, dup, dup2); elsewhere
/// <see cref="Install"/> returns null and nothing changes.
/// </summary>
internal sealed class NativeOutputFilter : IDisposable
{
    private readonly int _fd;
    private readonly int _original;
    private readonly Stream _shown;
    private readonly string _logPath;
    private readonly RepeatedLines _lines = new();
    private readonly Thread _reader;
    private StreamWriter? _log;
    private bool _disposed;

    private NativeOutputFilter(int fd, int original, int readEnd, string logPath)
    {
        _fd = fd;
        _original = original;
        _logPath = logPath;
        _shown = new FileStream(new SafeFileHandle(original, ownsHandle: false), FileAccess.Write, bufferSize: 1);
        var pipe = new FileStream(new SafeFileHandle(readEnd, ownsHandle: true), FileAccess.Read, bufferSize: 4096);
        _reader = new Thread(() => Pump(pipe)) { IsBackground = true, Name = "perfgate native output" };
        _reader.Start();
    }

    public string LogPath => _logPath;

    /// <summary>Filters <paramref name="fd"/> from now on; null where libc's calls are not available or fail.</summary>
    public static NativeOutputFilter? Install(int fd, string logPath)
    {
        if (!LibC.IsAvailable)
            return null;
        var ends = new int[2];
        if (LibC.pipe(ends) != 0)
            return null;
        var original = LibC.dup(fd);
        if (original < 0 || LibC.dup2(ends[1], fd) < 0)
        {
            LibC.close(ends[0]);
            LibC.close(ends[1]);
            if (original >= 0)
                LibC.close(original);
            return null;
        }
        LibC.close(ends[1]);
        return new NativeOutputFilter(fd, original, ends[0], logPath);
    }

    private void Pump(Stream pipe)
    {
        using var reader = new StreamReader(pipe, Encoding.UTF8);
        for (string? line; (line = reader.ReadLine()) is not null; )
        {
            _log ??= new StreamWriter(_logPath, append: false, new UTF8Encoding(false));
            _log.WriteLine(line);
            if (_lines.Show(line))
                Show(line);
        }
        _log?.Flush();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a log left behind is untidy, not wrong
        }
    }

    private void Show(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        _shown.Write(bytes);
        _shown.Flush();
    }

    /// <summary>The original descriptor back in place; the last lines read and the summary of the repeats written to it.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        LibC.dup2(_original, _fd); // closes the pipe's last write end (unless a child still holds one): the reader sees its end
        _reader.Join(TimeSpan.FromSeconds(5));
        _log?.Dispose();
        var summary = _lines.Summary(_logPath);
        if (summary.Count == 0 && _log is not null)
            TryDelete(_logPath); // every line was shown: the log holds nothing more (one was left per process: thousands in /tmp)
        foreach (var line in summary)
            Show(line);
        _shown.Dispose();
        LibC.close(_original);
    }

    /// <summary>libc's descriptor calls, loaded by their library's file name (no "libc.so" link exists without the dev package).</summary>
    private static class LibC
    {
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        public delegate int Pipe([Out] int[] ends);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        public delegate int OneDescriptor(int fd);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        public delegate int TwoDescriptors(int from, int to);

        private static readonly nint Library = Load();

        public static bool IsAvailable => Library != 0;

        public static readonly Pipe pipe = Export<Pipe>("pipe");
        public static readonly OneDescriptor dup = Export<OneDescriptor>("dup");
        public static readonly TwoDescriptors dup2 = Export<TwoDescriptors>("dup2");
        public static readonly OneDescriptor close = Export<OneDescriptor>("close");

        private static T Export<T>(string name)
            where T : Delegate => Library == 0 ? null! : Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(Library, name));

        private static nint Load()
        {
            var name =
                OperatingSystem.IsLinux() ? "libc.so.6"
                : OperatingSystem.IsMacOS() ? "libSystem.dylib"
                : null;
            return name is not null && NativeLibrary.TryLoad(name, out var handle) ? handle : 0;
        }
    }
}
