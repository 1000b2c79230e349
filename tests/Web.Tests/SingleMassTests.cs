using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HnlService.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SingleMassTests(BrowserFixture fixture)
{
    // One single-mass analysis for every test in this class, because each upload parses the 60k-event CSV.
    private static readonly SemaphoreSlim AnalysisGate = new(1, 1);
    private static string? s_analysisId;

    [Fact]
    public async Task SignificanceChart_DrawsBars_WhenDatasetHasNoMassColumn()
    {
        var analysisId = await SingleMassAnalysisAsync();
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/analysis.html?id={analysisId}");
        await ChartProbe.WaitForResultsAsync(page);

        Assert.Equal("bar", await page.EvaluateAsync<string>("() => window.hnlCharts.significance.config.type"));
        Assert.Equal(1, await ChartProbe.DatasetCountAsync(page, "significance"));
        // average, combined and the 5 channels.
        Assert.Equal(7, await page.EvaluateAsync<int>("() => window.hnlCharts.significance.data.labels.length"));
        Assert.False(await page.Locator("#histogram-mass").IsVisibleAsync());
        Assert.Equal(2, await ChartProbe.LineCountAsync(page, "histogram"));
        // The y axis must hold the top error bar, not only the bar values.
        var highestBarTop = await HighestBarTopFromApiAsync(analysisId);
        var axisMax = await ChartProbe.ScaleBoundAsync(page, "significance", "y", "max");
        Assert.True(highestBarTop > 0, $"The highest bar top is {highestBarTop}; the analysis has no result to draw.");
        Assert.True(axisMax >= highestBarTop, $"The y axis ends at {axisMax}, below the highest value plus uncertainty {highestBarTop}.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task BarAxis_CoversTopErrorBar_WhenUncertaintyPassesRoundedMaximum()
    {
        var analysisId = await SingleMassAnalysisAsync();
        var page = await fixture.NewPageAsync();
        // The reported case: the highest bar is 1.78 +- 0.15, so an axis fitted to the values alone
        // ends at 1.8 and cuts the error bar, whose top is at 1.93.
        await page.RouteAsync("**/api/analyses/*/curves", async route =>
        {
            var response = await route.FetchAsync();
            var curves = JsonNode.Parse(await response.TextAsync())!;
            SetBarValues(curves);
            await route.FulfillAsync(new() { Response = response, Body = curves.ToJsonString() });
        });

        await page.GotoAsync($"/analysis.html?id={analysisId}");
        await ChartProbe.WaitForResultsAsync(page);
        var axisMax = await ChartProbe.ScaleBoundAsync(page, "significance", "y", "max");

        Assert.True(axisMax >= 1.93, $"The y axis ends at {axisMax}, below the top error bar at 1.78 + 0.15 = 1.93.");
        await page.Context.CloseAsync();
    }

    // Average 1.78 +- 0.15, combination 1.5 +- 0.1 and 1.0 +- 0.1 for every channel with a result.
    private static void SetBarValues(JsonNode curves)
    {
        foreach (var discriminant in curves["discriminants"]!.AsArray())
        {
            foreach (var point in discriminant!["points"]!.AsArray())
            {
                point!["average"] = 1.78;
                point["averageUncertainty"] = 0.15;
                point["combined"] = 1.5;
                point["combinedUncertainty"] = 0.1;
                foreach (var channel in point["channels"]!.AsObject())
                {
                    if ((string?)channel.Value!["outcome"] == "ok")
                    {
                        channel.Value["significance"] = 1.0;
                        channel.Value["uncertainty"] = 0.1;
                    }
                }
            }
        }
    }

    // The largest value + uncertainty over the average, the combination and every channel with a result.
    private async Task<double> HighestBarTopFromApiAsync(string analysisId)
    {
        using var client = fixture.NewApiClient();
        using var curves = JsonDocument.Parse(await client.GetStringAsync($"/api/analyses/{analysisId}/curves"));
        var tops = new List<double>();
        foreach (var discriminant in curves.RootElement.GetProperty("discriminants").EnumerateArray())
        {
            foreach (var point in discriminant.GetProperty("points").EnumerateArray())
            {
                AddTop(tops, point, "average", "averageUncertainty");
                AddTop(tops, point, "combined", "combinedUncertainty");
                foreach (var channel in point.GetProperty("channels").EnumerateObject())
                {
                    AddTop(tops, channel.Value, "significance", "uncertainty");
                }
            }
        }
        return tops.Count == 0 ? double.NaN : tops.Max();
    }

    private static void AddTop(List<double> tops, JsonElement element, string value, string uncertainty)
    {
        if (element.TryGetProperty(value, out var number) && number.ValueKind == JsonValueKind.Number)
        {
            var sigma = element.TryGetProperty(uncertainty, out var error) && error.ValueKind == JsonValueKind.Number ? error.GetDouble() : 0;
            tops.Add(number.GetDouble() + sigma);
        }
    }

    private async Task<string> SingleMassAnalysisAsync()
    {
        await AnalysisGate.WaitAsync();
        try
        {
            return s_analysisId ??= await StartSingleMassAnalysisAsync();
        }
        finally
        {
            AnalysisGate.Release();
        }
    }

    // Uploads the synthetic sample with the mass role cleared, so all signal forms one hypothesis.
    private async Task<string> StartSingleMassAnalysisAsync()
    {
        using var client = fixture.NewApiClient();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(""), "massColumn" },
            { new StringContent("synthetic without masses"), "name" },
        };
        form.Add(new StreamContent(File.OpenRead(TestPaths.TestData("events.csv"))), "file", "events.csv");
        using var upload = await client.PostAsync("/api/datasets", form);
        var dataset = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement;
        Assert.True(upload.IsSuccessStatusCode, $"Dataset upload returned {(int)upload.StatusCode}: {dataset}");

        var spec = new
        {
            datasetId = dataset.GetProperty("id").GetString(),
            discriminants = new[] { new { column = "Mt_tot" } },
            binning = new { strategy = "right-to-left", maxRelativeUncertainty = 0.3, initialBins = 30 },
            formula = "s-over-sqrt-b",
        };
        using var response = await client.PostAsync("/api/analyses", JsonContent.Create(spec));
        var analysis = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, $"POST /api/analyses returned {(int)response.StatusCode}: {analysis}");
        return analysis.GetProperty("id").GetString()!;
    }
}
