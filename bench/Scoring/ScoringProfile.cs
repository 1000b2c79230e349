using System.Diagnostics;
using HnlService.Infrastructure.Models;
using Microsoft.ML.OnnxRuntime;

namespace HnlService.Benchmarks.Scoring;

// TEMPORARY profiling harness (removed before hand-off).
internal static class ScoringProfile
{
    public static void Run(string[] args, ValidatedModel model, (ModelManifest Manifest, List<ModelFile> Files) description, Dictionary<string, float[]> columns, long[] events, ScoringOptions options)
    {
        var member = description.Manifest.Members![0];
        using var sessionOptions = OnnxSessionFactory.CreateOptions(options.IntraOpThreads);
        using var scorer = new MemberScorer(description.Manifest, description.Files[0], member.Scaler, sessionOptions, options.BatchSize);
        scorer.Bind(columns, null, null);
        var batch = options.BatchSize;
        var stride2 = Enumerable.Range(0, batch).Select(i => 2 * i).ToArray();
        var contiguous = Enumerable.Range(0, batch).ToArray();
        var positions = Enumerable.Range(0, batch).ToArray();
        var scores = new float[batch];
        for (var w = 0; w < 3; w++) { scorer.Pack(0, stride2); scorer.Run(0, positions, scores); }

        double Min(Action a, int n = 15) { var best = double.MaxValue; for (var i = 0; i < n; i++) { var sw = Stopwatch.StartNew(); a(); best = Math.Min(best, sw.Elapsed.TotalMilliseconds); } return best; }

        Console.WriteLine($"per batch of {batch}: pack stride2 {Min(() => scorer.Pack(0, stride2)):F2} ms, pack contiguous {Min(() => scorer.Pack(0, contiguous)):F2} ms, run {Min(() => scorer.Run(0, positions, scores)):F2} ms");
        Console.WriteLine($"run while packing on pool: {Min(() => { var t = Task.Run(() => scorer.Pack(1, stride2)); scorer.Run(0, positions, scores); t.Wait(); }):F2} ms");
        Console.WriteLine($"pack then run: {Min(() => { scorer.Pack(0, stride2); scorer.Run(0, positions, scores); }):F2} ms");

        var order = new int[events.Length];
        Console.WriteLine($"fold grouping of {events.Length} rows (long %): {Min(() => { var k = 2L; var c = new int[3]; foreach (var e in events) c[(int)(((e % k) + k) % k) + 1]++; var o = new int[events.Length]; var next = new int[] { 0, c[1] }; for (var i = 0; i < events.Length; i++) o[next[(int)(((events[i] % k) + k) % k)]++] = i; }, 5):F2} ms");
    }
}
