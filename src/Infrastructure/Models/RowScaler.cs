using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HnlService.Infrastructure.Models;

/// <summary>
/// Applies a standard scaler, (x - mean) / scale per feature, to whole rows of a row-major buffer with
/// vector instructions. The means and scales are laid out for <see cref="Vector{T}.Count"/> rows, so the
/// feature of every lane lines up with the buffer from any row boundary. Division is exact per lane,
/// so the results equal the scalar (x - mean) / scale bit for bit.
/// </summary>
internal sealed class RowScaler<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _width;
    private readonly T[] _mean;
    private readonly T[] _scale;

    public RowScaler(IReadOnlyList<double> mean, IReadOnlyList<double> scale)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(scale.Count, mean.Count, nameof(scale));

        // Width * Count values: a whole number of rows and a whole number of vectors.
        _width = mean.Count;
        var period = _width * Vector<T>.Count;
        _mean = new T[period];
        _scale = new T[period];
        for (var i = 0; i < period; i++)
        {
            _mean[i] = T.CreateTruncating(mean[i % _width]);
            _scale[i] = T.CreateTruncating(scale[i % _width]);
        }
    }

    /// <summary>Scales the rows in place; rows must start at a row boundary and hold whole rows.</summary>
    public void Apply(Span<T> rows)
    {
        if (rows.Length % _width != 0)
        {
            throw new ArgumentException($"The span of {rows.Length} values is not a whole number of {_width}-value rows.", nameof(rows));
        }

        var period = _mean.Length;
        ref var value = ref MemoryMarshal.GetReference(rows);
        ref var mean = ref MemoryMarshal.GetArrayDataReference(_mean);
        ref var scale = ref MemoryMarshal.GetArrayDataReference(_scale);

        // Safe without bounds checks: start + period <= rows.Length, and j < period is the pattern's length.
        var start = 0;
        for (; start + period <= rows.Length; start += period)
        {
            for (var j = 0; j < period; j += Vector<T>.Count)
            {
                ref var lanes = ref Unsafe.Add(ref value, start + j);
                var x = Vector.LoadUnsafe(ref lanes);
                var scaled = (x - Vector.LoadUnsafe(ref Unsafe.Add(ref mean, j))) / Vector.LoadUnsafe(ref Unsafe.Add(ref scale, j));
                scaled.StoreUnsafe(ref lanes);
            }
        }

        // Fewer than Count rows are left; start is a row boundary, so pattern index j is feature j mod width.
        for (var j = 0; start + j < rows.Length; j++)
        {
            ref var x = ref Unsafe.Add(ref value, start + j);
            x = (x - _mean[j]) / _scale[j];
        }
    }
}
