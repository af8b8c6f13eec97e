using Microsoft.Win32.SafeHandles;
using PerfGate.Core.Text;
using PerfGate.Torch.Runtime;

namespace PerfGate.Torch.Tests.Native;

/// <summary>
/// libtorch's warning flood ("Could not initialize NNPACK! Reason: Unsupported hardware." per convolution call on some CPUs)
/// collapsed: a descriptor written to as native code writes fd 2, through the real pipe and dup2, shows each text once and
/// one summary line with the count, while the log keeps every line.
/// </summary>
public sealed class NativeOutputFilterTests : IDisposable
{
    private const string Flood = "[W1205 07:41:10.000000000 NNPACK.cpp:57] Could not initialize NNPACK! Reason: Unsupported hardware.";
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-native-output").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Log => Path.Combine(_dir, "native.log");

    /// <summary>What <paramref name="write"/> wrote to a descriptor, as native code writes fd 2, comes to through the filter: the
    /// lines shown on it.</summary>
    private string[] Filtered(Action<StreamWriter> write)
    {
        var shown = Path.Combine(_dir, "shown.txt");
        using var target = File.OpenHandle(shown, FileMode.Create, FileAccess.Write);
        var fd = (int)target.DangerousGetHandle();

        var filter = NativeOutputFilter.Install(fd, Log);
        Assert.NotNull(filter);
        using (var native = new FileStream(new SafeFileHandle(fd, ownsHandle: false), FileAccess.Write, bufferSize: 1))
        using (var writer = new StreamWriter(native) { AutoFlush = true })
            write(writer);
        filter.Dispose();
        return File.ReadAllLines(shown);
    }

    [Fact]
    public void A_thousand_repeats_show_once_with_one_summary_line_and_the_log_keeps_them_all()
    {
        var lines = Filtered(writer =>
        {
            writer.Write("a line of its own\n");
            for (var i = 0; i < 1000; i++)
                writer.Write(Flood.Replace(".000000000", $".{i:D9}") + "\n"); // libtorch stamps every repeat with its own time
        });

        Assert.Equal(
            [
                "a line of its own",
                Flood,
                $"note: this line was printed 1,000 times and shown once (every line is in {Log}): {RepeatedLines.Text(Flood)}",
            ],
            lines
        );
        Assert.Equal(1001, File.ReadAllLines(Log).Length);
    }

    [Fact]
    public void Lines_that_were_all_shown_leave_no_log_behind()
    {
        var lines = Filtered(writer => writer.Write("one line\nanother line\n"));

        Assert.Equal(["one line", "another line"], lines);
        Assert.False(File.Exists(Log));
    }

    [Fact]
    public void A_warnings_time_stamp_is_not_its_text()
    {
        Assert.Equal(
            "[W NNPACK.cpp:56] Could not initialize NNPACK! Reason: Unsupported hardware.",
            RepeatedLines.Text("[W1205 10:41:24.703114213 NNPACK.cpp:56] Could not initialize NNPACK! Reason: Unsupported hardware.")
        );
        Assert.Equal("a [W1205 10:41:24.7 x] line", RepeatedLines.Text("a [W1205 10:41:24.7 x] line")); // only at the start
    }

    [Fact]
    public void Repeated_lines_count_each_text_and_forget_nothing_they_showed()
    {
        var lines = new RepeatedLines(maxDistinct: 2);
        Assert.True(lines.Show("a"));
        Assert.False(lines.Show("a"));
        Assert.True(lines.Show("b"));
        Assert.True(lines.Show("c")); // past the limit: shown, not remembered
        Assert.True(lines.Show("c"));
        Assert.False(lines.Show("b"));
        Assert.False(lines.Show("a"));
        Assert.Equal(
            [
                "note: this line was printed 3 times and shown once (every line is in x.log): a",
                "note: this line was printed 2 times and shown once (every line is in x.log): b",
            ],
            lines.Summary("x.log")
        );
    }
}
