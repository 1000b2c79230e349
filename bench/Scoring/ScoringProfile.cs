using System.Diagnostics;
using System.Runtime.InteropServices;
using HnlService.Infrastructure.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HnlService.Benchmarks.Scoring;

// TEMPORARY profiling harness (removed before hand-off).
internal static class ScoringProfile
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double ThreadCpuMs() { ClockGetTime(3, out var t); return t.Seconds * 1e3 + t.Nanoseconds / 1e6; }

    private static double MinCpu(Action a, int n = 60)
    {
        var best = double.MaxValue;
        for (var i = 0; i < n; i++) { var s = ThreadCpuMs(); a(); best = Math.Min(best, ThreadCpuMs() - s); }
        return best;
    }

    public static void Run(string[] args, ValidatedModel model, (ModelManifest Manifest, List<ModelFile> Files) description, Dictionary<string, float[]> columns, long[] events, ScoringOptions options)
    {
        var member = description.Manifest.Members![0];
        var batch = options.BatchSize;
        var input = new LayoutInput("x", model.Features, 0, TensorElementType.Float, -1);
        using var current = new PackedInput(input, member.Scaler, batch);
        using var legacy = new LegacyPackedInput(input, member.Scaler, batch);
        current.Bind(columns, null, null);
        legacy.Bind(columns, null, null);
        var stride2 = Enumerable.Range(0, batch).Select(i => 2 * i).ToArray();
        var contiguous = Enumerable.Range(0, batch).ToArray();

        Console.WriteLine($"pack CPU ms per {batch} rows: legacy stride2 {MinCpu(() => legacy.Pack(stride2)):F2}, contiguous {MinCpu(() => legacy.Pack(contiguous)):F2}; "
            + $"current stride2 {MinCpu(() => current.Pack(stride2)):F2}, contiguous {MinCpu(() => current.Pack(contiguous)):F2}");

        Console.WriteLine($"fold grouping CPU ms of {events.Length} rows (long %): {MinCpu(() => { var k = 2L; var c = new int[3]; foreach (var e in events) c[(int)(((e % k) + k) % k) + 1]++; var o = new int[events.Length]; var next = new int[] { 0, c[1] }; for (var i = 0; i < events.Length; i++) o[next[(int)(((events[i] % k) + k) % k)]++] = i; }, 10):F2}");
    }
}
