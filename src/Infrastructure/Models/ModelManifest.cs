using System.Text.Json.Serialization;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// How to feed and read an ONNX network, as JSON (camelCase) or the ONNX metadata_props key "hnl.manifest".
/// A single-input model may give <see cref="Features"/> in place of <see cref="Inputs"/>.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>Ordered feature names per ONNX input.</summary>
    public IReadOnlyList<ModelInput>? Inputs { get; init; }

    /// <summary>Shorthand for a single input whose name is taken from the ONNX file.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Standard scaler over all features in input order, applied before the network.</summary>
    public ScalerSpec? Scaler { get; init; }

    /// <summary>Output name; null means the only output.</summary>
    public string? Output { get; init; }

    public OutputKind OutputKind { get; init; } = OutputKind.Probability;

    /// <summary>Feature that receives the mass hypothesis in a parametric model.</summary>
    public string? MassFeature { get; init; }

    /// <summary>Dataset column with event numbers used by fold members.</summary>
    public string? EventColumn { get; init; }

    /// <summary>Fold members of a model set; null or empty for a single model.</summary>
    public IReadOnlyList<ModelMember>? Members { get; init; }
}

/// <summary>One ONNX input and its ordered features.</summary>
public sealed record ModelInput(string? Name, IReadOnlyList<string> Features);

/// <summary>Standard scaler: x' = (x - mean) / scale.</summary>
public sealed record ScalerSpec(IReadOnlyList<double> Mean, IReadOnlyList<double> Scale);

/// <summary>Fold member: scores events with event mod FoldModulus == FoldRemainder; may carry its own scaler.</summary>
public sealed record ModelMember(string File, int FoldModulus, int FoldRemainder, ScalerSpec? Scaler = null);

[JsonConverter(typeof(JsonStringEnumConverter<OutputKind>))]
public enum OutputKind
{
    [JsonStringEnumMemberName("probability")]
    Probability,

    [JsonStringEnumMemberName("logit")]
    Logit,
}
