using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace HnlService.Web.Tests;

/// <summary>The delete buttons of the home page, on datasets uploaded by each test under its own name.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HomePageTests(BrowserFixture fixture)
{
    private const string SmallCsv = "genWeight,signal_label,x\n1,0,0.1\n1,1,0.9\n2,0,0.2\n0.5,1,0.7\n";

    [Fact]
    public async Task DeleteButton_RemovesDataset_WhenConfirmed()
    {
        var name = $"delete-me-{Guid.NewGuid():N}.csv";
        var datasetId = await UploadSmallCsvAsync(name);
        var page = await fixture.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GotoAsync("/");
        await page.Locator($"#datasets tr:has-text('{name}') button[data-delete]").ClickAsync();

        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync($"Deleted dataset \"{name}\"");
        await Assertions.Expect(page.Locator($"#datasets tr:has-text('{name}')")).ToHaveCountAsync(0);
        using var client = fixture.NewApiClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/datasets/{datasetId}")).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DeleteButton_ShowsConflict_WhenAnalysisUsesDataset()
    {
        var name = $"in-use-{Guid.NewGuid():N}.csv";
        var datasetId = await UploadSmallCsvAsync(name);
        using var client = fixture.NewApiClient();
        var analysis = await client.PostAsJsonAsync("/api/analyses", new { datasetId, discriminants = new[] { new { column = "x" } } });
        Assert.Equal(HttpStatusCode.Accepted, analysis.StatusCode);
        var page = await fixture.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GotoAsync("/");
        await page.Locator($"#datasets tr:has-text('{name}') button[data-delete]").ClickAsync();

        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("is used by 1 analyses");
        await Assertions.Expect(page.Locator($"#datasets tr:has-text('{name}')")).ToHaveCountAsync(1);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/datasets/{datasetId}")).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DeleteButton_KeepsDataset_WhenDialogDismissed()
    {
        var name = $"kept-{Guid.NewGuid():N}.csv";
        var datasetId = await UploadSmallCsvAsync(name);
        var page = await fixture.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };

        await page.GotoAsync("/");
        await page.Locator($"#datasets tr:has-text('{name}') button[data-delete]").ClickAsync();
        await page.Locator($"#datasets tr:has-text('{name}')").WaitForAsync();

        using var client = fixture.NewApiClient();
        Assert.Equal(1, dialogs);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/datasets/{datasetId}")).StatusCode);
        await page.Context.CloseAsync();
    }

    private async Task<Guid> UploadSmallCsvAsync(string name)
    {
        using var client = fixture.NewApiClient();
        using var content = new StringContent(SmallCsv, Encoding.UTF8, "text/csv");
        var response = await client.PostAsync($"/api/datasets?name={name}&massColumn=", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Upload returned {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }
}
