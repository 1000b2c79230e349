using System.Diagnostics;
using HnlService.Infrastructure.Datasets;

namespace HnlService.Benchmarks.Datasets;

/// <summary>Times the phases of a CSV conversion separately: tokenising only, type inference, and the full conversion.</summary>
internal static class CsvPhaseTimings
{
    private static TimeSpan cpuStart;

    /// <summary>CPU time of the whole process since the phase started; other helpers' load on the machine inflates wall time, not this.</summary>
    private static double CpuSeconds(Process process)
    {
        process.Refresh();
        return (process.TotalProcessorTime - cpuStart).TotalSeconds;
    }

    public static async Task RunAsync(string csvPath)
    {
        var process = Process.GetCurrentProcess();
        var stopwatch = Stopwatch.StartNew();
        cpuStart = process.TotalProcessorTime;
        long records = 0;
        using (var reader = new CsvRecordReader(File.OpenRead(csvPath)))
        {
            while (reader.ReadRecord()) records++;
        }

        Console.WriteLine($"  tokenise {records} records: {stopwatch.Elapsed.TotalSeconds:F3} s wall, {CpuSeconds(process):F3} s CPU");

        stopwatch.Restart();
        cpuStart = process.TotalProcessorTime;
        await using (var input = File.OpenRead(csvPath))
        {
            CsvSchemaInference.Infer(input, CancellationToken.None);
        }

        Console.WriteLine($"  infer types: {stopwatch.Elapsed.TotalSeconds:F3} s wall, {CpuSeconds(process):F3} s CPU");

        var output = Path.Combine(BenchmarkFiles.Folder, "phase-timing.parquet");
        stopwatch.Restart();
        cpuStart = process.TotalProcessorTime;
        await CsvToParquetConverter.ConvertAsync(csvPath, output, CancellationToken.None);
        Console.WriteLine($"  convert (infer + parse + write): {stopwatch.Elapsed.TotalSeconds:F3} s wall, {CpuSeconds(process):F3} s CPU, {new FileInfo(output).Length / (1024 * 1024)} MB of Parquet");
        File.Delete(output);
    }
}
