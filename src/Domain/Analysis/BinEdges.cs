namespace HnlService.Domain.Analysis;

/// <summary>
/// Edge conventions shared by the binners and the histogram. Bins are [e_j, e_j+1) except the
/// last, which is closed; the outer edges are the minimum and maximum over signal and background
/// together, so no event falls outside.
/// </summary>
internal static class BinEdges
{
    /// <summary>Returns the smallest and largest value over both samples. Both must be non-empty.</summary>
    public static (double Low, double High) Outer(EventSample signal, EventSample background)
    {
        double low = Math.Min(signal.SortedValues[0], background.SortedValues[0]);
        double high = Math.Max(signal.SortedValues[^1], background.SortedValues[^1]);
        return (low, high);
    }

    /// <summary>
    /// Drops every edge that is not above the one kept before it. When only one edge is left (all
    /// values equal), it is repeated, so the result [v, v] is one closed bin holding every event.
    /// </summary>
    public static double[] Dedupe(IEnumerable<double> edges)
    {
        var kept = new List<double>();
        foreach (double edge in edges)
        {
            if (kept.Count == 0 || edge > kept[^1])
            {
                kept.Add(edge);
            }
        }

        if (kept.Count == 1)
        {
            kept.Add(kept[0]);
        }

        return kept.ToArray();
    }

    /// <summary>
    /// Writes, for each bin, the half-open range [start, end) of ascending sorted values that fall
    /// into it, following the bin convention above. Values outside the outer edges belong to no bin.
    /// </summary>
    public static void SortedRanges(ReadOnlySpan<double> sortedValues, ReadOnlySpan<double> edges, Span<int> starts, Span<int> ends)
    {
        int bins = edges.Length - 1;
        for (int j = 0; j < bins; j++)
        {
            starts[j] = LowerBound(sortedValues, edges[j]);
        }

        for (int j = 0; j < bins - 1; j++)
        {
            ends[j] = starts[j + 1];
        }

        ends[bins - 1] = UpperBound(sortedValues, edges[bins]);
    }

    /// <summary>Returns the first index whose value is at least <paramref name="target"/>, or the length.</summary>
    public static int LowerBound(ReadOnlySpan<double> sorted, double target)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = low + ((high - low) >> 1);
            if (sorted[middle] < target)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Returns the first index whose value is above <paramref name="target"/>, or the length.</summary>
    public static int UpperBound(ReadOnlySpan<double> sorted, double target)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = low + ((high - low) >> 1);
            if (sorted[middle] <= target)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
