using System.Net;
using System.Text;
using HnlService.Api.Tests.Fixtures;
using HnlService.Infrastructure.Hosting;
using HnlService.Infrastructure.Persistence;
using HnlService.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HnlService.Api.Tests.Storage;

/// <summary>
/// Deleting datasets and models in standalone SQLite mode: the row goes, its stored file is freed when
/// nothing else references it and it is past the grace period, and anything an analysis uses stays.
/// </summary>
public sealed class DeletionTests : IAsyncLifetime
{
    private const string SmallCsv = "genWeight,signal_label,x\n1,0,0.1\n1,1,0.9\n2,0,0.2\n0.5,1,0.7\n";

    private readonly ApiFactory factory = new(postgresConnectionString: null);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task DeleteDataset_FreesFile_WhenUnused()
    {
        var client = factory.CreateClient();
        var (id, path) = await UploadSmallCsvAsync(client);
        MakeOld(path);

        var response = await client.DeleteAsync($"/api/datasets/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/datasets/{id}")).StatusCode);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task DeleteDataset_KeepsFile_WhenContentShared()
    {
        var client = factory.CreateClient();
        var (first, path) = await UploadSmallCsvAsync(client);
        var (second, secondPath) = await UploadSmallCsvAsync(client);
        MakeOld(path);

        var response = await client.DeleteAsync($"/api/datasets/{first}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(path, secondPath);
        Assert.True(File.Exists(path));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/datasets/{second}")).StatusCode);
    }

    [Fact]
    public async Task DeleteDataset_Returns409_WhenAnalysisUsesIt()
    {
        var client = factory.CreateClient();
        var (id, path) = await UploadSmallCsvAsync(client);
        var analysisId = await client.StartAnalysisAsync(new { datasetId = id, discriminants = new[] { new { column = "x" } } });
        MakeOld(path);

        var response = await client.DeleteAsync($"/api/datasets/{id}");

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("dataset-in-use", (string?)problem["code"]);
        Assert.Contains($"1 analyses ({analysisId})", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/datasets/{id}")).StatusCode);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task DeleteModel_FreesFiles_WhenUnused()
    {
        var client = factory.CreateClient();
        var id = await client.UploadSyntheticModelAsync();
        var paths = await ModelFilePathsAsync(client, id);
        paths.ForEach(MakeOld);

        var response = await client.DeleteAsync($"/api/models/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/models/{id}")).StatusCode);
        Assert.Equal(2, paths.Count);
        Assert.All(paths, path => Assert.False(File.Exists(path)));
    }

    [Fact]
    public async Task DeleteModel_Returns409_WhenAnalysisUsesIt()
    {
        var client = factory.CreateClient();
        var datasetId = await client.UploadSyntheticDatasetAsync();
        var modelId = await client.UploadSyntheticModelAsync();
        await client.StartAnalysisAsync(new { datasetId, discriminants = new object[] { new { modelId } } });

        var response = await client.DeleteAsync($"/api/models/{modelId}");

        var problem = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("model-in-use", (string?)problem["code"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/models/{modelId}")).StatusCode);
    }

    [Fact]
    public async Task Delete_Returns404_WhenIdUnknown()
    {
        var client = factory.CreateClient();

        var dataset = await client.DeleteAsync($"/api/datasets/{Guid.NewGuid()}");
        var model = await client.DeleteAsync($"/api/models/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, dataset.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, model.StatusCode);
    }

    [Fact]
    public async Task Sweep_DeletesOnlyUnreferencedOldFiles()
    {
        var client = factory.CreateClient();
        var (_, datasetPath) = await UploadSmallCsvAsync(client);
        MakeOld(datasetPath);
        var orphanSha = new string('e', 64);
        var orphan = Path.Combine(FilesDirectory, "ee", orphanSha + ".parquet");
        var recentOrphan = Path.Combine(FilesDirectory, "ee", new string('e', 63) + "f.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        await File.WriteAllTextAsync(orphan, "left behind long ago");
        await File.WriteAllTextAsync(recentOrphan, "an upload in progress might reference this");
        MakeOld(orphan);

        var deleted = await SweepAsync();

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(recentOrphan));
        Assert.True(File.Exists(datasetPath));
    }

    [Fact]
    public async Task Sweep_DeletesNothing_WhenDatabaseHasNoRows()
    {
        // Files beside a database without datasets or models suggest the wrong database, not deletions.
        factory.CreateClient();
        var orphan = Path.Combine(FilesDirectory, "ee", new string('e', 64) + ".parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        await File.WriteAllTextAsync(orphan, "kept until a row references something");
        MakeOld(orphan);

        var deleted = await SweepAsync();

        Assert.Equal(0, deleted);
        Assert.True(File.Exists(orphan));
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StoredFileSweeper>()
            .SweepAsync(scope.ServiceProvider.GetRequiredService<HnlDbContext>(), CancellationToken.None);
    }

    private string FilesDirectory => Path.Combine(factory.DataDirectory, ServiceEnvironment.FilesFolderName);

    private static void MakeOld(string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));

    private async Task<(Guid Id, string Path)> UploadSmallCsvAsync(HttpClient client)
    {
        using var content = new StringContent(SmallCsv, Encoding.UTF8, "text/csv");
        var response = await client.PostAsync("/api/datasets?name=small.csv&massColumn=", content);
        var dataset = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var sha256 = (string)dataset["sha256"]!;
        return (Guid.Parse((string)dataset["id"]!), Path.Combine(FilesDirectory, sha256[..2], sha256 + ".parquet"));
    }

    private async Task<List<string>> ModelFilePathsAsync(HttpClient client, Guid id)
    {
        var model = await (await client.GetAsync($"/api/models/{id}")).ReadObjectAsync();
        return model["files"]!.AsArray()
            .Select(file => (string)file!["sha256"]!)
            .Select(sha256 => Path.Combine(FilesDirectory, sha256[..2], sha256 + ".onnx"))
            .ToList();
    }
}
