using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace HnlService.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AnalysisPageTests(BrowserFixture fixture)
{
    // The synthetic sample has 9 signal masses and 5 channels; the analysis has 2 discriminants.
    private const int MassCount = 9;
    private const int ChannelCount = 5;
    private const int DiscriminantCount = 2;

    [Fact]
    public async Task SignificanceChart_DrawsLineAndBandPerDiscriminant_WhenAnalysisSucceeded()
    {
        var run = await fixture.Scenario.RunAsync();
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/analysis.html?id={run.AnalysisId}");
        await ChartProbe.WaitForResultsAsync(page);
        await ChartProbe.WaitForAnimationsAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestPaths.OutputFile("screenshots", "analysis.png"), FullPage = true });

        Assert.Equal(DiscriminantCount, await ChartProbe.LineCountAsync(page, "significance"));
        Assert.Equal(3 * DiscriminantCount, await ChartProbe.DatasetCountAsync(page, "significance"));
        Assert.Equal("logarithmic", await ChartProbe.ScaleTypeAsync(page, "significance", "x"));
        Assert.Equal("logarithmic", await ChartProbe.ScaleTypeAsync(page, "significance", "y"));
        Assert.Equal(await MassesFromApiAsync(run.AnalysisId), await ChartProbe.XValuesAsync(page, "significance", 2));
        Assert.Equal(DiscriminantCount, await page.Locator("#ranking tbody tr").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignificanceChart_LabelsMassesAndRoundLogTicks_WhenAnalysisSucceeded()
    {
        var run = await fixture.Scenario.RunAsync();
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/analysis.html?id={run.AnalysisId}");
        await ChartProbe.WaitForResultsAsync(page);
        var masses = await MassesFromApiAsync(run.AnalysisId);
        var yTicks = await ChartProbe.TickValuesAsync(page, "significance", "y");
        var yLabels = await ChartProbe.TickLabelsAsync(page, "significance", "y");

        Assert.Equal(MassCount, masses.Length);
        Assert.Equal(masses, await ChartProbe.TickValuesAsync(page, "significance", "x"));
        Assert.Equal(masses.Select(mass => mass.ToString(CultureInfo.InvariantCulture)), await ChartProbe.TickLabelsAsync(page, "significance", "x"));
        AssertRoundLogTicks(yTicks, yLabels);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CurveModeSwitch_UpdatesSameChart_WhenPerChannelAndCombinedChosen()
    {
        var run = await fixture.Scenario.RunAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/analysis.html?id={run.AnalysisId}");
        await ChartProbe.WaitForResultsAsync(page);
        await page.EvaluateAsync("() => { window.hnlCharts.significance.testMarker = 'first'; }");

        await page.Locator("#curve-mode label", new() { HasText = "Per channel" }).ClickAsync();
        var perChannelLines = await ChartProbe.LineCountAsync(page, "significance");
        var perChannelDatasets = await ChartProbe.DatasetCountAsync(page, "significance");
        await page.Locator("#curve-mode label", new() { HasText = "Combined" }).ClickAsync();
        var combinedLines = await ChartProbe.LineCountAsync(page, "significance");

        Assert.Equal(DiscriminantCount * ChannelCount, perChannelLines);
        Assert.Equal(DiscriminantCount * ChannelCount, perChannelDatasets);
        Assert.Equal(DiscriminantCount, combinedLines);
        Assert.Equal("first", await page.EvaluateAsync<string>("() => window.hnlCharts.significance.testMarker"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task HistogramViewer_DrawsApiEdgesAsSteps_WhenChannelAndMassChange()
    {
        var run = await fixture.Scenario.RunAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/analysis.html?id={run.AnalysisId}");
        await ChartProbe.WaitForResultsAsync(page);

        await page.Locator("#histogram-discriminant").SelectOptionAsync("Mt_tot");
        await page.Locator("#histogram-channel").SelectOptionAsync("tmm");
        await page.Locator("#histogram-mass").SelectOptionAsync("300");
        await page.WaitForFunctionAsync("() => document.body.dataset.histogram === 'Mt_tot|tmm|300'");
        var edges = await EdgesFromApiAsync(run.AnalysisId, "Mt_tot", "tmm", "300");

        Assert.Equal(2, await ChartProbe.LineCountAsync(page, "histogram"));
        Assert.Equal("linear", await ChartProbe.ScaleTypeAsync(page, "histogram", "x"));
        Assert.Equal("logarithmic", await ChartProbe.ScaleTypeAsync(page, "histogram", "y"));
        Assert.Equal(edges, await ChartProbe.XValuesAsync(page, "histogram", 0));
        var signalY = await ChartProbe.YValuesAsync(page, "histogram", 1);
        Assert.Equal(signalY[^2], signalY[^1]);
        Assert.True(signalY.All(value => value > 0), "Every step must sit on the log axis, clamped bins included.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task HistogramAxes_SpanEdgesWithRoundTicks_WhenBinsShown()
    {
        var run = await fixture.Scenario.RunAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/analysis.html?id={run.AnalysisId}");
        await ChartProbe.WaitForResultsAsync(page);

        await page.Locator("#histogram-discriminant").SelectOptionAsync("Mt_tot");
        await page.Locator("#histogram-channel").SelectOptionAsync("tmm");
        await page.Locator("#histogram-mass").SelectOptionAsync("300");
        await page.WaitForFunctionAsync("() => document.body.dataset.histogram === 'Mt_tot|tmm|300'");
        var edges = await EdgesFromApiAsync(run.AnalysisId, "Mt_tot", "tmm", "300");
        var xTicks = await ChartProbe.TickValuesAsync(page, "histogram", "x");
        var yTicks = await ChartProbe.TickValuesAsync(page, "histogram", "y");
        var yLabels = await ChartProbe.TickLabelsAsync(page, "histogram", "y");

        Assert.Equal(edges[0], await ChartProbe.ScaleBoundAsync(page, "histogram", "x", "min"));
        Assert.Equal(edges[^1], await ChartProbe.ScaleBoundAsync(page, "histogram", "x", "max"));
        Assert.InRange(xTicks.Length, 2, 9);
        Assert.All(xTicks, tick => Assert.True(tick > edges[0] && tick < edges[^1], $"Tick {tick} is not strictly inside the edges [{edges[0]}, {edges[^1]}]."));
        AssertRoundLogTicks(yTicks, yLabels);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SharePage_ShowsChartsWithoutApiKey_WhenOpenedInFreshContext()
    {
        var run = await fixture.Scenario.RunAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/analysis.html?id={run.AnalysisId}");
        await ChartProbe.WaitForResultsAsync(page);
        await page.Locator("#copy-share").ClickAsync();
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        var sharePage = await fixture.NewPageAsync();
        var keyedRequests = new List<string>();
        sharePage.Request += (_, request) =>
        {
            if (request.Headers.ContainsKey("x-api-key"))
            {
                keyedRequests.Add(request.Url);
            }
        };

        await sharePage.GotoAsync(copied);
        await ChartProbe.WaitForResultsAsync(sharePage);

        Assert.StartsWith("/s/", new Uri(copied).AbsolutePath);
        Assert.Equal(DiscriminantCount, await ChartProbe.LineCountAsync(sharePage, "significance"));
        Assert.Equal(2, await ChartProbe.LineCountAsync(sharePage, "histogram"));
        Assert.Equal("model set vs Mt_tot", await sharePage.Locator("#title").InnerTextAsync());
        Assert.Empty(keyedRequests);
        Assert.False(await sharePage.Locator("#api-key").IsVisibleAsync());
        await page.Context.CloseAsync();
        await sharePage.Context.CloseAsync();
    }

    [Fact]
    public async Task AnalysisPage_FitsPhoneWidth_WhenViewportIs390Pixels()
    {
        var run = await fixture.Scenario.RunAsync();
        var page = await fixture.NewPageAsync(width: 390, height: 844);

        await page.GotoAsync($"/analysis.html?id={run.AnalysisId}");
        await ChartProbe.WaitForResultsAsync(page);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than a 390 px phone screen.");
        await ChartProbe.WaitForAnimationsAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestPaths.OutputFile("screenshots", "analysis-phone.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PerChannelSwitch_DrawsEveryLine_WhenFourDiscriminantsNineMassesFiveChannels()
    {
        var analysisId = await fixture.Scenario.RunWideAnalysisAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/analysis.html?id={analysisId}");
        await ChartProbe.WaitForResultsAsync(page);

        await page.Locator("#curve-mode label", new() { HasText = "Per channel" }).ClickAsync();
        var lines = await ChartProbe.LineCountAsync(page, "significance");

        Assert.Equal(4 * ChannelCount, lines);
        Assert.Equal(MassCount, (await ChartProbe.XValuesAsync(page, "significance", 0)).Length);
        await page.Context.CloseAsync();
    }

    // Every tick is 1, 2 or 5 times a power of ten, labelled as a plain number from 0.001 to below
    // 10000 and as mantissa-exponent text (2e5, 5e-4) outside that range.
    private static void AssertRoundLogTicks(double[] ticks, string[] labels)
    {
        Assert.True(ticks.Length >= 2, $"The log axis has {ticks.Length} tick(s).");
        Assert.Equal(ticks.Length, labels.Length);
        for (var i = 0; i < ticks.Length; i++)
        {
            var exponent = (int)Math.Floor(Math.Log10(ticks[i]) + 1e-9);
            var mantissa = Math.Round(ticks[i] / Math.Pow(10, exponent), 6);
            Assert.Contains(mantissa, new[] { 1.0, 2.0, 5.0 });
            var expected = exponent is >= -3 and < 4
                ? (mantissa * Math.Pow(10, exponent)).ToString("0.###", CultureInfo.InvariantCulture)
                : $"{mantissa.ToString(CultureInfo.InvariantCulture)}e{exponent.ToString(CultureInfo.InvariantCulture)}";
            Assert.Equal(expected, labels[i]);
        }
    }

    private async Task<double[]> MassesFromApiAsync(string analysisId)
    {
        using var client = fixture.NewApiClient();
        using var curves = JsonDocument.Parse(await client.GetStringAsync($"/api/analyses/{analysisId}/curves"));
        return curves.RootElement.GetProperty("masses").EnumerateArray().Select(mass => mass.GetDouble()).ToArray();
    }

    private async Task<double[]> EdgesFromApiAsync(string analysisId, string discriminant, string channel, string mass)
    {
        using var client = fixture.NewApiClient();
        var query = $"discriminant={Uri.EscapeDataString(discriminant)}&channel={channel}&mass={mass}";
        using var histogram = JsonDocument.Parse(await client.GetStringAsync($"/api/analyses/{analysisId}/histograms?{query}"));
        return histogram.RootElement.GetProperty("edges").EnumerateArray().Select(edge => edge.GetDouble()).ToArray();
    }
}
