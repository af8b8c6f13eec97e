using PerfGate.Core.Baselines;
using PerfGate.Core.Gate;
using PerfGate.Core.Measurements;
using PerfGate.Core.Serialization;
using PerfGate.Core.Tests.Measurements;
using Xunit.Abstractions;

namespace PerfGate.Core.Tests.Fuzz;

/// <summary>
/// Every file PerfGate reads, mutated thousands of times: each mutation either still reads as a valid document, or fails as
/// bad input, a PerfGateException with a PG code, exit code 2 and the file's path; never another exception, never exit 4 or 5.
/// The end-to-end twin (through `perfgate check`, with the verified files compared byte for byte) is in the CLI tests.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int MutationsPerFile = 1500;
    private readonly string _dir = Directory.CreateTempSubdirectory("perfgate-fuzz").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Kinds => new() { "throughput", "counts", "results", "tolerances", "check report" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_mutation_is_read_or_refused_as_bad_input_naming_the_file(string kind)
    {
        var (valid, read) = Reader(kind);
        var path = Path.Combine(_dir, "mutated.json");
        read(WriteTo(path, valid)); // the unmutated document reads

        var (accepted, refused) = (0, 0);
        foreach (var (label, text) in Mutator.Mutations(valid, MutationsPerFile, seed: kind.Length))
        {
            try
            {
                read(WriteTo(path, text));
                accepted++;
            }
            catch (PerfGateException e)
            {
                Assert.True(e.ExitCode == ExitCodes.BadInput, $"{kind}, {label}: exit {e.ExitCode} ({e.Code}: {e.Message})");
                Assert.Matches("^PG0[0-3][0-9][0-9]$", e.Code);
                Assert.True(e.File == path, $"{kind}, {label}: {e.Code} names '{e.File}', not the file");
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{kind}, {label}: {e.GetType().Name}: {e.Message}\n{text}");
            }
        }
        output.WriteLine($"{kind}: {MutationsPerFile} mutations, {refused} refused as bad input, {accepted} still valid");
        Assert.True(refused > MutationsPerFile / 2, $"only {refused} of {MutationsPerFile} mutations were refused");
    }

    private static string WriteTo(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A valid document of the kind, and how PerfGate reads it (as the gate, approve and annotate do).</summary>
    private static (string Valid, Action<string> Read) Reader(string kind)
    {
        var result = SyntheticResults.Noisy(100, rounds: 6);
        return kind switch
        {
            "throughput" => (BaselineJson.Write(Baseline.From([result], "0.2.0", "abc")), p => BaselineJson.Read(p, "tiny")),
            "counts" => (BaselineJson.Write(CountsBaseline.From(result)), p => BaselineJson.ReadCounts(p, "tiny")),
            "results" => (PerfGateJson.Serialize(result), p => ResultReader.Read(p)),
            "tolerances" => (
                """
                { "version": 1,
                  "defaults": { "throughputRegression": 0.05, "alpha": 0.01, "minSamples": 5, "maxRelativeCi": 0.10 },
                  "models": { "tiny": { "throughputRegression": 0.08, "batches": { "8": { "minSamples": 4 } } } } }
                """,
                p => ToleranceConfig.Parse(File.ReadAllText(p), p)
            ),
            _ => (
                PerfGateJson.Serialize(
                    CheckVerdicts.Of(
                        [
                            GateEvaluator.Evaluate(
                                SyntheticResults.Noisy(50, rounds: 6),
                                SyntheticResults.Approved(result, Baseline.From([result], "t", null)),
                                ToleranceConfig.Defaults
                            ),
                        ],
                        "approve"
                    )
                ),
                p => PerfGate.Core.Text.GitHubAnnotations.Render(CheckVerdictsFile.Read(p), "/repo")
            ),
        };
    }
}
