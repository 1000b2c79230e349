using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace HnlService.Web.Tests;

/// <summary>What the upload and analysis pages produced for the synthetic 60k-event sample.</summary>
public sealed record SyntheticRun(
    string DatasetId,
    string ModelId,
    string AnalysisId,
    string DatasetResultText,
    IReadOnlyList<(string File, string Modulus, string Remainder)> Members,
    string AnalysisUrl);

/// <summary>
/// Uploads the synthetic dataset and the even/odd model set through the forms and starts an analysis
/// of the model set against Mt_tot through the new-analysis form, once per test run.
/// </summary>
public sealed class SyntheticScenario(BrowserFixture fixture)
{
    public const string ModelName = "fnn even-odd";
    private static readonly TimeSpan AnalysisTimeout = TimeSpan.FromMinutes(4);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SyntheticRun? _run;
    private string? _wideAnalysisId;

    public async Task<SyntheticRun> RunAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _run ??= await UploadAndAnalyseAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Starts, through the API, a second analysis of the same dataset with four discriminants (the
    /// model set and three columns) over all 9 masses and 5 channels, and waits until it succeeds.
    /// </summary>
    public async Task<string> RunWideAnalysisAsync()
    {
        var run = await RunAsync();
        await _gate.WaitAsync();
        try
        {
            return _wideAnalysisId ??= await StartWideAnalysisAsync(run);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> StartWideAnalysisAsync(SyntheticRun run)
    {
        using var client = fixture.NewApiClient();
        var spec = new
        {
            datasetId = run.DatasetId,
            name = "four discriminants",
            discriminants = new object[] { new { modelId = run.ModelId }, new { column = "Mt_tot" }, new { column = "mass_123" }, new { column = "pt_123" } },
            binning = new { strategy = "equal-signal", maxRelativeUncertainty = 0.3, initialBins = 30 },
            formula = "asimov",
        };
        using var response = await client.PostAsync("/api/analyses", JsonContent.Create(spec));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/analyses returned {(int)response.StatusCode}: {body}");
        }

        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        await WaitUntilSucceededAsync(client, id);
        return id;
    }

    private static async Task WaitUntilSucceededAsync(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow + AnalysisTimeout;
        while (DateTime.UtcNow < deadline)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync($"/api/analyses/{id}"));
            var status = document.RootElement.GetProperty("status").GetString();
            if (status == "succeeded")
            {
                return;
            }
            if (status is "failed" or "cancelled")
            {
                throw new InvalidOperationException($"Analysis {id} ended as '{status}': {document.RootElement.GetProperty("error")}");
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"Analysis {id} did not finish within {AnalysisTimeout.TotalMinutes} minutes.");
    }

    private async Task<SyntheticRun> UploadAndAnalyseAsync()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            var (datasetId, resultText) = await UploadDatasetAsync(page);
            var (modelId, members) = await UploadModelAsync(page, datasetId);
            var analysisId = await StartAnalysisAsync(page, datasetId, modelId);
            await WaitForResultsAsync(page);
            return new SyntheticRun(datasetId, modelId, analysisId, resultText, members, page.Url);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task<(string Id, string ResultText)> UploadDatasetAsync(IPage page)
    {
        await page.GotoAsync("/datasets-new.html");
        await page.Locator("#file").SetInputFilesAsync(TestPaths.TestData("events.csv"));
        await page.Locator("#name").FillAsync("synthetic 60k");
        await page.Locator("#upload-button").ClickAsync();

        var result = page.Locator("#result");
        await Assertions.Expect(result).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var id = await result.GetAttributeAsync("data-dataset-id") ?? throw new InvalidOperationException("The result card has no dataset id.");
        return (id, await result.InnerTextAsync());
    }

    private static async Task<(string Id, IReadOnlyList<(string, string, string)> Members)> UploadModelAsync(IPage page, string datasetId)
    {
        await page.GotoAsync("/models-new.html");
        await page.Locator("#files").SetInputFilesAsync([
            TestPaths.TestData("fnn_trained_on_even.onnx"),
            TestPaths.TestData("fnn_trained_on_odd.onnx"),
        ]);
        await page.Locator("#name").FillAsync(ModelName);
        await page.Locator("#features").FillAsync(string.Join(", ", ModelFeatures()));
        await page.Locator("#mass-feature").SelectOptionAsync("mass_hyp");
        var members = await ReadMembersAsync(page);
        await page.Locator("#upload-button").ClickAsync();

        var result = page.Locator("#result");
        await Assertions.Expect(result).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var id = await result.GetAttributeAsync("data-model-id") ?? throw new InvalidOperationException("The result card has no model id.");
        return (id, members);
    }

    private static async Task<IReadOnlyList<(string, string, string)>> ReadMembersAsync(IPage page)
    {
        var members = new List<(string, string, string)>();
        foreach (var row in await page.Locator(".member-row").AllAsync())
        {
            members.Add((
                await row.GetAttributeAsync("data-file") ?? "",
                await row.Locator(".member-modulus").InputValueAsync(),
                await row.Locator(".member-remainder").InputValueAsync()));
        }
        return members;
    }

    public static IReadOnlyList<string> ModelFeatures()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.TestData("model-features.json")));
        return document.RootElement.GetProperty("features").EnumerateArray().Select(item => item.GetString()!).ToList();
    }

    private static async Task<string> StartAnalysisAsync(IPage page, string datasetId, string modelId)
    {
        await page.GotoAsync($"/analyses-new.html?datasetId={datasetId}");
        await page.Locator($"input.discriminant[value='{modelId}']").CheckAsync();
        await Assertions.Expect(page.Locator("input.discriminant[value='Mt_tot']")).ToBeCheckedAsync();
        await page.Locator("#name").FillAsync("model set vs Mt_tot");
        await page.Locator("#start-button").ClickAsync();

        await page.WaitForURLAsync("**/analysis.html?id=*");
        return new Uri(page.Url).Query.Split('=', 2)[1];
    }

    private static async Task WaitForResultsAsync(IPage page)
    {
        await page.WaitForFunctionAsync(
            "() => document.body.dataset.results === 'ready' || ['failed', 'cancelled'].includes(document.body.dataset.status)",
            null,
            new PageWaitForFunctionOptions { Timeout = (float)AnalysisTimeout.TotalMilliseconds, PollingInterval = 500 });

        var status = await page.EvaluateAsync<string>("() => document.body.dataset.status");
        if (status != "succeeded")
        {
            var error = await page.Locator("#analysis-error").InnerTextAsync();
            throw new InvalidOperationException($"The analysis ended as '{status}': {error}");
        }
    }
}
