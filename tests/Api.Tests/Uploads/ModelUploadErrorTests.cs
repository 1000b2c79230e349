using System.Net;
using System.Text.Json.Nodes;
using HnlService.Api.Tests.Fixtures;
using HnlService.Infrastructure.Hosting;

namespace HnlService.Api.Tests.Uploads;

/// <summary>
/// Rejected model uploads in standalone SQLite mode: the problem names what is wrong, the file store
/// gains no file, and a model stored earlier stays as it was.
/// </summary>
public sealed class ModelUploadErrorTests : IAsyncLifetime
{
    private readonly ApiFactory factory = new(postgresConnectionString: null);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Upload_Returns422NamingFile_WhenNotOnnx()
    {
        var client = factory.CreateClient();
        using var content = new MultipartFormDataContent
        {
            { new StringContent("""{"features": ["a", "b"]}"""), "manifest" },
            { new ByteArrayContent("this is not a protobuf"u8.ToArray()), "files", "garbage.onnx" },
        };

        var response = await client.PostAsync("/api/models", content);

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("invalid-onnx", (string?)problem["code"]);
        Assert.Contains("garbage.onnx", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Empty(StoredOnnxFiles());
        Assert.Empty(TemporaryFiles());
    }

    [Fact]
    public async Task Upload_KeepsEarlierModel_WhenFeatureCountWrong()
    {
        var client = factory.CreateClient();
        var earlierId = await client.UploadSyntheticModelAsync();
        var earlier = await client.GetStringAsync($"/api/models/{earlierId}");
        var storedBefore = StoredOnnxFiles();

        // The synthetic network takes 25 features; the manifest lists three.
        using var content = new MultipartFormDataContent
        {
            { new StringContent("""{"features": ["a", "b", "c"]}"""), "manifest" },
            { new StreamContent(File.OpenRead(TestFiles.Synthetic("fnn_trained_on_even.onnx"))), "files", "fnn_trained_on_even.onnx" },
        };
        var response = await client.PostAsync("/api/models", content);

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("feature-count-mismatch", (string?)problem["code"]);
        Assert.Contains("takes 25 features", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains("lists 3", (string?)problem["detail"], StringComparison.Ordinal);
        var models = JsonNode.Parse(await client.GetStringAsync("/api/models"))!.AsArray();
        Assert.Equal([earlierId.ToString()], models.Select(model => (string?)model!["id"]));
        Assert.Equal(earlier, await client.GetStringAsync($"/api/models/{earlierId}"));
        Assert.Equal(2, storedBefore.Count);
        Assert.Equal(storedBefore, StoredOnnxFiles());
        Assert.Empty(TemporaryFiles());
    }

    private List<string> StoredOnnxFiles() =>
        Directory.Exists(FilesDirectory)
            ? Directory.EnumerateFiles(FilesDirectory, "*.onnx", SearchOption.AllDirectories)
                .Where(path => !path.StartsWith(TemporaryDirectory, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    private List<string> TemporaryFiles() =>
        Directory.Exists(TemporaryDirectory) ? Directory.EnumerateFiles(TemporaryDirectory).ToList() : [];

    private string FilesDirectory => Path.Combine(factory.DataDirectory, ServiceEnvironment.FilesFolderName);

    private string TemporaryDirectory => Path.Combine(FilesDirectory, "tmp");
}
