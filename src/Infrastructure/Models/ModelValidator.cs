using Microsoft.ML.OnnxRuntime;

namespace HnlService.Infrastructure.Models;

/// <summary>Checks that ONNX files load in ONNX Runtime and match their manifest.</summary>
public sealed class ModelValidator
{
    /// <summary>Key of the ONNX metadata_props entry that may carry the manifest as JSON.</summary>
    public const string ManifestMetadataKey = "hnl.manifest";

    /// <summary>
    /// Loads every file in ONNX Runtime and checks the manifest against it. Returns the manifest with
    /// input names, output name and event column filled in. Throws <see cref="ModelValidationException"/>
    /// naming the file, input, output, feature or member at fault.
    /// </summary>
    /// <param name="manifest">Null to read the "hnl.manifest" metadata of the first file.</param>
    public ValidatedModel Validate(ModelManifest? manifest, IReadOnlyList<ModelFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);

        if (files.Count == 0)
        {
            throw new ModelValidationException("invalid-onnx", "No ONNX file was uploaded.", "files");
        }

        var signatures = files.ToDictionary(file => file.FileName, LoadSignature, StringComparer.Ordinal);
        manifest ??= ReadEmbeddedManifest(files[0], signatures[files[0].FileName]);

        ManifestRules.CheckFeatures(manifest);
        ManifestRules.CheckMassFeature(manifest);
        ManifestRules.CheckMembers(manifest, files);

        var layout = CheckFilesAgainstManifest(manifest, files, signatures);
        CheckScalers(manifest, layout.FeatureCount);

        var resolved = Normalize(manifest, layout);
        return new ValidatedModel(resolved, RequiredColumnsOf(resolved), UsedFiles(resolved, files));
    }

    /// <summary>Throws when a required column is not in the dataset, listing every missing one.</summary>
    public static void EnsureColumnsPresent(ValidatedModel model, IReadOnlyCollection<string> datasetColumns)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(datasetColumns);

        var available = datasetColumns.ToHashSet(StringComparer.Ordinal);
        var missing = model.RequiredColumns.Where(column => !available.Contains(column)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var list = string.Join(", ", missing);
        throw new ModelValidationException(
            "missing-features",
            $"The dataset has no column for {missing.Count} model feature(s): {list}.",
            list);
    }

    /// <summary>Columns scoring reads from the dataset: features except the mass feature, plus the event column of a set.</summary>
    internal static IReadOnlyList<string> RequiredColumnsOf(ModelManifest manifest)
    {
        var columns = ManifestRules.AllFeatures(manifest)
            .Where(feature => feature != manifest.MassFeature)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        if (manifest.Members is { Count: > 0 } && !columns.Contains(manifest.EventColumn!))
        {
            columns.Add(manifest.EventColumn!);
        }

        return columns;
    }

    private static OnnxModelSignature LoadSignature(ModelFile file)
    {
        try
        {
            using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
            using var session = new InferenceSession(file.FullPath, options);
            return OnnxModelSignature.Read(session);
        }
        catch (OnnxRuntimeException exception)
        {
            // ONNX Runtime's own message says what failed (not a protobuf, unsupported opset or IR version, unknown operator).
            // It names the stored path, which is the server's business, so the upload's file name replaces it.
            throw new ModelValidationException(
                "invalid-onnx",
                $"'{file.FileName}' cannot be loaded by ONNX Runtime: {exception.Message.Replace(file.FullPath, file.FileName, StringComparison.Ordinal)}",
                file.FileName);
        }
    }

    private static ModelManifest ReadEmbeddedManifest(ModelFile file, OnnxModelSignature signature)
    {
        if (!signature.CustomMetadata.TryGetValue(ManifestMetadataKey, out var json))
        {
            throw new ModelValidationException(
                "missing-manifest",
                $"No manifest was sent and '{file.FileName}' has no '{ManifestMetadataKey}' metadata; send the manifest with the upload.",
                file.FileName);
        }

        return ModelManifestJson.Parse(json);
    }

    // Every file is checked against the manifest; members of a set must also agree with each other.
    private static ModelLayout CheckFilesAgainstManifest(
        ModelManifest manifest,
        IReadOnlyList<ModelFile> files,
        Dictionary<string, OnnxModelSignature> signatures)
    {
        ModelLayout? first = null;
        string? firstFile = null;

        foreach (var file in files)
        {
            var layout = ModelLayout.Resolve(manifest, signatures[file.FileName], file.FileName);
            if (first is null)
            {
                first = layout;
                firstFile = file.FileName;
                continue;
            }

            if (!layout.IsCompatibleWith(first))
            {
                throw new ModelValidationException(
                    "member-mismatch",
                    $"Member '{file.FileName}' has different inputs or outputs than '{firstFile}'; members of a set must share one signature.",
                    file.FileName);
            }
        }

        return first!;
    }

    private static void CheckScalers(ModelManifest manifest, int featureCount)
    {
        ManifestRules.CheckScaler(manifest.Scaler, featureCount, "scaler");

        var members = manifest.Members ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            ManifestRules.CheckScaler(members[i].Scaler, featureCount, $"members[{i}].scaler");
        }
    }

    private static ModelManifest Normalize(ModelManifest manifest, ModelLayout layout)
    {
        var isSet = manifest.Members is { Count: > 0 };

        return manifest with
        {
            Inputs = layout.Inputs.Select(input => new ModelInput(input.Name, input.Features)).ToList(),
            Features = null,
            Output = layout.Output.Name,
            EventColumn = isSet ? manifest.EventColumn ?? ManifestRules.DefaultEventColumn : manifest.EventColumn,
        };
    }

    private static List<ModelFile> UsedFiles(ModelManifest manifest, IReadOnlyList<ModelFile> files)
    {
        if (manifest.Members is not { Count: > 0 } members)
        {
            return [files[0]];
        }

        return files.Where(file => members.Any(member => member.File == file.FileName)).ToList();
    }
}
