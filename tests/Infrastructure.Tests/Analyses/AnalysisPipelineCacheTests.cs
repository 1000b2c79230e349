using System.Globalization;
using System.IO.Compression;
using HnlService.Infrastructure.Analyses;
using HnlService.Infrastructure.Models;

namespace HnlService.Infrastructure.Tests.Analyses;

[Collection(SyntheticDatasetCollection.Name)]
public sealed class AnalysisPipelineCacheTests(SyntheticDatasetFixture fixture)
{
    private const int MassCount = 9;

    [Fact]
    public async Task RunAsync_ReadsScoreCache_WhenOnlyBinningChanges()
    {
        var pipeline = new AnalysisPipeline(new AnalysisPipelineOptions(fixture.NewFolder(), new ScoringOptions()));
        var first = new ReferenceCase("right-to-left", 0.3, "s-over-sqrt-b");
        var second = new ReferenceCase("equal-signal", 0.3, "s-over-sqrt-b");

        await pipeline.RunAsync(Plan(first), null, CancellationToken.None);
        var cache = pipeline.ScoreCache!;
        var missesAfterFirst = cache.Misses;
        var outcome = await pipeline.RunAsync(Plan(second), null, CancellationToken.None);
        var uncached = await new AnalysisPipeline().RunAsync(Plan(second), null, CancellationToken.None);

        Assert.Equal(MassCount, missesAfterFirst);
        Assert.Equal(MassCount, cache.Hits);
        Assert.Equal(MassCount, cache.Misses);
        AssertSameResults(uncached.Discriminants[0], outcome.Discriminants[0]);
        ReferenceResult.Load(second.FileName("model")).AssertMatches(
            outcome.Discriminants[0], AnalysisPipelineTests.ModelTolerance, AnalysisPipelineTests.ChannelsWithMovedEvents(second));
    }

    [Fact]
    public async Task RunAsync_RescoresAndRewritesEntry_WhenCacheFileIsTruncated()
    {
        var pipeline = new AnalysisPipeline(new AnalysisPipelineOptions(fixture.NewFolder(), new ScoringOptions()));
        var referenceCase = new ReferenceCase("right-to-left", 0.3, "s-over-sqrt-b");
        var first = await pipeline.RunAsync(Plan(referenceCase), null, CancellationToken.None);
        var cache = pipeline.ScoreCache!;
        var path = cache.GetPath(fixture.Dataset.Sha256, "fnn-even-odd", ScoreCache.MassKey(300));
        var fullLength = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(fullLength / 2);
        }

        var second = await pipeline.RunAsync(Plan(referenceCase), null, CancellationToken.None);

