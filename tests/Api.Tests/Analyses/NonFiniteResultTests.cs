using System.Net;
using System.Text.Json.Nodes;
using HnlService.Api.Tests.Fixtures;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HnlService.Api.Tests.Analyses;

/// <summary>NaN and infinity stored by any path must come out as null, never as a 500.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NonFiniteResultTests(PostgresServer postgres)
{
    [Fact]
    public async Task ResultReads_ReturnNull_WhenStoredValuesAreNotFinite()
    {
        await using var factory = new ApiFactory(await postgres.CreateDatabaseAsync("nonfinite"));
        var client = factory.CreateClient();
        var datasetId = await SeededData.AddDatasetAsync(factory.Services);
        var id = await client.StartAnalysisAsync(new { datasetId, discriminants = new[] { new { column = "Mt_tot" } }, masses = new[] { 85.0 }, channels = new[] { "tee" } });
        await StoreNonFiniteResultsAsync(factory, id);
        var token = (string)(await (await client.GetAsync($"/api/analyses/{id}")).ReadObjectAsync())["shareToken"]!;

        var curves = await client.GetAsync($"/api/analyses/{id}/curves");
        var histogram = await client.GetAsync($"/api/analyses/{id}/histograms?discriminant=Mt_tot&channel=tee&mass=85");
        var export = await client.GetAsync($"/api/analyses/{id}/export?format=json");
        var csv = await client.GetAsync($"/api/analyses/{id}/export?format=csv");
        var shared = await client.GetAsync($"/api/shared/{token}/curves");

        Assert.Equal(HttpStatusCode.OK, curves.StatusCode);
        Assert.Equal(HttpStatusCode.OK, histogram.StatusCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        var point = (await curves.ReadObjectAsync())["discriminants"]![0]!["points"]![0]!;
        Assert.Null(point["average"]);
        Assert.Equal(1.5, (double)point["combined"]!);
        Assert.Null(point["channels"]!["tee"]!["significance"]);
        var bins = await histogram.ReadObjectAsync();
        Assert.Null(bins["signal"]![0]);
        Assert.Equal(2.0, (double)bins["signal"]![1]!);
        Assert.Null(bins["edges"]![2]);
        Assert.Null(JsonNode.Parse(await export.Content.ReadAsStringAsync())!["analysis"]!["discriminants"]![0]!["area"]);
    }

    private static async Task StoreNonFiniteResultsAsync(ApiFactory factory, Guid id)
    {
        await SeededData.SaveAsync(factory.Services, context =>
        {
            context.ChannelResults.Add(new ChannelResultEntity
            {
                AnalysisId = id, DiscriminantOrdinal = 0, Channel = "tee", Mass = 85, MassKey = MassKeys.For(85), Outcome = "ok",
                Edges = [0, 1, double.PositiveInfinity], Signal = [double.NaN, 2], Background = [1, 1], SignalError = [1, 1], BackgroundError = [1, 1],
                Significance = double.NaN, Uncertainty = double.NegativeInfinity,
            });
            context.MassSummaries.Add(new MassSummaryEntity
            {
                AnalysisId = id, DiscriminantOrdinal = 0, Mass = 85, MassKey = MassKeys.For(85),
                Average = double.NaN, AverageUncertainty = 0.1, Combined = 1.5, CombinedUncertainty = double.PositiveInfinity, Channels = 1,
            });
        });
        await SeededData.QueryAsync(factory.Services, async context =>
        {
            await context.AnalysisDiscriminants.Where(d => d.AnalysisId == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Area, double.NaN).SetProperty(d => d.Rank, 1));
            return await context.Analyses.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, AnalysisStatus.Succeeded)
                .SetProperty(a => a.Progress, double.NaN)
                .SetProperty(a => a.ResultChannelsJson, "[\"tee\"]")
                .SetProperty(a => a.ResultMassesJson, "[85]"));
        });
    }
}
