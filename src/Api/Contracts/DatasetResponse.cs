using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Persistence;

namespace HnlService.Api.Contracts;

/// <summary>A stored dataset with its roles, schema and summary.</summary>
public sealed record DatasetResponse(
    Guid Id,
    string Name,
    string Sha256,
    long SizeBytes,
    string OriginalFormat,
    DateTime CreatedAt,
    DatasetRolesResponse Roles,
    IReadOnlyDictionary<string, string> ChannelMapping,
    DatasetSchema Schema,
    DatasetSummaryResponse Summary)
{
    public static DatasetResponse From(DatasetEntity dataset)
    {
        var summary = StoredJson.Deserialize<DatasetSummary>(dataset.SummaryJson);
        return new DatasetResponse(
            dataset.Id,
            dataset.Name,
            dataset.Sha256,
            dataset.SizeBytes,
            dataset.OriginalFormat,
            dataset.CreatedAt,
            new DatasetRolesResponse(dataset.WeightColumn, dataset.LabelColumn, dataset.ChannelColumn, dataset.MassColumn, dataset.EventColumn),
            StoredJson.Deserialize<Dictionary<string, string>>(dataset.ChannelMappingJson),
            StoredJson.Deserialize<DatasetSchema>(dataset.SchemaJson),
            DatasetSummaryResponse.From(summary));
    }
}

/// <summary>Column names per role; null where the dataset has no such column.</summary>
public sealed record DatasetRolesResponse(string Weight, string Label, string? Channel, string? Mass, string? Event);

/// <summary>Rows, per (channel, label) counts and weights, channels, signal masses and numeric columns.</summary>
public sealed record DatasetSummaryResponse(
    long Rows,
    IReadOnlyList<DatasetGroupResponse> Groups,
    IReadOnlyList<string> Channels,
    IReadOnlyList<double?> SignalMasses,
    IReadOnlyList<string> NumericColumns)
{
    public static DatasetSummaryResponse From(DatasetSummary summary) => new(
        summary.Rows,
        summary.Groups
            .Select(g => new DatasetGroupResponse(g.Channel, g.Label, g.Events, FiniteNumbers.OrNull(g.WeightSum), FiniteNumbers.OrNull(g.NegativeWeightSum)))
            .ToList(),
        summary.Channels,
        FiniteNumbers.OrNull(summary.SignalMasses),
        summary.NumericColumns);
}

/// <summary>Event count and weight sums of one (channel, label) group.</summary>
public sealed record DatasetGroupResponse(string Channel, int Label, long Events, double? WeightSum, double? NegativeWeightSum);
