using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// The reusable buffer ONNX Runtime writes one batch of scores into, and the conversion of a raw
/// output to a signal probability: column 1 of an [N, 2] output, a sigmoid for logits.
/// </summary>
internal sealed class ScoreOutput : IDisposable
{
    private readonly int _stride;
    private readonly float[]? _floatBuffer;
    private readonly double[]? _doubleBuffer;
    private readonly bool _isLogit;
    private OrtValue? _partialValue;
    private int _partialRows;

    public ScoreOutput(LayoutOutput output, OutputKind kind, int batchSize)
    {
        Output = output;
        _stride = Math.Max(1, output.Columns);
        _isLogit = kind == OutputKind.Logit;

        var shape = ShapeFor(batchSize);
        if (output.ElementType == TensorElementType.Double)
        {
            _doubleBuffer = new double[batchSize * _stride];
            FullValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _doubleBuffer.AsMemory(), shape);
        }
        else
        {
            _floatBuffer = new float[batchSize * _stride];
            FullValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _floatBuffer.AsMemory(), shape);
        }
    }

    public LayoutOutput Output { get; }

    /// <summary>The whole buffer shaped as the graph's output for a full batch.</summary>
    public OrtValue FullValue { get; }

    /// <summary>An output tensor over the start of the buffer for a smaller last batch, reused while the row count stays the same.</summary>
    public OrtValue PartialValue(int rows)
    {
        if (_partialValue is not null && _partialRows == rows)
        {
            return _partialValue;
        }

        _partialValue?.Dispose();
        var shape = ShapeFor(rows);
        _partialValue = _doubleBuffer is not null
            ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _doubleBuffer.AsMemory(0, rows * _stride), shape)
            : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _floatBuffer!.AsMemory(0, rows * _stride), shape);
        _partialRows = rows;
        return _partialValue;
    }

    /// <summary>Writes the signal probability of batch row r to scores[positions[r]] for every row of the batch.</summary>
    public void CopyScores(ReadOnlySpan<int> positions, float[] scores)
    {
        // The signal probability is the last column: column 0 of [N] and [N, 1], column 1 of [N, 2].
        var column = _stride - 1;

        for (var r = 0; r < positions.Length; r++)
        {
            var raw = _doubleBuffer is not null ? _doubleBuffer[r * _stride + column] : _floatBuffer![r * _stride + column];
            scores[positions[r]] = _isLogit ? (float)(1.0 / (1.0 + Math.Exp(-raw))) : (float)raw;
        }
    }

    public void Dispose()
    {
        _partialValue?.Dispose();
        FullValue.Dispose();
    }

    private long[] ShapeFor(int rows) => Output.Columns == 0 ? [rows] : [rows, Output.Columns];
}
