using System.Text.Json.Nodes;
using HnlService.Api.Tests.Fixtures;

namespace HnlService.Api.Tests.Flow;

/// <summary>Upload to curves for the synthetic dataset, the even/odd model set and the Mt_tot baseline in one analysis.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FullFlowTests(PostgresServer postgres)
{
    /// <summary>Model scores are float32: edges may differ by a few float32 ulps near 1 (about 6e-8 each).</summary>
    private const double ModelEdgeTolerance = 1e-6;

    [Fact]
    public async Task Analysis_MatchesReference_OnPostgres()
    {
        await using var factory = new ApiFactory(
            await postgres.CreateDatabaseAsync("flow"),
            new Dictionary<string, string?> { ["Hangfire:RunServerInApi"] = "true", ["Hangfire:QueuePollInterval"] = "00:00:00.200" });

        await RunAndCompareAsync(factory);
    }

    [Fact]
    public async Task Analysis_MatchesReference_OnStandaloneSqlite()
    {
        await using var factory = new ApiFactory(null);

        await RunAndCompareAsync(factory);
    }

    private static async Task RunAndCompareAsync(ApiFactory factory)
    {
        var client = factory.CreateClient();
        var datasetId = await client.UploadSyntheticDatasetAsync();
        var modelId = await client.UploadSyntheticModelAsync();

        var id = await client.StartAnalysisAsync(new
        {
            datasetId,
            discriminants = new object[] { new { modelId }, new { column = "Mt_tot" } },
            binning = new { strategy = "right-to-left", maxRelativeUncertainty = 0.3 },
            formula = "s-over-sqrt-b",
        });
        var analysis = await client.WaitForFinalAsync(id, TimeSpan.FromMinutes(3));
        var export = JsonNode.Parse(await client.GetStringAsync($"/api/analyses/{id}/export?format=json"))!.AsObject();

        Assert.Equal("succeeded", (string?)analysis["status"]);
        ExpectedResults.AssertMatches(export, "Mt_tot", TestFiles.Synthetic("expected/Mt_tot_right-to-left_0.3_s-over-sqrt-b.json"), 1e-12);
        ExpectedResults.AssertMatches(export, "fnn", TestFiles.Synthetic("expected/model_right-to-left_0.3_s-over-sqrt-b.json"), ModelEdgeTolerance);
        Assert.Equal(1, (int)analysis["discriminants"]![0]!["rank"]!);
    }
}
