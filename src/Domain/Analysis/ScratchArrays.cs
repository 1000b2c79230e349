using System.Buffers;

namespace HnlService.Domain.Analysis;

/// <summary>
/// Array pools for the engine's per-call buffers. Sorting and binning one large channel needs
/// about a dozen arrays of the sample size. Renting them avoids allocating, zeroing and
/// page-faulting tens of megabytes per call. The engine has its own pools, sized so that all
/// arrays of one size that a call holds at once go back into the pool between calls.
/// </summary>
internal static class ScratchArrays
{
    // Arrays longer than this are allocated and dropped instead of pooled.
    private const int MaxPooledLength = 1 << 27;
    private const int ArraysPerSize = 16;

    public static readonly ArrayPool<double> Doubles = ArrayPool<double>.Create(MaxPooledLength, ArraysPerSize);

    public static readonly ArrayPool<int> Ints = ArrayPool<int>.Create(MaxPooledLength, ArraysPerSize);

    public static readonly ArrayPool<ulong> Keys = ArrayPool<ulong>.Create(MaxPooledLength, ArraysPerSize);
}
