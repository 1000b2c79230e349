using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HnlService.Infrastructure.Models;

/// <summary>Inputs, outputs and custom metadata of a loaded ONNX model, in graph order.</summary>
internal sealed record OnnxModelSignature(
    IReadOnlyList<OnnxTensorInfo> Inputs,
    IReadOnlyList<OnnxTensorInfo> Outputs,
    IReadOnlyDictionary<string, string> CustomMetadata)
{
    /// <summary>Reads the signature of a session; ONNX Runtime reports unknown dimensions as -1.</summary>
    public static OnnxModelSignature Read(InferenceSession session)
    {
        var inputs = session.InputNames
            .Select(name => OnnxTensorInfo.From(name, session.InputMetadata[name]))
            .ToList();
        var outputs = session.OutputNames
            .Select(name => OnnxTensorInfo.From(name, session.OutputMetadata[name]))
            .ToList();
        var metadata = new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap, StringComparer.Ordinal);

        return new OnnxModelSignature(inputs, outputs, metadata);
    }
}

/// <summary>
/// One graph input or output. Dimensions is empty for non-tensor values; a dimension below 1 is
/// unknown (dynamic or symbolic) and must never be used as a tensor size.
/// </summary>
internal sealed record OnnxTensorInfo(
    string Name,
    OnnxValueType ValueType,
    TensorElementType ElementType,
    IReadOnlyList<long> Dimensions)
{
    public bool IsTensor => ValueType == OnnxValueType.ONNX_TYPE_TENSOR;

    public static OnnxTensorInfo From(string name, NodeMetadata metadata)
    {
        if (!metadata.IsTensor)
        {
            return new OnnxTensorInfo(name, metadata.OnnxValueType, TensorElementType.DataTypeMax, []);
        }

        var dimensions = metadata.Dimensions.Select(dimension => (long)dimension).ToArray();
        return new OnnxTensorInfo(name, metadata.OnnxValueType, metadata.ElementDataType, dimensions);
    }

    /// <summary>Shape as text, unknown dimensions written as "?", for error messages.</summary>
    public string DescribeShape() =>
        "[" + string.Join(", ", Dimensions.Select(dimension => dimension > 0 ? dimension.ToString() : "?")) + "]";

    /// <summary>Fixed element types the scorer can feed or read.</summary>
    public bool IsFloatingPoint =>
        ElementType is TensorElementType.Float or TensorElementType.Double;

    /// <summary>Short ONNX name of the element type, for error messages.</summary>
    public string DescribeElementType() => IsTensor
        ? ElementType.ToString().ToLowerInvariant()
        : ValueType switch
        {
            OnnxValueType.ONNX_TYPE_SEQUENCE => "sequence",
            OnnxValueType.ONNX_TYPE_MAP => "map",
            OnnxValueType.ONNX_TYPE_OPTIONAL => "optional",
            _ => ValueType.ToString(),
        };
}
