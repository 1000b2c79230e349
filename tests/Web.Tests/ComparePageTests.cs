using Microsoft.Playwright;

namespace HnlService.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ComparePageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ComparePage_OverlaysEveryDiscriminant_WhenUrlNamesTwoAnalyses()
    {
        var run = await fixture.Scenario.RunAsync();
        var wideId = await fixture.Scenario.RunWideAnalysisAsync();
        var ids = $"{run.AnalysisId},{wideId}";
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/compare.html?ids={ids}");
        await page.WaitForFunctionAsync("ids => document.body.dataset.compared === ids", ids);

        // 2 discriminants in the first analysis and 4 in the second, each drawn once.
        Assert.Equal(6, await ChartProbe.LineCountAsync(page, "compare"));
        Assert.Equal(6, await page.Locator("#ranking tbody tr").CountAsync());
        Assert.Equal(2, await page.Locator("input.analysis-choice:checked").CountAsync());
        Assert.EndsWith($"?ids={ids}", await page.Locator("#compare-url").InputValueAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ComparePage_RewritesUrl_WhenSelectionChanges()
    {
        var run = await fixture.Scenario.RunAsync();
        var wideId = await fixture.Scenario.RunWideAnalysisAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/compare.html?ids={run.AnalysisId}");
        await page.WaitForFunctionAsync("id => document.body.dataset.compared === id", run.AnalysisId);

        await page.Locator($"input.analysis-choice[value='{wideId}']").CheckAsync();
        var expected = $"{run.AnalysisId},{wideId}";
        await page.WaitForFunctionAsync("ids => document.body.dataset.compared === ids", expected);

        Assert.Equal($"?ids={expected}", new Uri(page.Url).Query);
        Assert.Equal(6, await ChartProbe.LineCountAsync(page, "compare"));
        await page.Context.CloseAsync();
    }
}
