using System.Diagnostics;
using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace HnlService.Benchmarks.Datasets;

/// <summary>
/// Wall-clock timings of dataset reads and ingestion with Stopwatch (one warm-up, then the best and the median of
/// several runs), and the peak managed heap while a 1,000,000-row file is inspected and summarised.
/// Inputs are generated under the temporary folder on first run. The targets are at most 1.0 s for a projected
/// read of 5 float columns from 2,000,000 x 40 and at most 10 s for a CSV ingest of 1,000,000 x 30.
/// Peak managed memory while summarising 1,000,000 rows must stay under 200 MB.
/// </summary>
internal static class DatasetsBenchmark
{
    private static readonly string[] FiveFeatures = ["f_0", "f_7", "f_14", "f_21", "f_34"];

    /// <param name="args">Empty for every measurement, or <c>csv-phases</c> to time only the phases of the CSV conversion.</param>
    public static void Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(string[] args)
    {
        if (args is ["csv-phases", ..])
        {
            await CsvPhaseTimings.RunAsync(BenchmarkFiles.Csv(1_000_000, 30));
            return;
        }

        Console.WriteLine($"Preparing inputs in {BenchmarkFiles.Folder} (first run only) ...");
        var wide = await BenchmarkFiles.ParquetAsync(2_000_000, 40);
        var million = await BenchmarkFiles.ParquetAsync(1_000_000, 40);
        var csv = BenchmarkFiles.Csv(1_000_000, 30);

        await TimeAsync("projected read, 5 float columns of 2,000,000 x 40 (ParquetColumnSource)", 5, () => ReadFiveColumnsAsync(wide));
        await TimeAsync("EventTableReader, roles + 5 features of 2,000,000 x 40", 5, () => ReadEventTableAsync(wide));
        await TimeAsync("CSV ingest, 1,000,000 x 30 (copy, convert, validate, summarise, store)", 2, () => IngestAsync(csv));
        await MeasurePeakMemoryAsync(million);
    }

    private static async Task ReadFiveColumnsAsync(string path)
    {
        await using var source = await ParquetColumnSource.OpenAsync(path, CancellationToken.None);
        var requests = FiveFeatures.Select(name => new ColumnRequest(name, ColumnKind.Float32)).ToList();
        long rows = 0;
        await foreach (var group in source.ReadRowGroupsAsync(requests, CancellationToken.None))
        {
            rows += group.Slices[0].Float32!.Length;
        }

        if (rows != 2_000_000) throw new InvalidOperationException($"Read {rows} rows, expected 2,000,000.");
    }

    private static async Task ReadEventTableAsync(string path)
    {
        var table = await new EventTableReader().ReadAsync(path, new ColumnRoles(), ChannelMapping.Default, FiveFeatures, [], CancellationToken.None);
        if (table.RowCount != 2_000_000) throw new InvalidOperationException($"Read {table.RowCount} rows, expected 2,000,000.");
    }

    private static async Task IngestAsync(string path)
    {
        var root = Path.Combine(BenchmarkFiles.Folder, "store-" + Guid.NewGuid().ToString("N"));
        try
        {
            var ingestor = new DatasetIngestor(new FileStore(root), NullLogger<DatasetIngestor>.Instance);
            await using var upload = File.OpenRead(path);
            var dataset = await ingestor.IngestAsync(upload, Path.GetFileName(path), new ColumnRoles(), null, CancellationToken.None);
            if (dataset.Summary.Rows != 1_000_000) throw new InvalidOperationException($"Ingested {dataset.Summary.Rows} rows.");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task TimeAsync(string name, int runs, Func<Task> action)
    {
        await action();

        var seconds = new List<double>();
        var cpuSeconds = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var run = 0; run < runs; run++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            await action();
            seconds.Add(stopwatch.Elapsed.TotalSeconds);
            process.Refresh();
            cpuSeconds.Add((process.TotalProcessorTime - cpuStart).TotalSeconds);
        }

        seconds.Sort();
        cpuSeconds.Sort();

        // CPU time of the whole process (all threads, GC included) is less sensitive than wall time to other load on the machine.
        Console.WriteLine(
            $"{name}: wall best {seconds[0]:F3} s, median {seconds[seconds.Count / 2]:F3} s; "
            + $"CPU best {cpuSeconds[0]:F3} s, median {cpuSeconds[cpuSeconds.Count / 2]:F3} s over {runs} runs");
    }

    /// <summary>
    /// Samples GC.GetTotalMemory(false) every millisecond on a separate thread while a 1,000,000-row Parquet file is
    /// ingested (inspection, validation and summary). The sampled value includes garbage not yet collected, so it
    /// overstates live memory; a peak shorter than the sampling interval could be missed.
    /// </summary>
    private static async Task MeasurePeakMemoryAsync(string path)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                Thread.Sleep(1);
            }
        });

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await IngestAsync(path);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await stop.CancelAsync();
        await sampler;

        const double Megabyte = 1024 * 1024;
        Console.WriteLine(
            $"peak managed heap while ingesting 1,000,000 x 40 Parquet: {peak / Megabyte:F1} MB (baseline {baseline / Megabyte:F1} MB, "
            + $"allocated in total {allocated / Megabyte:F0} MB, process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / Megabyte:F0} MB)");
    }
}
