namespace HnlService.Domain.Analysis;

/// <summary>
/// Weighted yields per bin with their MC statistical uncertainty sqrt(sum of squared weights).
/// Bins are [e_j, e_j+1) except the last, which is closed; values outside the outer edges are
/// not counted. Weights are added in input order, as NumPy's <c>bincount</c> does, so yields
/// match the reference bit for bit.
/// </summary>
internal sealed class WeightedHistogram
{
    private WeightedHistogram(double[] yields, double[] errors)
    {
        Yields = yields;
        Errors = errors;
    }

    /// <summary>Sum of weights per bin.</summary>
    public double[] Yields { get; }

    /// <summary>sqrt(sum of squared weights) per bin.</summary>
    public double[] Errors { get; }

    /// <summary>Fills a histogram with the given edges (at least two, non-decreasing).</summary>
    public static WeightedHistogram Fill(EventSample sample, double[] edges)
    {
        int bins = edges.Length - 1;
        var yields = new double[bins];
        var sumsOfSquares = new double[bins];
        int[] binOf = ScratchArrays.Ints.Rent(sample.Count);
        try
        {
            AssignBins(sample, edges, binOf);
            AccumulateInInputOrder(sample, binOf, yields, sumsOfSquares);
        }
        finally
        {
            ScratchArrays.Ints.Return(binOf);
        }

        var errors = new double[bins];
        for (int j = 0; j < bins; j++)
        {
            errors[j] = Math.Sqrt(sumsOfSquares[j]);
        }

        return new WeightedHistogram(yields, errors);
    }

    /// <summary>
    /// Returns the yield and sum of squared weights of the events in [low, high), added in input
    /// order; it equals bin 0 of <see cref="Fill"/> when that bin is not the last.
    /// </summary>
    public static (double Yield, double SumOfSquares) SumHalfOpenRange(EventSample sample, double low, double high)
    {
        double yield = 0.0, sumOfSquares = 0.0;
        ReadOnlySpan<double> values = sample.Values;
        ReadOnlySpan<double> weights = sample.Weights;
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (x >= low && x < high)
            {
                double w = weights[i];
                yield += w;
                sumOfSquares += w * w;
            }
        }

        return (yield, sumOfSquares);
    }

    // Finds each bin's run of sorted events, then marks their input positions, which avoids a
    // binary search per event.
    private static void AssignBins(EventSample sample, double[] edges, int[] binOf)
    {
        int bins = edges.Length - 1;
        int[] starts = new int[bins];
        int[] ends = new int[bins];
        BinEdges.SortedRanges(sample.SortedValues, edges, starts, ends);

        ReadOnlySpan<int> order = sample.Order;
        int count = sample.Count;
        for (int i = 0; i < starts[0]; i++)
        {
            binOf[order[i]] = -1;
        }

        for (int i = ends[bins - 1]; i < count; i++)
        {
            binOf[order[i]] = -1;
        }

        for (int j = 0; j < bins; j++)
        {
            for (int i = starts[j]; i < ends[j]; i++)
            {
                binOf[order[i]] = j;
            }
        }
    }

    private static void AccumulateInInputOrder(EventSample sample, int[] binOf, double[] yields, double[] sumsOfSquares)
    {
        ReadOnlySpan<double> weights = sample.Weights;
        for (int i = 0; i < weights.Length; i++)
        {
            int bin = binOf[i];
            if (bin >= 0)
            {
                double w = weights[i];
                yields[bin] += w;
                sumsOfSquares[bin] += w * w;
            }
        }
    }
}
