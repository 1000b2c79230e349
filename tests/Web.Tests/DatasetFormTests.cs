using System.Text.Json;
using Microsoft.Playwright;

namespace HnlService.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DatasetFormTests(BrowserFixture fixture)
{
    [Fact]
    public async Task DatasetForm_ShowsErrorNextToWeightField_WhenWeightColumnIsMissing()
    {
        var csv = Path.Combine(Directory.CreateTempSubdirectory("hnl-web-form-").FullName, "small.csv");
        await File.WriteAllTextAsync(csv, "event,channel,signal_label,mass_hyp,genWeight,x\n1,0,1,100,1.0,0.5\n2,0,0,100,1.0,0.2\n3,1,1,100,0.5,0.7\n4,1,0,100,2.0,0.1\n");
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/datasets-new.html");
        await page.Locator("#file").SetInputFilesAsync(csv);
        await page.Locator("#weightColumn").FillAsync("no_such_weight");
        await page.Locator("#upload-button").ClickAsync();

        var weightError = page.Locator(".field:has(#weightColumn) .field-error");
        await Assertions.Expect(weightError).ToBeVisibleAsync();
        Assert.Contains("no_such_weight", await weightError.InnerTextAsync());
        Assert.Equal("true", await page.Locator("#weightColumn").GetAttributeAsync("aria-invalid"));
        Assert.False(await page.Locator(".field:has(#labelColumn) .field-error").IsVisibleAsync());
        Assert.False(await page.Locator("#result").IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DatasetForm_StoresSyntheticSample_WhenCsvUploaded()
    {
        var run = await fixture.Scenario.RunAsync();
        using var client = fixture.NewApiClient();

        using var dataset = JsonDocument.Parse(await client.GetStringAsync($"/api/datasets/{run.DatasetId}"));

        var summary = dataset.RootElement.GetProperty("summary");
        Assert.Equal(60000, summary.GetProperty("rows").GetInt64());
        Assert.Equal(5, summary.GetProperty("channels").GetArrayLength());
        Assert.Equal(9, summary.GetProperty("signalMasses").GetArrayLength());
        Assert.Equal("genWeight", dataset.RootElement.GetProperty("roles").GetProperty("weight").GetString());
        Assert.Equal("synthetic 60k", dataset.RootElement.GetProperty("name").GetString());
        Assert.Contains("60,000 events", run.DatasetResultText);
    }

    [Fact]
    public async Task ModelForm_StoresEvenOddModelSet_WhenTwoFilesUploaded()
    {
        var run = await fixture.Scenario.RunAsync();
        using var client = fixture.NewApiClient();

        using var model = JsonDocument.Parse(await client.GetStringAsync($"/api/models/{run.ModelId}"));

        // The network trained on even events scores the odd ones (event mod 2 == 1), and the reverse.
        Assert.Contains(("fnn_trained_on_even.onnx", "2", "1"), run.Members);
        Assert.Contains(("fnn_trained_on_odd.onnx", "2", "0"), run.Members);
        Assert.True(model.RootElement.GetProperty("isModelSet").GetBoolean());
        Assert.True(model.RootElement.GetProperty("isParametric").GetBoolean());
        Assert.Equal("mass_hyp", model.RootElement.GetProperty("manifest").GetProperty("massFeature").GetString());
        Assert.Equal(SyntheticScenario.ModelFeatures(), ManifestFeatures(model.RootElement.GetProperty("manifest")));
    }

    // The API may return a single-input manifest with "features" or normalized to "inputs".
    private static IEnumerable<string?> ManifestFeatures(JsonElement manifest)
    {
        var features = manifest.TryGetProperty("features", out var list) && list.ValueKind == JsonValueKind.Array
            ? list
            : manifest.GetProperty("inputs")[0].GetProperty("features");
        return features.EnumerateArray().Select(item => item.GetString()).ToList();
    }
}
