namespace HnlService.Infrastructure.Models;

/// <summary>
/// A manifest checked against its ONNX files, with every member resolved. RequiredColumns are the
/// dataset columns scoring reads: the features without the mass feature, plus the event column for folds.
/// </summary>
public sealed record ValidatedModel(
    ModelManifest Manifest,
    IReadOnlyList<string> RequiredColumns,
    IReadOnlyList<ModelFile> Files)
{
    /// <summary>All features in input order; the scaler arrays follow this order.</summary>
    public IReadOnlyList<string> Features => ManifestRules.AllFeatures(Manifest);

    /// <summary>True when the model takes the mass hypothesis as a feature.</summary>
    public bool IsParametric => Manifest.MassFeature is not null;

    /// <summary>True when fold members score events by event number.</summary>
    public bool IsModelSet => Manifest.Members is { Count: > 0 };
}
