namespace HnlService.Domain.Analysis;

/// <summary>
/// Stable ascending sort of float64 values: equal values keep their input order, as NumPy's
/// <c>argsort(kind="stable")</c> does. An LSD radix sort on order-preserving 64-bit keys is stable
/// by construction and runs in linear time, which a comparison sort with index tie-breaks is not.
/// </summary>
internal static class StableRadixSort
{
    private const int DigitBits = 8;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;

    /// <summary>
    /// Sorts values ascending, carrying each value's weight and input index along, so no random
    /// gather is needed afterwards.
    /// </summary>
    /// <remarks>Values must not be NaN. -0.0 and +0.0 compare equal, as in NumPy, and -0.0 comes out as +0.0.</remarks>
    public static void Sort(
        ReadOnlySpan<double> values, ReadOnlySpan<double> weights, Span<double> sortedValues, Span<double> sortedWeights, Span<int> order)
    {
        int n = values.Length;
        if (weights.Length != n || sortedValues.Length != n || sortedWeights.Length != n || order.Length != n)
        {
            throw new ArgumentException("Every span must have the length of the values span.", nameof(weights));
        }

        ulong[] keys = ScratchArrays.Keys.Rent(n);
        ulong[] keysScratch = ScratchArrays.Keys.Rent(n);
        double[] carried = ScratchArrays.Doubles.Rent(n);
        double[] carriedScratch = ScratchArrays.Doubles.Rent(n);
        int[] indices = ScratchArrays.Ints.Rent(n);
        int[] indicesScratch = ScratchArrays.Ints.Rent(n);
        int[] counts = new int[Passes * Buckets];
        try
        {
            FillKeysAndCounts(values, keys, indices, counts);
            weights.CopyTo(carried);

            for (int pass = 0; pass < Passes; pass++)
            {
                Span<int> passCounts = counts.AsSpan(pass * Buckets, Buckets);
                if (AllInOneBucket(passCounts, n))
                {
                    continue;
                }

                Scatter(keys, carried, indices, keysScratch, carriedScratch, indicesScratch, passCounts, pass * DigitBits, n);
                (keys, keysScratch) = (keysScratch, keys);
                (carried, carriedScratch) = (carriedScratch, carried);
                (indices, indicesScratch) = (indicesScratch, indices);
            }

            for (int i = 0; i < n; i++)
            {
                sortedValues[i] = FromOrderedKey(keys[i]);
            }

            carried.AsSpan(0, n).CopyTo(sortedWeights);
            indices.AsSpan(0, n).CopyTo(order);
        }
        finally
        {
            ScratchArrays.Keys.Return(keys);
            ScratchArrays.Keys.Return(keysScratch);
            ScratchArrays.Doubles.Return(carried);
            ScratchArrays.Doubles.Return(carriedScratch);
            ScratchArrays.Ints.Return(indices);
            ScratchArrays.Ints.Return(indicesScratch);
        }
    }

    /// <summary>
    /// Maps a double to an unsigned key with the same order: negative numbers have all bits
    /// flipped, non-negative ones only the sign bit. -0.0 is folded into +0.0 first.
    /// </summary>
    internal static ulong ToOrderedKey(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value == 0.0 ? 0.0 : value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    /// <summary>Inverts <see cref="ToOrderedKey"/>.</summary>
    internal static double FromOrderedKey(ulong key)
    {
        ulong bits = (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
        return BitConverter.UInt64BitsToDouble(bits);
    }

    private static void FillKeysAndCounts(ReadOnlySpan<double> values, ulong[] keys, int[] indices, int[] counts)
    {
        for (int i = 0; i < values.Length; i++)
        {
            ulong key = ToOrderedKey(values[i]);
            keys[i] = key;
            indices[i] = i;
            for (int pass = 0; pass < Passes; pass++)
            {
                counts[pass * Buckets + (int)((key >> (pass * DigitBits)) & (Buckets - 1))]++;
            }
        }
    }

    private static bool AllInOneBucket(ReadOnlySpan<int> counts, int n)
    {
        foreach (int count in counts)
        {
            if (count == n)
            {
                return true;
            }

            if (count != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void Scatter(
        ulong[] keys, double[] carried, int[] indices, ulong[] keysOut, double[] carriedOut, int[] indicesOut, Span<int> counts, int shift, int n)
    {
        // Turn counts into starting offsets; walking the input forward keeps ties in input order.
        int offset = 0;
        for (int b = 0; b < Buckets; b++)
        {
            int count = counts[b];
            counts[b] = offset;
            offset += count;
        }

        for (int i = 0; i < n; i++)
        {
            ulong key = keys[i];
            int bucket = (int)((key >> shift) & (Buckets - 1));
            int target = counts[bucket]++;
            keysOut[target] = key;
            carriedOut[target] = carried[i];
            indicesOut[target] = indices[i];
        }
    }
}