        Assert.Equal(16 + (4L * fixture.Dataset.Summary.Rows), fullLength);
        Assert.Equal(MassCount + 1, cache.Misses);
        Assert.Equal(MassCount - 1, cache.Hits);
        Assert.Equal(fullLength, new FileInfo(path).Length);
        AssertSameResults(first.Discriminants[0], second.Discriminants[0]);
    }

    [Fact]
    public async Task RunAsync_CachesReferenceScores_WhenModelSetIsParametric()
    {
        var pipeline = new AnalysisPipeline(new AnalysisPipelineOptions(fixture.NewFolder(), new ScoringOptions()));
        var rowCount = (int)fixture.Dataset.Summary.Rows;
        var events = await ReadLeadingRowsAsync(2000);
        var reference = File.ReadLines(Path.Combine(SyntheticDatasetFixture.TestDataFolder, "expected", "scores_first_2000_rows.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .ToList();

        await pipeline.RunAsync(Plan(new ReferenceCase("right-to-left", 0.3, "s-over-sqrt-b")), null, CancellationToken.None);

        var cache = pipeline.ScoreCache!;
        var at300 = cache.TryRead(fixture.Dataset.Sha256, "fnn-even-odd", ScoreCache.MassKey(300), rowCount)!;
        for (var row = 0; row < reference.Count; row++)
        {
            Assert.Equal(reference[row][0], events[row].Event);
            if (events[row].IsSignal)
            {
                var ownMass = cache.TryRead(fixture.Dataset.Sha256, "fnn-even-odd", ScoreCache.MassKey(events[row].Mass), rowCount)!;
                AssertScore(float.Parse(reference[row][2], CultureInfo.InvariantCulture), ownMass[row], $"row {row}, signal at its own mass");
                Assert.True(events[row].Mass == 300 || float.IsNaN(at300[row]), $"row {row}: signal at {events[row].Mass} GeV is scored at 300 GeV");
            }
            else
            {
                AssertScore(float.Parse(reference[row][3], CultureInfo.InvariantCulture), at300[row], $"row {row}, background at 300 GeV");
            }
        }
    }

    [Fact]
    public async Task RunAsync_ScoresEveryRowOnce_WhenModelIsNotParametric()
    {
        var cacheFolder = fixture.NewFolder();
        var referenceCase = new ReferenceCase("right-to-left", 0.3, "s-over-sqrt-b");
        var nonParametric = new ModelValidator().Validate(
            SyntheticDatasetFixture.CreateManifest() with { MassFeature = null },
            SyntheticDatasetFixture.ModelFiles());
        var parametricPipeline = new AnalysisPipeline(new AnalysisPipelineOptions(fixture.NewFolder(), new ScoringOptions()));
        var pipeline = new AnalysisPipeline(new AnalysisPipelineOptions(cacheFolder, new ScoringOptions()));
        var rowCount = (int)fixture.Dataset.Summary.Rows;
        var events = await ReadLeadingRowsAsync(2000);

        await parametricPipeline.RunAsync(Plan(referenceCase), null, CancellationToken.None);
        var outcome = await pipeline.RunAsync(
            AnalysisPipelineTests.PlanFor(fixture, fixture.Dataset, [new PlannedDiscriminant("fixed", null, nonParametric, "fnn-fixed")], referenceCase),
            null,
            CancellationToken.None);

        // The model reads mass_hyp from the dataset, so a signal row gets the score of its own mass.
        var entries = Directory.GetFiles(cacheFolder, "*.f32", SearchOption.AllDirectories).Select(Path.GetFileName);
        Assert.Equal(["all.f32"], entries);
        Assert.Equal(1, pipeline.ScoreCache!.Misses);
        Assert.Equal(9, outcome.Discriminants[0].Masses.Count);
        var all = pipeline.ScoreCache.TryRead(fixture.Dataset.Sha256, "fnn-fixed", ScoreCache.AllMassesKey, rowCount)!;
        for (var row = 0; row < events.Count; row++)
        {
            Assert.False(float.IsNaN(all[row]), $"row {row} was not scored");
            if (events[row].IsSignal)
            {
                var ownMass = parametricPipeline.ScoreCache!.TryRead(fixture.Dataset.Sha256, "fnn-even-odd", ScoreCache.MassKey(events[row].Mass), rowCount)!;
                AssertScore(ownMass[row], all[row], $"row {row}, signal");
            }
        }
    }

    private AnalysisPlan Plan(ReferenceCase referenceCase) =>
        AnalysisPipelineTests.PlanFor(fixture, fixture.Dataset, [AnalysisPipelineTests.ModelSet(fixture)], referenceCase);

    /// <summary>Up to 1e-6 apart: the largest difference from the reference's scores seen was 3.6e-7, six float32 ulps near 1.</summary>
    private static void AssertScore(float expected, float actual, string where)
    {
        Assert.True(Math.Abs(expected - actual) <= 1e-6, $"{where}: score {actual:R}, reference {expected:R}");
    }

    private static async Task<List<(string Event, bool IsSignal, double Mass)>> ReadLeadingRowsAsync(int count)
    {
        await using var compressed = File.OpenRead(Path.Combine(SyntheticDatasetFixture.TestDataFolder, "hnl-like-60k.csv.gz"));
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var header = (await reader.ReadLineAsync())!.Split(',');
        var eventIndex = Array.IndexOf(header, "event");
        var labelIndex = Array.IndexOf(header, "signal_label");
        var massIndex = Array.IndexOf(header, "mass_hyp");

        var rows = new List<(string Event, bool IsSignal, double Mass)>(count);
        while (rows.Count < count)
        {
            var fields = (await reader.ReadLineAsync())!.Split(',');
            rows.Add((fields[eventIndex], fields[labelIndex] == "1", double.Parse(fields[massIndex], CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static void AssertSameResults(DiscriminantOutcome expected, DiscriminantOutcome actual)
    {
        Assert.Equal(expected.Area, actual.Area);
        Assert.Equal(expected.Masses.Count, actual.Masses.Count);
        for (var i = 0; i < expected.Masses.Count; i++)
        {
            foreach (var (channel, result) in expected.Masses[i].Channels)
            {
                Assert.Equal(result.Edges, actual.Masses[i].Channels[channel].Edges);
                Assert.Equal(result.Signal, actual.Masses[i].Channels[channel].Signal);
                Assert.Equal(result.Background, actual.Masses[i].Channels[channel].Background);
                Assert.Equal(result.Significance, actual.Masses[i].Channels[channel].Significance);
            }
        }
    }
}
