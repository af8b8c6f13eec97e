using PerfGate.Core.Baselines;
using PerfGate.Core.Tests.Repository;

namespace PerfGate.Core.Tests.Gate;

/// <summary>
/// A baseline of the first layout (schemaVersion 1, counted metrics inside the per-device file, as the first version wrote
/// them; the fixture is such a file, kept as committed then): refused with the command that migrates it, and migrated.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("perfgate-migrate").FullName;
    private readonly string _legacy;

    public MigrationTests()
    {
        _legacy = Path.Combine(_root, "mlp-stack-1", "cpu-x64-avx2-1t.verified.json");
        Directory.CreateDirectory(Path.GetDirectoryName(_legacy)!);
        File.Copy(
            Path.Combine(RepositoryRoot.Path, "tests", "PerfGate.Core.Tests", "Fixtures", "legacy-mlp-stack-1.verified.json"),
            _legacy
        );
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void An_old_layout_file_is_refused_with_the_migrate_command_and_left_alone()
    {
        var before = File.ReadAllText(_legacy);
        var e = Assert.Throws<PerfGateException>(() => ApprovedBaselines.Read(new BaselinePaths(_root), "mlp-stack-1", "cpu-x64-avx2-1t"));
        Assert.Equal("PG0205", e.Code);
        Assert.Contains($"perfgate migrate --baselines {_root}", e.Message);
        Assert.Equal(_legacy, e.File);
        Assert.Equal(before, File.ReadAllText(_legacy));
    }

    [Fact]
    public void Migration_splits_counts_from_throughput_keeping_every_approved_figure()
    {
        var migrated = BaselineMigration.Run(new BaselinePaths(_root));

        var one = Assert.Single(migrated);
        Assert.True(one.CountsWritten);
        var approved = ApprovedBaselines.Read(new BaselinePaths(_root), "mlp-stack-1", "cpu-x64-avx2-1t");
        // Figures as the legacy file holds them (read off the fixture by hand): 1 affine(4096) layer + ReLU.
        var counts = approved.Counts!.Value.Value.Counted;
        Assert.Equal(33_554_432, counts.Flops);
        Assert.Equal(16_781_312, counts.Params);
        Assert.Equal(33_554_432, counts.Layers["affine1"].Flops);
        Assert.Null(counts.Layers["affine1"].OutputShape); // not recorded in the first layout
        var throughput = approved.Throughput!.Value.Value;
        Assert.Equal(Baseline.CurrentSchemaVersion, throughput.SchemaVersion);
        Assert.Equal([1, 4], throughput.Throughput.Keys.Order());
        Assert.All(throughput.Throughput.Values, t => Assert.Equal([t.NormalizedMedian], t.RunMedians));
        Assert.DoesNotContain("counted", File.ReadAllText(_legacy));

        Assert.Empty(BaselineMigration.Run(new BaselinePaths(_root))); // once is enough
    }

    [Fact]
    public void Two_device_files_that_disagree_on_the_counts_stop_the_migration_before_anything_is_written()
    {
        var other = Path.Combine(_root, "mlp-stack-1", "cpu-x64-avx512-1t.verified.json");
        File.WriteAllText(
            other,
            File.ReadAllText(_legacy).Replace("\"flops\": 33554432", "\"flops\": 33554433").Replace("cpu-x64-avx2-1t", "cpu-x64-avx512-1t")
        );
        var before = (File.ReadAllText(_legacy), File.ReadAllText(other));

        var e = Assert.Throws<PerfGateException>(() => BaselineMigration.Run(new BaselinePaths(_root)));

        Assert.Equal("PG0207", e.Code);
        Assert.Equal(before, (File.ReadAllText(_legacy), File.ReadAllText(other)));
        Assert.False(File.Exists(Path.Combine(_root, "mlp-stack-1", "counts.verified.json")));
    }
}
