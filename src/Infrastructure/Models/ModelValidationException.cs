namespace HnlService.Infrastructure.Models;

/// <summary>A model or manifest that cannot be used, naming the input, feature or member at fault.</summary>
public sealed class ModelValidationException(string code, string message, string? target = null) : Exception(message)
{
    /// <summary>Stable machine-readable reason, for example "feature-count-mismatch".</summary>
    public string Code { get; } = code;

    /// <summary>The ONNX input, feature, member file or manifest field at fault.</summary>
    public string? Target { get; } = target;
}
