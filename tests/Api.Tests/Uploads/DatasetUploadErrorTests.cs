using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HnlService.Api.Tests.Fixtures;

namespace HnlService.Api.Tests.Uploads;

/// <summary>Bad dataset uploads in standalone SQLite mode: each returns 422 naming the column and stores nothing.</summary>
public sealed class DatasetUploadErrorTests : IAsyncLifetime
{
    private const string ValidCsv = "genWeight,signal_label,channel,mass_hyp,Mt_tot\n1.0,1,0,100,50\n2.0,0,0,0,40\n";

    private readonly ApiFactory factory = new(null);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Upload_NamesWeightColumn_WhenWeightIsNaN()
    {
        var csv = "genWeight,signal_label,channel,mass_hyp\n1.0,1,0,100\nnan,0,0,0\n";

        var problem = await UploadExpecting422(csv, "nan-weight.csv");

        Assert.Equal("invalid-weight", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]?["genWeight"]);
    }

    [Fact]
    public async Task Upload_NamesLabelColumn_WhenLabelIsTwo()
    {
        var csv = "genWeight,signal_label,channel,mass_hyp\n1.0,2,0,100\n";

        var problem = await UploadExpecting422(csv, "bad-label.csv");

        Assert.Equal("invalid-label", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]?["signal_label"]);
    }

    [Fact]
    public async Task Upload_Returns415_WhenRawBodyIsJson()
    {
        using var content = new StringContent("""{"file": "events.csv"}""", System.Text.Encoding.UTF8, "application/json");

        var response = await factory.CreateClient().PostAsync("/api/datasets", content);

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported-media-type", (string?)problem["code"]);
        Assert.Contains("'application/json'", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_AcceptsRawCsv_WhenFormType()
    {
        // curl --data-binary @events.csv sends application/x-www-form-urlencoded unless -H sets another type.
        using var content = new StringContent("genWeight,signal_label\n0.5,0\n2,1\n1.5,0\n", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await factory.CreateClient().PostAsync("/api/datasets?name=events.csv&massColumn=", content);

        var dataset = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("csv", (string?)dataset["originalFormat"]);
        Assert.Equal(3, (long?)dataset["schema"]!["rowCount"]);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/octet-stream")]
    [InlineData("text/plain")]
    public async Task Upload_ReadsCsvContent_WhenNoNameGiven(string contentType)
    {
        using var content = new StringContent("genWeight,signal_label\n0.5,0\n2,1\n", System.Text.Encoding.UTF8, contentType);

        var response = await factory.CreateClient().PostAsync("/api/datasets?massColumn=", content);

        var dataset = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("csv", (string?)dataset["originalFormat"]);
        Assert.Equal(2, (long?)dataset["schema"]!["rowCount"]);
    }

    [Fact]
    public async Task Upload_NamesMassColumn_WhenDefaultMassColumnIsMissing()
    {
        // The parquet zoo's duckdb_missing_mass.parquet has the notebook's columns except mass_hyp.
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(File.ReadAllBytes(UploadFile("duckdb_missing_mass.parquet"))), "file", "missing-mass.parquet" },
        };

        var response = await factory.CreateClient().PostAsync("/api/datasets", content);

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("missing-column", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]?["mass_hyp"]);
    }

    [Fact]
    public async Task Upload_Accepts_WhenMassRoleIsEmpty()
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(""), "massColumn" },
            { new ByteArrayContent(File.ReadAllBytes(UploadFile("duckdb_missing_mass.parquet"))), "file", "missing-mass.parquet" },
        };

        var response = await factory.CreateClient().PostAsync("/api/datasets", content);

        var dataset = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(dataset["roles"]?["mass"]);
        Assert.Equal(3000, (long?)dataset["summary"]?["rows"]);
    }

    [Fact]
    public async Task Upload_AppliesRoles_WhenFieldsFollowFile()
    {
        var csv = "w,is_signal,channel,mass_hyp\n1.5,1,0,100\n2.0,0,1,0\n";
        using var content = new MultipartFormDataContent
        {
            { new StringContent(csv), "file", "renamed.csv" },
            { new StringContent("w"), "weightColumn" },
            { new StringContent("is_signal"), "labelColumn" },
        };

        var response = await factory.CreateClient().PostAsync("/api/datasets", content);

        var dataset = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("w", (string?)dataset["roles"]?["weight"]);
        Assert.Equal("is_signal", (string?)dataset["roles"]?["label"]);
        Assert.Equal(2, (long?)dataset["summary"]?["rows"]);
    }

    [Fact]
    public async Task Upload_NamesFirstNullRow_WhenWeightHasNulls()
    {
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(File.ReadAllBytes(UploadFile("duckdb_with_nulls.parquet"))), "file", "with-nulls.parquet" },
        };

        var response = await factory.CreateClient().PostAsync("/api/datasets", content);

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("invalid-weight", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]?["genWeight"]);
        // Row 88 (zero-based) is the first null weight, found with a separate Parquet reader.
        Assert.Equal(88, (long?)problem["row"]);
    }

    [Fact]
    public async Task Upload_Rejects_WhenFileIsNotParquet()
    {
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.ASCII.GetBytes("this is not a parquet file")), "file", "fake.parquet" },
        };

        var response = await factory.CreateClient().PostAsync("/api/datasets", content);

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("invalid-format", (string?)problem["code"]);
    }

    [Fact]
    public async Task FailedUpload_LeavesStoredDatasetsUnchanged()
    {
        var client = factory.CreateClient();
        var stored = await Upload(client, ValidCsv, "good.csv");
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var before = await (await client.GetAsync("/api/datasets")).Content.ReadAsStringAsync();

        await UploadExpecting422("genWeight,signal_label,channel,mass_hyp\n1.0,1,0,\n", "null-mass.csv");

        var after = await (await client.GetAsync("/api/datasets")).Content.ReadAsStringAsync();
        Assert.Equal(before, after);
        Assert.Single(JsonNode.Parse(after)!.AsArray());
    }

    private async Task<JsonObject> UploadExpecting422(string csv, string fileName)
    {
        var response = await Upload(factory.CreateClient(), csv, fileName);

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return problem;
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, string csv, string fileName)
    {
        var content = new MultipartFormDataContent { { new StringContent(csv), "file", fileName } };
        return client.PostAsync("/api/datasets", content);
    }

    private static string UploadFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "uploads", name);
}
