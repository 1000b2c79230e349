using System.IO.Compression;
using System.Text.Json;
using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Models;
using HnlService.Infrastructure.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace HnlService.Infrastructure.Tests.Analyses;

/// <summary>
/// The 60k-event synthetic HNL-like dataset and its even/odd model set, ingested once into a temporary
/// file store for every pipeline test. The CSV keeps the columns of the shared synthetic dataset that the
/// analyses read; the reference results beside it were computed from the full file.
/// </summary>
public sealed class SyntheticDatasetFixture : IAsyncLifetime
{
    public static readonly string TestDataFolder = Path.Combine(AppContext.BaseDirectory, "TestData", "analyses");

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "hnl-analyses-" + Guid.NewGuid().ToString("N"));

    public FileStore FileStore { get; private set; } = null!;

    /// <summary>All columns and every mass hypothesis.</summary>
    public IngestedDataset Dataset { get; private set; } = null!;

    /// <summary>Background plus the signal at 300 GeV, without a mass column.</summary>
    public IngestedDataset SingleHypothesisDataset { get; private set; } = null!;

    public ValidatedModel ModelSet { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        FileStore = new FileStore(Path.Combine(Root, "store"));

        Dataset = await IngestAsync(FileStore, "hnl-like-60k.csv.gz");
        SingleHypothesisDataset = await IngestAsync(FileStore, "hnl-like-mass300-no-mass-column.csv.gz");
        ModelSet = new ModelValidator().Validate(CreateManifest(), ModelFiles());
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    public string DatasetPath(IngestedDataset dataset) => FileStore.GetFullPath(dataset.StoredPath);

    /// <summary>A fresh folder under the fixture root, for a score cache that no other test touches.</summary>
    public string NewFolder()
    {
        var path = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// The notebook's even/odd pair: the member trained on even events scores odd events and vice versa.
    /// The scaler is part of each ONNX graph, so the manifest has none.
    /// </summary>
    public static ModelManifest CreateManifest()
    {
        using var models = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestDataFolder, "models.json")));
        var features = models.RootElement.GetProperty("features").EnumerateArray().Select(feature => feature.GetString()!).ToList();

        return new ModelManifest
        {
            Features = features,
            MassFeature = "mass_hyp",
            EventColumn = "event",
            OutputKind = OutputKind.Probability,
            Members =
            [
                new ModelMember("fnn_trained_on_even.onnx", FoldModulus: 2, FoldRemainder: 1),
                new ModelMember("fnn_trained_on_odd.onnx", FoldModulus: 2, FoldRemainder: 0),
            ],
        };
    }

    public static IReadOnlyList<ModelFile> ModelFiles()
    {
        string[] names = ["fnn_trained_on_even.onnx", "fnn_trained_on_odd.onnx"];
        return names
            .Select(name => new ModelFile(name, Path.Combine(TestDataFolder, name)))
            .ToList();
    }

    private static async Task<IngestedDataset> IngestAsync(FileStore fileStore, string compressedCsv)
    {
        using var csv = new MemoryStream();
        await using (var compressed = File.OpenRead(Path.Combine(TestDataFolder, compressedCsv)))
        await using (var gzip = new GZipStream(compressed, CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(csv);
        }

        csv.Position = 0;
        var ingestor = new DatasetIngestor(fileStore, NullLogger<DatasetIngestor>.Instance);
        return await ingestor.IngestAsync(csv, Path.GetFileNameWithoutExtension(compressedCsv), new ColumnRoles(), null, CancellationToken.None);
    }
}

[CollectionDefinition(Name)]
public sealed class SyntheticDatasetCollection : ICollectionFixture<SyntheticDatasetFixture>
{
    public const string Name = "synthetic dataset";
}
