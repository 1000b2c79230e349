namespace HnlService.Infrastructure.Persistence;

/// <summary>One ONNX file of a model, under the name its manifest uses; StoredPath is relative to the file store.</summary>
public sealed class ModelFileEntity
{
    public Guid ModelId { get; set; }

    public int Ordinal { get; set; }

    public required string FileName { get; set; }

    public required string Sha256 { get; set; }

    public required string StoredPath { get; set; }

    public long SizeBytes { get; set; }
}
