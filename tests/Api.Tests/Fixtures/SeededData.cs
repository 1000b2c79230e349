using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Models;
using HnlService.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace HnlService.Api.Tests.Fixtures;

/// <summary>
/// Rows written straight to the database, for tests of validation and job bookkeeping that need a
/// dataset or model row but not its file.
/// </summary>
public static class SeededData
{
    public static readonly string[] Channels = ["tee", "tem"];

    public static readonly double[] Masses = [85, 100];

    public static async Task<Guid> AddDatasetAsync(IServiceProvider services, bool withMassColumn = true)
    {
        var columns = new List<DatasetColumn>
        {
            new("genWeight", "DOUBLE", null, false, false, true),
            new("signal_label", "INT64", "INTEGER", false, false, true),
            new("channel", "INT64", "INTEGER", false, false, true),
            new("pt_1", "DOUBLE", null, false, false, true),
            new("Mt_tot", "DOUBLE", null, false, false, true),
            new("comment", "BYTE_ARRAY", "STRING", false, false, false),
            new("jet_pt", "GROUP", "LIST", true, true, false),
        };
        if (withMassColumn)
        {
            columns.Add(new DatasetColumn("mass_hyp", "DOUBLE", null, false, false, true));
        }

        var summary = new DatasetSummary(
            100,
            [new ChannelLabelSummary("tee", 1, 10, 1.5, 0), new ChannelLabelSummary("tem", 0, 90, 20, -0.5)],
            Channels,
            withMassColumn ? Masses : [],
            columns.Where(c => c.IsNumericFeature).Select(c => c.Name).ToList());
        var dataset = new DatasetEntity
        {
            Id = Guid.NewGuid(),
            Name = "seeded.parquet",
            Sha256 = new string('a', 64),
            StoredPath = "aa/seeded.parquet",
            SizeBytes = 1234,
            OriginalFormat = "parquet",
            WeightColumn = "genWeight",
            LabelColumn = "signal_label",
            ChannelColumn = "channel",
            MassColumn = withMassColumn ? "mass_hyp" : null,
            ChannelMappingJson = DatasetRoles.SerializeMapping(ChannelMapping.Default),
            SchemaJson = StoredJson.Serialize(new DatasetSchema(100, 1, columns)),
            SummaryJson = StoredJson.Serialize(summary),
            CreatedAt = DateTime.UtcNow,
        };
        await SaveAsync(services, context => context.Datasets.Add(dataset));
        return dataset.Id;
    }

    public static async Task<Guid> AddModelAsync(IServiceProvider services, string name, IReadOnlyList<string> features, string? massFeature)
    {
        var manifest = new ModelManifest { Features = features, MassFeature = massFeature };
        var model = new ModelEntity
        {
            Id = Guid.NewGuid(),
            Name = name,
            ManifestJson = StoredJson.Serialize(manifest),
            RequiredColumnsJson = StoredJson.Serialize(features.Where(f => f != massFeature).ToList()),
            IsParametric = massFeature is not null,
            CreatedAt = DateTime.UtcNow,
        };
        await SaveAsync(services, context => context.Models.Add(model));
        return model.Id;
    }

    public static async Task SaveAsync(IServiceProvider services, Action<HnlDbContext> change)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<HnlDbContext>();
        change(context);
        await context.SaveChangesAsync();
    }

    public static async Task<T> QueryAsync<T>(IServiceProvider services, Func<HnlDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HnlDbContext>());
    }
}
