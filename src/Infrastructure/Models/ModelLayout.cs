using Microsoft.ML.OnnxRuntime.Tensors;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// How one ONNX file is fed and read under a manifest: which features go into which input, and
/// where the signal probability is in the output. Built by <see cref="Resolve"/>, which rejects
/// every mismatch between manifest and graph with a <see cref="ModelValidationException"/>.
/// </summary>
internal sealed record ModelLayout(
    IReadOnlyList<LayoutInput> Inputs,
    LayoutOutput Output,
    int? FixedBatchSize)
{
    /// <summary>Number of features over all inputs, which is also the scaler length.</summary>
    public int FeatureCount => Inputs.Sum(input => input.Features.Count);

    public static ModelLayout Resolve(ModelManifest manifest, OnnxModelSignature signature, string fileName)
    {
        var inputs = ResolveInputs(manifest, signature, fileName);
        var output = ResolveOutput(manifest, signature, fileName);
        var fixedBatchSize = ResolveFixedBatchSize(inputs, fileName);

        return new ModelLayout(inputs, output, fixedBatchSize);
    }

    /// <summary>True when another file can share the same manifest: same inputs, widths, types and output.</summary>
    public bool IsCompatibleWith(ModelLayout other) =>
        Inputs.Count == other.Inputs.Count
        && Inputs.Zip(other.Inputs).All(pair =>
            pair.First.Name == pair.Second.Name && pair.First.ElementType == pair.Second.ElementType)
        && Output.Name == other.Output.Name
        && Output.ElementType == other.Output.ElementType
        && Output.Columns == other.Output.Columns;

    private static List<LayoutInput> ResolveInputs(ModelManifest manifest, OnnxModelSignature signature, string fileName)
    {
        var requested = manifest.Inputs is { Count: > 0 }
            ? manifest.Inputs
            : [new ModelInput(null, manifest.Features ?? [])];

        if (requested.Count != signature.Inputs.Count)
        {
            var names = string.Join(", ", signature.Inputs.Select(input => input.Name));
            var missing = signature.Inputs.FirstOrDefault(input => requested.All(r => r.Name != input.Name));
            throw new ModelValidationException(
                "input-count-mismatch",
                $"'{fileName}' has {signature.Inputs.Count} input(s) ({names}) but the manifest describes {requested.Count}; "
                + "give 'inputs' with the features of each ONNX input.",
                missing?.Name ?? requested[^1].Name ?? "inputs");
        }

        var layoutInputs = new List<LayoutInput>(requested.Count);
        var offset = 0;
        foreach (var input in requested)
        {
            var info = FindInput(input, signature, fileName);
            if (layoutInputs.Any(existing => existing.Name == info.Name))
            {
                throw new ModelValidationException(
                    "invalid-manifest",
                    $"Input '{info.Name}' of '{fileName}' is described twice in the manifest.",
                    info.Name);
            }

            CheckInput(info, input.Features.Count, fileName);
            layoutInputs.Add(new LayoutInput(info.Name, input.Features, offset, info.ElementType, info.Dimensions[0]));
            offset += input.Features.Count;
        }

        return layoutInputs;
    }

    private static OnnxTensorInfo FindInput(ModelInput input, OnnxModelSignature signature, string fileName)
    {
        // A single input may be left unnamed: the manifest's features then belong to the only graph input.
        if (input.Name is null && signature.Inputs.Count == 1)
        {
            return signature.Inputs[0];
        }

        if (input.Name is null)
        {
            throw new ModelValidationException(
                "invalid-manifest",
                $"'{fileName}' has several inputs ({string.Join(", ", signature.Inputs.Select(i => i.Name))}); give the name of each in 'inputs'.",
                "inputs");
        }

        return signature.Inputs.FirstOrDefault(info => info.Name == input.Name)
            ?? throw new ModelValidationException(
                "unknown-input",
                $"Input '{input.Name}' is not in '{fileName}'; its inputs are: {string.Join(", ", signature.Inputs.Select(i => i.Name))}.",
                input.Name);
    }

    private static void CheckInput(OnnxTensorInfo info, int featureCount, string fileName)
    {
        if (!info.IsTensor || !info.IsFloatingPoint)
        {
            throw new ModelValidationException(
                "unsupported-input-type",
                $"Input '{info.Name}' of '{fileName}' has element type {info.DescribeElementType()}; only float32 and float64 tensors can be fed.",
                info.Name);
        }

        if (info.Dimensions.Count != 2)
        {
            throw new ModelValidationException(
                "unsupported-input-shape",
                $"Input '{info.Name}' of '{fileName}' has shape {info.DescribeShape()}; expected [batch, features].",
                info.Name);
        }

        // A dynamic feature dimension cannot be checked here; ONNX Runtime rejects a wrong width at the first batch.
        var width = info.Dimensions[1];
        if (width > 0 && width != featureCount)
        {
            throw new ModelValidationException(
                "feature-count-mismatch",
                $"Input '{info.Name}' of '{fileName}' takes {width} features but the manifest lists {featureCount} for it.",
                info.Name);
        }
    }

    private static LayoutOutput ResolveOutput(ModelManifest manifest, OnnxModelSignature signature, string fileName)
    {
        var info = FindOutput(manifest.Output, signature, fileName);

        if (!info.IsTensor)
        {
            throw new ModelValidationException(
                "unsupported-output-type",
                $"Output '{info.Name}' of '{fileName}' is a {info.DescribeElementType()}, not a tensor. "
                + "A scikit-learn classifier converted with skl2onnx returns its probabilities as a sequence of maps (ZipMap); "
                + "convert it with options={id(model): {'zipmap': False}} and name the 'probabilities' output in the manifest.",
                info.Name);
        }

        if (!info.IsFloatingPoint)
        {
            throw new ModelValidationException(
                "unsupported-output-type",
                $"Output '{info.Name}' of '{fileName}' has element type {info.DescribeElementType()}; expected float32 or float64 scores.",
                info.Name);
        }

        var columns = OutputColumns(info);
        if (columns is null)
        {
            throw new ModelValidationException(
                "unsupported-output-shape",
                $"Output '{info.Name}' of '{fileName}' has shape {info.DescribeShape()}; expected [N], [N, 1] or [N, 2] "
                + "(column 1 of [N, 2] is the signal probability).",
                info.Name);
        }

        return new LayoutOutput(info.Name, info.ElementType, columns.Value);
    }

    private static OnnxTensorInfo FindOutput(string? outputName, OnnxModelSignature signature, string fileName)
    {
        var names = string.Join(", ", signature.Outputs.Select(output => output.Name));

        if (outputName is null)
        {
            if (signature.Outputs.Count == 1)
            {
                return signature.Outputs[0];
            }

            throw new ModelValidationException(
                "unknown-output",
                $"'{fileName}' has {signature.Outputs.Count} outputs ({names}); set the manifest's 'output' to the one with signal scores.",
                "output");
        }

        return signature.Outputs.FirstOrDefault(output => output.Name == outputName)
            ?? throw new ModelValidationException(
                "unknown-output",
                $"Output '{outputName}' is not in '{fileName}'; its outputs are: {names}.",
                outputName);
    }

    // 0 for [N], otherwise the fixed width of [N, 1] or [N, 2]; null for any other shape, including an unknown width.
    private static int? OutputColumns(OnnxTensorInfo info) => info.Dimensions.Count switch
    {
        1 => 0,
        2 when info.Dimensions[1] is 1 or 2 => (int)info.Dimensions[1],
        _ => null,
    };

    private static int? ResolveFixedBatchSize(List<LayoutInput> inputs, string fileName)
    {
        var fixedSizes = inputs.Where(input => input.BatchDimension > 0).Select(input => input.BatchDimension).Distinct().ToList();

        if (fixedSizes.Count > 1)
        {
            throw new ModelValidationException(
                "unsupported-input-shape",
                $"The inputs of '{fileName}' have different fixed batch sizes ({string.Join(", ", fixedSizes)}); export them with one batch dimension.",
                inputs.First(input => input.BatchDimension > 0).Name);
        }

        return fixedSizes.Count == 1 ? (int)fixedSizes[0] : null;
    }
}

/// <summary>
/// One ONNX input: its features in order, their offset in the manifest's feature list (and scaler),
/// its element type, and the batch dimension from the graph (below 1 when dynamic).
/// </summary>
internal sealed record LayoutInput(
    string Name,
    IReadOnlyList<string> Features,
    int FeatureOffset,
    TensorElementType ElementType,
    long BatchDimension);

/// <summary>The scored output; Columns is 0 for shape [N], else 1 or 2 (signal in the last column).</summary>
internal sealed record LayoutOutput(string Name, TensorElementType ElementType, int Columns);
