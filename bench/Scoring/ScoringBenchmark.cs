using System.Diagnostics;
using System.Globalization;
using HnlService.Infrastructure.Models;

namespace HnlService.Benchmarks.Scoring;

/// <summary>
/// Compares <see cref="ModelScorer"/> with a bare ONNX Runtime loop on the synthetic 25-input 64-64-1
/// network. ModelScorer packs, scales and routes 1,000,000 rows through a two-member fold set. The
/// bare loop runs one session over batches packed and scaled before the clock starts, so the ratio
/// shows what packing, scaling and fold routing cost.
/// </summary>
internal static class ScoringBenchmark
{
    private const int RowCount = 1_000_000;
    private const string DefaultModelDirectory = "tests/Infrastructure.Tests/TestData/models";

    /// <summary>
    /// Options: --threads N (intra-op threads, 0 = ONNX Runtime default), --batch N, --runs N, --models DIR,
    /// and --single to score with the first member alone (one session, no fold routing).
    /// </summary>
    public static void Run(string[] args)
    {
        var threads = IntOption(args, "--threads", 0);
        var batchSize = IntOption(args, "--batch", 65_536);
        var repetitions = IntOption(args, "--runs", 15);
        var directory = StringOption(args, "--models", DefaultModelDirectory);
        var options = new ScoringOptions(batchSize, threads);

        var description = BenchmarkModels.Read(directory);
        var firstMember = description.Manifest.Members![0];
        var single = args.Contains("--single");
        if (single)
        {
            description = BenchmarkModels.FirstMemberAlone(description);
        }

        var model = new ModelValidator().Validate(description.Manifest, description.Files);
        var (columns, events) = BenchmarkModels.TileEvents(directory, model.Features, RowCount);
        var request = new ScoringRequest(columns, events, null, null);

        using var scorer = new ModelScorer(model, options);
        using var bare = new BareOnnxLoop(description.Files[0].FullPath, firstMember.Scaler!, model.Features, columns, options);

        // One untimed pass each lets ONNX Runtime allocate its arena and the JIT compile the packing loops.
        var scores = scorer.Score(request, null, CancellationToken.None);
        bare.Run();

        var ours = new List<Measurement>();
        var baseline = new List<Measurement>();
        for (var i = 0; i < repetitions; i++)
        {
            ours.Add(Measure(() => scorer.Score(request, null, CancellationToken.None)));
            baseline.Add(Measure(bare.Run));
        }

        Report(options, repetitions, ours, baseline, MaxDifference(scores, bare.Scores, events, single ? firstMember with { FoldModulus = 1, FoldRemainder = 0 } : firstMember));
    }

    private static void Report(ScoringOptions options, int repetitions, List<Measurement> ours, List<Measurement> baseline, double maxDifference)
    {
        var oursWall = RowCount / Median(ours.Select(m => m.WallSeconds));
        var bareWall = RowCount / Median(baseline.Select(m => m.WallSeconds));
        var oursCpu = RowCount / Median(ours.Select(m => m.CpuSeconds));
        var bareCpu = RowCount / Median(baseline.Select(m => m.CpuSeconds));

        Console.WriteLine("Scoring benchmark: 25-input 64-64-1 network, two-member fold set, manifest scaler");
        Console.WriteLine($"  rows: {RowCount:N0}, batch size: {options.BatchSize:N0}, repetitions: {repetitions} (median reported)");
        Console.WriteLine($"  threads: intra-op {(options.IntraOpThreads == 0 ? "ONNX Runtime default (0)" : options.IntraOpThreads)}, "
            + $"inter-op 1, sequential execution; {Environment.ProcessorCount} logical processors");
        Console.WriteLine("  events per second of wall-clock time, and per second of process CPU time (less sensitive to other load):");
        Console.WriteLine($"  ModelScorer (pack + scale + route + run): {oursWall,12:N0} wall, {oursCpu,12:N0} CPU  runs: {Format(ours)}");
        Console.WriteLine($"  bare ONNX Runtime loop (pre-packed):      {bareWall,12:N0} wall, {bareCpu,12:N0} CPU  runs: {Format(baseline)}");
        Console.WriteLine($"  ratio ModelScorer / bare: {oursWall / bareWall:P1} wall, {oursCpu / bareCpu:P1} CPU (target: at least 85%)");
        Console.WriteLine($"  median ratio of consecutive pairs (cancels slow drifts of the machine): {PairRatio(ours, baseline, m => m.WallSeconds):P1} wall, "
            + $"{PairRatio(ours, baseline, m => m.CpuSeconds):P1} CPU");
        Console.WriteLine($"  max |score difference| on rows both score with the same member: {maxDifference:E2}");
    }

    // The bare loop scores every row with member 0; ModelScorer uses that member only for rows of its fold.
    private static double MaxDifference(float[] ours, float[] bare, long[] events, ModelMember member) =>
        Enumerable.Range(0, ours.Length)
            .Where(i => events[i] % member.FoldModulus == member.FoldRemainder)
            .Max(i => Math.Abs((double)ours[i] - bare[i]));

    // Each repetition times ModelScorer and then the bare loop, so a pair shares the machine's state.
    private static double PairRatio(List<Measurement> ours, List<Measurement> baseline, Func<Measurement, double> seconds) =>
        Median(ours.Zip(baseline, (mine, bare) => seconds(bare) / seconds(mine)));

    private static Measurement Measure(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();

        action();

        stopwatch.Stop();
        process.Refresh();
        return new Measurement(stopwatch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Format(List<Measurement> runs) =>
        string.Join(", ", runs.Select(run => string.Create(CultureInfo.InvariantCulture, $"{run.WallSeconds:F3}/{run.CpuSeconds:F3} s")));

    /// <summary>Wall-clock and process CPU seconds of one pass.</summary>
    private readonly record struct Measurement(double WallSeconds, double CpuSeconds);

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string StringOption(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
