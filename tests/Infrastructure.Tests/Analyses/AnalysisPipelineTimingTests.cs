using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using HnlService.Infrastructure.Analyses;
using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace HnlService.Infrastructure.Tests.Analyses;

/// <summary>
/// Prints the end-to-end time of the notebook's analysis (model set and Mt_tot, 9 masses by 5 channels)
/// on the 60k-event dataset, or on that dataset repeated HNL_TIMING_COPIES times. It asserts results,
/// not time, because timings depend on the machine and its load.
/// </summary>
[Collection(SyntheticDatasetCollection.Name)]
public sealed class AnalysisPipelineTimingTests(SyntheticDatasetFixture fixture, ITestOutputHelper output)
{
    private const string CopiesVariable = "HNL_TIMING_COPIES";

    [Fact]
    public async Task RunAsync_PrintsStageTimings_WhenAnalysingModelSetAndColumn()
    {
        var copies = int.TryParse(Environment.GetEnvironmentVariable(CopiesVariable), CultureInfo.InvariantCulture, out var parsed) ? parsed : 1;
        var dataset = copies > 1 ? await IngestCopiesAsync(copies) : fixture.Dataset;
        var referenceCase = new ReferenceCase("right-to-left", 0.3, "s-over-sqrt-b");
        var plan = AnalysisPipelineTests.PlanFor(
            fixture, dataset, [AnalysisPipelineTests.ModelSet(fixture), AnalysisPipelineTests.MtTot()], referenceCase);
        var pipeline = new AnalysisPipeline(new AnalysisPipelineOptions(fixture.NewFolder(), new ScoringOptions()));
        output.WriteLine($"{dataset.Summary.Rows} rows, {Environment.ProcessorCount} logical processors");

        var cold = await MeasureAsync(pipeline, plan, "first run, scores the model");
        var warm = await MeasureAsync(pipeline, plan, "second run, scores from the cache");
        var uncached = await MeasureAsync(new AnalysisPipeline(), plan, "third run, no cache, scores again");

        Assert.Equal(9 * 5, cold.Discriminants[0].Masses.Sum(mass => mass.Channels.Count));
        Assert.Equal(cold.Discriminants[0].Area, warm.Discriminants[0].Area);
        Assert.Equal(cold.Discriminants[0].Area, uncached.Discriminants[0].Area);
    }

    private async Task<AnalysisOutcome> MeasureAsync(AnalysisPipeline pipeline, AnalysisPlan plan, string label)
    {
        var watch = Stopwatch.StartNew();
        var outcome = await pipeline.RunAsync(plan, null, CancellationToken.None);
        watch.Stop();

        output.WriteLine(
            $"{label}: {watch.ElapsedMilliseconds} ms end to end; loading {outcome.Timings.LoadingMs} ms, scoring {outcome.Timings.ScoringMs} ms, binning {outcome.Timings.BinningMs} ms");
        return outcome;
    }

    /// <summary>
    /// Ingests the dataset repeated copies times. Copy i adds 200,000,000 * i to the event numbers, an even
    /// offset, so every event keeps its fold.
    /// </summary>
    private async Task<IngestedDataset> IngestCopiesAsync(int copies)
    {
        var lines = new List<string>();
        await using (var compressed = File.OpenRead(Path.Combine(SyntheticDatasetFixture.TestDataFolder, "hnl-like-60k.csv.gz")))
        await using (var gzip = new GZipStream(compressed, CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }
        }

        var eventIndex = Array.IndexOf(lines[0].Split(','), "event");
        var csv = new StringBuilder().AppendLine(lines[0]);
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var line in lines.Skip(1))
            {
                var fields = line.Split(',');
                fields[eventIndex] = (long.Parse(fields[eventIndex], CultureInfo.InvariantCulture) + (200_000_000L * copy)).ToString(CultureInfo.InvariantCulture);
                csv.AppendLine(string.Join(',', fields));
            }
        }

        var watch = Stopwatch.StartNew();
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var dataset = await new DatasetIngestor(fixture.FileStore, NullLogger<DatasetIngestor>.Instance)
            .IngestAsync(content, "events.csv", new ColumnRoles(), null, CancellationToken.None);
        output.WriteLine($"ingested {copies} copies ({content.Length} CSV bytes) in {watch.ElapsedMilliseconds} ms");
        return dataset;
    }
}
