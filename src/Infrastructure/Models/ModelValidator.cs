namespace HnlService.Infrastructure.Models;

/// <summary>Checks that ONNX files load in ONNX Runtime and match their manifest.</summary>
public sealed class ModelValidator
{
    /// <param name="manifest">Null to read the "hnl.manifest" metadata of the first file.</param>
    public ValidatedModel Validate(ModelManifest? manifest, IReadOnlyList<ModelFile> files)
    {
        throw new NotImplementedException();
    }

    /// <summary>Throws when a required column is not in the dataset, listing every missing one.</summary>
    public static void EnsureColumnsPresent(ValidatedModel model, IReadOnlyCollection<string> datasetColumns)
    {
        throw new NotImplementedException();
    }
}
