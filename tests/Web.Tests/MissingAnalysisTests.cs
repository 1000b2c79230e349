namespace HnlService.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class MissingAnalysisTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SharePage_ShowsInvalidLinkMessage_WhenTokenIsUnknown()
    {
        // GET /s/{token} returns a 404 problem for an unknown token instead of the page, so this test
        // serves /analysis.html at that address. The page's call to /api/shared/{token} reaches the service.
        using var client = fixture.NewApiClient();
        var pageHtml = await client.GetStringAsync("/analysis.html");
        var page = await fixture.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.RouteAsync("**/s/unknown-token", route => route.FulfillAsync(new() { ContentType = "text/html; charset=utf-8", Body = pageHtml }));

        await page.GotoAsync("/s/unknown-token");
        await page.WaitForFunctionAsync("() => document.body.dataset.status === 'not-found'");

        Assert.Equal("This share link is not valid or the analysis was deleted.", await page.Locator("#message").InnerTextAsync());
        Assert.True(await page.Locator("#message").IsVisibleAsync());
        Assert.False(await page.Locator("#overview").IsVisibleAsync());
        Assert.Empty(scriptErrors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnalysisPage_ShowsNotFoundMessage_WhenIdIsUnknown()
    {
        var page = await fixture.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        await page.GotoAsync($"/analysis.html?id={Guid.NewGuid()}");
        await page.WaitForFunctionAsync("() => document.body.dataset.status === 'not-found'");

        Assert.StartsWith("This analysis does not exist or was deleted.", await page.Locator("#message").InnerTextAsync());
        Assert.False(await page.Locator("#overview").IsVisibleAsync());
        Assert.Empty(scriptErrors);
        await page.Context.CloseAsync();
    }
}
