using System.Net;
using System.Net.Http.Json;
using HnlService.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HnlService.Api.Tests.Security;

[Collection(PostgresCollection.Name)]
public sealed class ApiKeyTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Key = "test-key-0123456789";

    private ApiFactory factory = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Auth:ApiKeys:0"] = Key, ["Auth:ApiKeys:1"] = "second-key" };
        factory = new ApiFactory(
            await postgres.CreateDatabaseAsync("apikey"),
            settings,
            services => services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(IPAddress.Parse("203.0.113.7"))));
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("test-key-012345678")]
    public async Task ApiRequest_Returns401Problem_WhenKeyMissingOrWrong(string? key)
    {
        var client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var response = await client.GetAsync("/api/datasets");

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid-api-key", (string?)problem["code"]);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(Key)]
    [InlineData("second-key")]
    public async Task ApiRequest_Returns200_WhenKeyValid(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        var response = await client.GetAsync("/api/datasets");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SharedRead_Returns200WithoutKey_WhenTokenValid()
    {
        var datasetId = await SeededData.AddDatasetAsync(factory.Services);
        var keyed = factory.CreateClient();
        keyed.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var created = await (await keyed.PostAsJsonAsync("/api/analyses", new { datasetId, discriminants = new[] { new { column = "Mt_tot" } } })).ReadObjectAsync();
        var anonymous = factory.CreateClient();

        var shared = await anonymous.GetAsync($"/api/shared/{created["shareToken"]}");
        var unknown = await anonymous.GetAsync("/api/shared/not-a-token");

        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal((string?)created["id"], (string?)(await shared.ReadObjectAsync())["id"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Health_Returns200WithoutKey()
    {
        var response = await factory.CreateClient().GetAsync("/health");

        var health = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (string?)health["database"]);
        Assert.Equal("ok", (string?)health["storage"]);
    }

    [Fact]
    public async Task Dashboard_Returns401_WhenRemoteRequestHasNoKey()
    {
        var response = await factory.CreateClient().GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("anyone:" + Key, HttpStatusCode.OK)]
    [InlineData(":second-key", HttpStatusCode.OK)]
    [InlineData("anyone:wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData(Key, HttpStatusCode.Unauthorized)]
    public async Task Dashboard_ChecksBasicPassword_WhenRemote(string credentials, HttpStatusCode expected)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));

        var dashboard = await client.GetAsync("/hangfire");
        var page = await dashboard.Content.ReadAsStringAsync();

        // The dashboard's own background request carries the antiforgery token the page embeds.
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/stats") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("RequestVerificationToken", token);
        var backgroundRequest = await client.SendAsync(request);

        Assert.Equal(expected, dashboard.StatusCode);
        Assert.Equal(expected, backgroundRequest.StatusCode);
    }

    [Fact]
    public async Task Dashboard_RejectsPost_WhenAntiforgeryTokenMissing()
    {
        // Browsers resend Basic credentials on their own, so a forged cross-site POST must fail without the token.
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("anyone:" + Key)));
        await client.GetAsync("/hangfire");

        var response = await client.PostAsync("/hangfire/stats", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_Returns200_WhenRemoteRequestHasKey()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
