namespace HnlService.Domain.Analysis;

/// <summary>
/// Sum of a contiguous array in the same order of additions as NumPy's <c>np.sum</c> on float64
/// (pairwise summation with eight partial sums in blocks of 128, as in NumPy 1.24). Matching the
/// order makes totals agree with the Python reference bit for bit, which matters where a total is
/// compared with a cumulative sum.
/// </summary>
internal static class PairwiseSum
{
    private const int BlockSize = 128;

    public static double Sum(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n < 8)
        {
            double sum = 0.0;
            for (int i = 0; i < n; i++)
            {
                sum += values[i];
            }

            return sum;
        }

        if (n <= BlockSize)
        {
            return SumBlock(values);
        }

        int half = n / 2;
        half -= half % 8;
        return Sum(values[..half]) + Sum(values[half..]);
    }

    private static double SumBlock(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        double r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3];
        double r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7];

        int i = 8;
        for (; i < n - (n % 8); i += 8)
        {
            r0 += values[i];
            r1 += values[i + 1];
            r2 += values[i + 2];
            r3 += values[i + 3];
            r4 += values[i + 4];
            r5 += values[i + 5];
            r6 += values[i + 6];
            r7 += values[i + 7];
        }

        double sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
        for (; i < n; i++)
        {
            sum += values[i];
        }

        return sum;
    }
}
