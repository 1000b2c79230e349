using System.Text.Json.Nodes;

namespace HnlService.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class RankingTableTests(BrowserFixture fixture)
{
    private const string EmptyDiscriminant = "Mt_tot";

    [Fact]
    public async Task Ranking_ShowsNoResultLast_WhenEveryAverageOfDiscriminantIsNull()
    {
        var run = await fixture.Scenario.RunAsync();
        var page = await fixture.NewPageAsync();
        // The real curves with every channel of one discriminant set to "no-signal". The API returns
        // this shape when no channel produced a result, with null summaries, area 0 and the last rank.
        await page.RouteAsync("**/api/analyses/*/curves", async route =>
        {
            var response = await route.FetchAsync();
            var curves = JsonNode.Parse(await response.TextAsync())!;
            EmptyOut(curves, EmptyDiscriminant);
            await route.FulfillAsync(new() { Response = response, Body = curves.ToJsonString() });
        });

        await page.GotoAsync($"/analysis.html?id={run.AnalysisId}");
        await ChartProbe.WaitForResultsAsync(page);
        var rows = page.Locator("#ranking tbody tr");
        var lastCells = await rows.Last.Locator("td").AllInnerTextsAsync();
        var firstCells = await rows.First.Locator("td").AllInnerTextsAsync();

        Assert.Equal(2, await rows.CountAsync());
        Assert.Equal(EmptyDiscriminant, lastCells[1]);
        Assert.Equal("–", lastCells[0]);
        Assert.Equal("no result", lastCells[3]);
        Assert.Equal("–", lastCells[4]);
        Assert.Equal("1", firstCells[0]);
        Assert.NotEqual(EmptyDiscriminant, firstCells[1]);
        await page.Context.CloseAsync();
    }

    private static void EmptyOut(JsonNode curves, string name)
    {
        var discriminants = curves["discriminants"]!.AsArray();
        foreach (var discriminant in discriminants)
        {
            if ((string?)discriminant!["name"] != name)
            {
                discriminant["rank"] = 1;
                continue;
            }

            discriminant["area"] = 0;
            discriminant["rank"] = discriminants.Count;
            foreach (var point in discriminant["points"]!.AsArray())
            {
                foreach (var field in new[] { "average", "averageUncertainty", "combined", "combinedUncertainty" })
                {
                    point![field] = null;
                }
                foreach (var channel in point!["channels"]!.AsObject())
                {
                    channel.Value!["outcome"] = "no-signal";
                    channel.Value["significance"] = null;
                    channel.Value["uncertainty"] = null;
                }
            }
        }
    }
}
