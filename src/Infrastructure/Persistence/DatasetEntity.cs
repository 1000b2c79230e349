namespace HnlService.Infrastructure.Persistence;

/// <summary>An ingested dataset. Schema, summary and channel mapping are JSON text; StoredPath is relative to the file store.</summary>
public sealed class DatasetEntity
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Sha256 { get; set; }

    public required string StoredPath { get; set; }

    public long SizeBytes { get; set; }

    public required string OriginalFormat { get; set; }

    public required string WeightColumn { get; set; }

    public required string LabelColumn { get; set; }

    public string? ChannelColumn { get; set; }

    public string? MassColumn { get; set; }

    public string? EventColumn { get; set; }

    public required string ChannelMappingJson { get; set; }

    public required string SchemaJson { get; set; }

    public required string SummaryJson { get; set; }

    public DateTime CreatedAt { get; set; }
}
