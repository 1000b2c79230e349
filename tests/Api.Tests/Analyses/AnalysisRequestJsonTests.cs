using System.Net;
using System.Text;
using HnlService.Api.Tests.Fixtures;

namespace HnlService.Api.Tests.Analyses;

/// <summary>Analysis requests whose JSON cannot be bound, in standalone SQLite mode: each error response names the field.</summary>
public sealed class AnalysisRequestJsonTests : IAsyncLifetime
{
    private readonly ApiFactory factory = new(null);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Post_NamesField_WhenFieldIsMisspelt()
    {
        var problem = await PostExpecting400("""{"datasetId": "6f1c2d0e-0000-4000-8000-000000000001", "discriminants": [{"column": "Mt_tot"}], "formla": "asimov"}""");

        Assert.Equal("invalid-json", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]?["formla"]);
    }

    [Fact]
    public async Task Post_NamesField_WhenNumberIsText()
    {
        var problem = await PostExpecting400("""{"datasetId": "6f1c2d0e-0000-4000-8000-000000000001", "discriminants": [{"column": "Mt_tot"}], "binning": {"maxRelativeUncertainty": "abc"}}""");

        Assert.Equal("invalid-json", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]?["binning.maxRelativeUncertainty"]);
    }

    [Fact]
    public async Task Post_ReportsMissingBody_WhenBodyIsEmpty()
    {
        var problem = await PostExpecting400("");

        Assert.Equal("missing-body", (string?)problem["code"]);
    }

    [Fact]
    public async Task Post_Returns422_WhenNameIsTooLong()
    {
        var name = new string('x', 201);
        using var content = new StringContent(
            $$"""{"datasetId": "6f1c2d0e-0000-4000-8000-000000000001", "discriminants": [{"column": "Mt_tot"}], "name": "{{name}}"}""",
            Encoding.UTF8,
            "application/json");

        var response = await factory.CreateClient().PostAsync("/api/analyses", content);

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("name-too-long", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]?["name"]);
    }

    [Fact]
    public async Task Get_ReturnsProblem_WhenIdIsNotGuid()
    {
        var response = await factory.CreateClient().GetAsync("/api/datasets/not-a-guid");

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-found", (string?)problem["code"]);
        Assert.Contains("GUID", (string?)problem["detail"]);
    }

    [Fact]
    public async Task SharePage_ServesPageWith404_WhenTokenIsUnknown()
    {
        var response = await factory.CreateClient().GetAsync("/s/no-such-token");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> PostExpecting400(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await factory.CreateClient().PostAsync("/api/analyses", content);

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return problem;
    }
}
