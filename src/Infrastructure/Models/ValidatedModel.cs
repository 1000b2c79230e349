namespace HnlService.Infrastructure.Models;

/// <summary>
/// A manifest checked against its ONNX files, with every member resolved. RequiredColumns are the
/// dataset columns scoring reads: the features without the mass feature, plus the event column for folds.
/// </summary>
public sealed record ValidatedModel(
    ModelManifest Manifest,
    IReadOnlyList<string> RequiredColumns,
    IReadOnlyList<ModelFile> Files);
