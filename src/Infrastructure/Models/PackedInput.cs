using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// The reusable row-major buffer of one ONNX input and the OrtValue that wraps it. Rows are packed
/// straight from the dataset's column arrays, with the scaler applied in the input's element type
/// ((x - mean) / scale, as a Sub and Div in the graph would compute it).
/// </summary>
internal sealed class PackedInput : IDisposable
{
    // Rows packed per tile. Within a tile, features are packed one column at a time, so each column is
    // read sequentially while the tile's rows (64 rows of 25 float features: 6.4 KB) stay in the L1 cache.
    // 64 was the fastest of 32, 64 and 256 on a 2-core AMD EPYC VM (the scoring benchmark's machine).
    private const int TileRows = 64;

    private readonly int _width;
    private readonly int _batchSize;
    private readonly float[]? _floatBuffer;
    private readonly double[]? _doubleBuffer;
    private readonly RowScaler<float>? _floatScaler;
    private readonly RowScaler<double>? _doubleScaler;
    private readonly float[]?[] _columns;
    private readonly float[] _constants;
    private int _shortestColumn;
    private OrtValue? _partialValue;
    private int _partialRows;

    public PackedInput(LayoutInput input, ScalerSpec? scaler, int batchSize)
    {
        Input = input;
        _width = input.Features.Count;
        _batchSize = batchSize;
        _columns = new float[_width][];
        _constants = new float[_width];

        long[] shape = [batchSize, _width];
        if (input.ElementType == TensorElementType.Double)
        {
            _doubleBuffer = new double[batchSize * _width];
            _doubleScaler = scaler is null ? null : new RowScaler<double>(InputSlice(scaler.Mean), InputSlice(scaler.Scale));
            FullValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _doubleBuffer.AsMemory(), shape);
        }
        else
        {
            _floatBuffer = new float[batchSize * _width];
            _floatScaler = scaler is null ? null : new RowScaler<float>(InputSlice(scaler.Mean), InputSlice(scaler.Scale));
            FullValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _floatBuffer.AsMemory(), shape);
        }
    }

    public LayoutInput Input { get; }

    // The scaler runs over all features in input order; this input's features start at its offset.
    private double[] InputSlice(IReadOnlyList<double> values) => values.Skip(Input.FeatureOffset).Take(_width).ToArray();

    /// <summary>The whole buffer as a [batch, features] tensor.</summary>
    public OrtValue FullValue { get; }

    /// <summary>
    /// Points each feature at its column for the coming batches. The mass feature takes massValue on
    /// every row when one is given; otherwise it is read from its column like any other feature.
    /// </summary>
    public void Bind(IReadOnlyDictionary<string, float[]> columns, string? massFeature, float? massValue)
    {
        _shortestColumn = int.MaxValue;
        for (var f = 0; f < _width; f++)
        {
            var feature = Input.Features[f];
            if (massValue is { } mass && feature == massFeature)
            {
                _columns[f] = null;
                _constants[f] = mass;
                continue;
            }

            _columns[f] = columns[feature];
            _shortestColumn = Math.Min(_shortestColumn, _columns[f]!.Length);
        }
    }

    /// <summary>Packs the given dataset rows into the first rows of the buffer.</summary>
    public void Pack(ReadOnlySpan<int> sourceRows) => Pack(sourceRows, 0);

    /// <summary>
    /// Packs the given dataset rows into buffer rows firstRow onwards. Calls on disjoint buffer rows may
    /// run at the same time.
    /// </summary>
    public void Pack(ReadOnlySpan<int> sourceRows, int firstRow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);

        if (_doubleBuffer is not null)
        {
            PackRows(_doubleBuffer.AsSpan(firstRow * _width), sourceRows, _batchSize - firstRow, _doubleScaler);
        }
        else
        {
            PackRows(_floatBuffer!.AsSpan(firstRow * _width), sourceRows, _batchSize - firstRow, _floatScaler);
        }
    }

    /// <summary>
    /// A [rows, features] tensor over the start of the buffer, for the last batch of a dynamic-batch model.
    /// The tensor is reused while the row count stays the same, so repeated calls allocate nothing.
    /// </summary>
    public OrtValue PartialValue(int rows)
    {
        if (_partialValue is not null && _partialRows == rows)
        {
            return _partialValue;
        }

        _partialValue?.Dispose();
        long[] shape = [rows, _width];
        _partialValue = _doubleBuffer is not null
            ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _doubleBuffer.AsMemory(0, rows * _width), shape)
            : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _floatBuffer!.AsMemory(0, rows * _width), shape);
        _partialRows = rows;
        return _partialValue;
    }

    public void Dispose()
    {
        _partialValue?.Dispose();
        FullValue.Dispose();
    }

    private void PackRows<T>(Span<T> buffer, ReadOnlySpan<int> sourceRows, int rowsLeft, RowScaler<T>? scaler)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var count = sourceRows.Length;
        if (count > rowsLeft)
        {
            throw new ArgumentOutOfRangeException(nameof(sourceRows), count, $"The {count} rows do not fit in the {rowsLeft} buffer rows left of the {_batchSize}-row buffer.");
        }

        // The feature loops skip bounds checks, so every row index is checked against every column once here.
        CheckRowsInRange(sourceRows);

        for (var tileStart = 0; tileStart < count; tileStart += TileRows)
        {
            var tileEnd = Math.Min(count, tileStart + TileRows);
            for (var f = 0; f < _width; f++)
            {
                CopyFeature(buffer, sourceRows, tileStart, tileEnd, f);
            }

            // The tile is still in the L1 cache, so scaling it as a second pass costs no memory traffic,
            // and the pass can use vector division, which the strided copy cannot.
            scaler?.Apply(buffer[(tileStart * _width)..(tileEnd * _width)]);
        }
    }

    private void CopyFeature<T>(Span<T> buffer, ReadOnlySpan<int> sourceRows, int tileStart, int tileEnd, int feature)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var column = _columns[feature];
        ref var destination = ref MemoryMarshal.GetReference(buffer);
        ref var rows = ref MemoryMarshal.GetReference(sourceRows);

        if (column is null)
        {
            var value = T.CreateTruncating(_constants[feature]);
            for (var r = tileStart; r < tileEnd; r++)
            {
                Unsafe.Add(ref destination, r * _width + feature) = value;
            }

            return;
        }

        // Safe without bounds checks: rows were checked against the shortest column in CheckRowsInRange,
        // and buffer has room for rowsLeft rows of _width values, with tileEnd <= count <= rowsLeft.
        ref var values = ref MemoryMarshal.GetArrayDataReference(column);
        for (var r = tileStart; r < tileEnd; r++)
        {
            Unsafe.Add(ref destination, r * _width + feature) = T.CreateTruncating(Unsafe.Add(ref values, Unsafe.Add(ref rows, r)));
        }
    }

    private void CheckRowsInRange(ReadOnlySpan<int> sourceRows)
    {
        if (_shortestColumn == int.MaxValue)
        {
            return;
        }

        foreach (var row in sourceRows)
        {
            if ((uint)row >= (uint)_shortestColumn)
            {
                throw new ArgumentOutOfRangeException(nameof(sourceRows), row, $"Row {row} is outside the {_shortestColumn} rows of the feature columns.");
            }
        }
    }
}
