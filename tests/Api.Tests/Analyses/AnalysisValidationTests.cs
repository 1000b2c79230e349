using System.Net;
using System.Net.Http.Json;
using HnlService.Api.Tests.Fixtures;

namespace HnlService.Api.Tests.Analyses;

[Collection(PostgresCollection.Name)]
public sealed class AnalysisValidationTests(PostgresServer postgres) : IAsyncLifetime
{
    private ApiFactory factory = null!;
    private HttpClient client = null!;
    private Guid datasetId;

    public async Task InitializeAsync()
    {
        factory = new ApiFactory(await postgres.CreateDatabaseAsync("validation"));
        client = factory.CreateClient();
        datasetId = await SeededData.AddDatasetAsync(factory.Services);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Create_Returns422NamingDatasetId_WhenDatasetUnknown()
    {
        var response = await client.PostAsJsonAsync("/api/analyses", new { datasetId = Guid.NewGuid(), discriminants = new[] { new { column = "Mt_tot" } } });

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("unknown-dataset", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]!["datasetId"]);
    }

    [Fact]
    public async Task Create_Returns422NamingEachField_WhenSpecInvalid()
    {
        var request = new
        {
            datasetId,
            discriminants = new object[] { new { column = "Mt_tot" }, new { column = "nope" }, new { column = "comment" } },
            channels = new[] { "tee", "xyz" },
            masses = new[] { 85.0, 123.0 },
            binning = new { strategy = "sideways", maxRelativeUncertainty = 0.0, initialBins = 1001 },
            formula = "magic",
        };

        var response = await client.PostAsJsonAsync("/api/analyses", request);

        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(errors.ContainsKey("discriminants[1].column"));
        Assert.True(errors.ContainsKey("discriminants[2].column"));
        Assert.True(errors.ContainsKey("channels[1]"));
        Assert.True(errors.ContainsKey("masses[1]"));
        Assert.True(errors.ContainsKey("binning.strategy"));
        Assert.True(errors.ContainsKey("binning.maxRelativeUncertainty"));
        Assert.True(errors.ContainsKey("binning.initialBins"));
        Assert.True(errors.ContainsKey("formula"));
        Assert.False(errors.ContainsKey("discriminants[0].column"));
    }

    [Fact]
    public async Task Create_Returns422WithFlattenHint_WhenColumnNested()
    {
        var response = await client.PostAsJsonAsync("/api/analyses", new { datasetId, discriminants = new[] { new { column = "jet_pt" } } });

        var problem = await response.ReadObjectAsync();
        var messages = problem["errors"]!["discriminants[0].column"]!.AsArray().Select(message => (string?)message).ToList();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("nested-column", (string?)problem["code"]);
        Assert.Single(messages);
        Assert.Contains("several values per event", messages[0], StringComparison.Ordinal);
        Assert.Contains("Flatten", messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Returns422_WhenNoDiscriminants()
    {
        var response = await client.PostAsJsonAsync("/api/analyses", new { datasetId, discriminants = Array.Empty<object>() });

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotNull(problem["errors"]!["discriminants"]);
    }

    [Fact]
    public async Task Create_Returns422NamingFeature_WhenModelFeatureMissing()
    {
        var modelId = await SeededData.AddModelAsync(factory.Services, "net", ["pt_1", "eta_9", "mass_hyp"], "mass_hyp");

        var response = await client.PostAsJsonAsync("/api/analyses", new { datasetId, discriminants = new[] { new { modelId } } });

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotNull(problem["errors"]!["eta_9"]);
        Assert.Null(problem["errors"]!["pt_1"]);
    }

    [Fact]
    public async Task Create_Returns422_WhenParametricModelOnDatasetWithoutMass()
    {
        var noMassDataset = await SeededData.AddDatasetAsync(factory.Services, withMassColumn: false);
        var modelId = await SeededData.AddModelAsync(factory.Services, "param", ["pt_1", "mass_hyp"], "mass_hyp");

        var response = await client.PostAsJsonAsync("/api/analyses", new { datasetId = noMassDataset, discriminants = new[] { new { modelId } } });

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("missing-mass-column", (string?)problem["code"]);
    }

    [Fact]
    public async Task Create_Returns202WithLocationAndShareUrl_WhenSpecValid()
    {
        var response = await client.PostAsJsonAsync("/api/analyses", new { datasetId, discriminants = new[] { new { column = "Mt_tot" } }, masses = new[] { 100.0 } });

        var analysis = await response.ReadObjectAsync();
        var token = (string)analysis["shareToken"]!;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/analyses/{analysis["id"]}", response.Headers.Location?.ToString());
        Assert.EndsWith($"/s/{token}", (string)analysis["shareUrl"]!);
        Assert.Equal(32, Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length);
    }

    [Fact]
    public async Task Create_StoresDatasetMass_WhenRequestMassDiffersInLastDigits()
    {
        // 100 + 1e-10 passes the 1e-9 relative match; the worker needs the exact stored value, 100.
        var response = await client.PostAsJsonAsync("/api/analyses", new { datasetId, discriminants = new[] { new { column = "Mt_tot" } }, masses = new[] { 100.0000000001 } });

        var analysis = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(100.0, (double?)analysis["spec"]?["masses"]?[0]);
    }

    [Fact]
    public async Task Get_Returns404Problem_WhenAnalysisUnknown()
    {
        var response = await client.GetAsync($"/api/analyses/{Guid.NewGuid()}");

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (int)problem["status"]!);
    }
}
