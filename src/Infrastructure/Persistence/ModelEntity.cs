namespace HnlService.Infrastructure.Persistence;

/// <summary>A validated model or model set: its resolved manifest as JSON and its ONNX files.</summary>
public sealed class ModelEntity
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string ManifestJson { get; set; }

    /// <summary>JSON array of the dataset columns scoring reads.</summary>
    public required string RequiredColumnsJson { get; set; }

    public bool IsParametric { get; set; }

    public bool IsModelSet { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<ModelFileEntity> Files { get; set; } = [];
}
