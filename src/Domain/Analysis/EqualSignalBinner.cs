namespace HnlService.Domain.Analysis;

/// <summary>
/// Equal-signal binning: for N = N0 down to 1, inner edge k is the value of the first signal event
/// (ascending, ties in input order) whose inclusive cumulative weight reaches k/N of the total.
/// With negative weights the running maximum of the cumulative weight is used, which reaches each
/// target at that same first event. Duplicate edges collapse. The first N whose bins all pass
/// <see cref="BinAcceptance"/> is kept; one bin spanning the outer edges is the fallback.
/// </summary>
internal static class EqualSignalBinner
{
    /// <summary>Returns the edges, ascending. Both samples must be non-empty and <paramref name="initialBins"/> at least 1.</summary>
    public static double[] Edges(EventSample signal, EventSample background, double maxRelativeUncertainty, int initialBins)
    {
        (double low, double high) = BinEdges.Outer(signal, background);
        double[] cumulative = ScratchArrays.Doubles.Rent(signal.Count);
        try
        {
            FillRunningMaximumOfCumulativeWeight(signal.SortedWeights, cumulative);

            using var signalPrefix = new CompensatedPrefixSums(signal);
            using var backgroundPrefix = new CompensatedPrefixSums(background);
            var candidate = new Candidate(signal, background, signalPrefix, backgroundPrefix, maxRelativeUncertainty);

            for (int n = initialBins; n >= 1; n--)
            {
                double[] edges = EdgesForBinCount(signal, cumulative.AsSpan(0, signal.Count), low, high, n);
                if (candidate.Passes(edges))
                {
                    return edges;
                }
            }
        }
        finally
        {
            ScratchArrays.Doubles.Return(cumulative);
        }

        return [low, high];
    }

    private static void FillRunningMaximumOfCumulativeWeight(ReadOnlySpan<double> sortedWeights, double[] cumulative)
    {
        double sum = 0.0;
        double maximum = double.NegativeInfinity;
        for (int i = 0; i < sortedWeights.Length; i++)
        {
            sum += sortedWeights[i];
            maximum = Math.Max(maximum, sum);
            cumulative[i] = maximum;
        }
    }

    private static double[] EdgesForBinCount(EventSample signal, ReadOnlySpan<double> cumulative, double low, double high, int n)
    {
        double total = signal.TotalWeight;
        var edges = new double[n + 1];
        edges[0] = low;
        for (int k = 1; k < n; k++)
        {
            // Same operation order as the reference: (k * total) / n.
            double target = k * total / n;
            int index = Math.Min(BinEdges.LowerBound(cumulative, target), cumulative.Length - 1);
            edges[k] = signal.SortedValues[index];
        }

        edges[n] = high;
        return BinEdges.Dedupe(edges);
    }

    /// <summary>
    /// Tests candidate edges in O(bins log n) from prefix sums, and fills the exact histograms
    /// only when an estimate is too close to a threshold to decide.
    /// </summary>
    private sealed class Candidate(
        EventSample signal,
        EventSample background,
        CompensatedPrefixSums signalPrefix,
        CompensatedPrefixSums backgroundPrefix,
        double maxRelativeUncertainty)
    {
        public bool Passes(double[] edges)
        {
            BinAcceptance.Verdict verdict = Judge(signal, signalPrefix, edges);
            if (verdict != BinAcceptance.Verdict.Fail)
            {
                BinAcceptance.Verdict backgroundVerdict = Judge(background, backgroundPrefix, edges);
                verdict = backgroundVerdict == BinAcceptance.Verdict.Fail || verdict == BinAcceptance.Verdict.Pass
                    ? backgroundVerdict
                    : verdict;
            }

            return verdict switch
            {
                BinAcceptance.Verdict.Pass => true,
                BinAcceptance.Verdict.Fail => false,
                _ => BinAcceptance.Passes(
                    WeightedHistogram.Fill(signal, edges),
                    WeightedHistogram.Fill(background, edges),
                    maxRelativeUncertainty),
            };
        }

        private BinAcceptance.Verdict Judge(EventSample sample, CompensatedPrefixSums prefix, double[] edges)
        {
            int bins = edges.Length - 1;
            Span<int> starts = bins <= 64 ? stackalloc int[bins] : new int[bins];
            Span<int> ends = bins <= 64 ? stackalloc int[bins] : new int[bins];
            BinEdges.SortedRanges(sample.SortedValues, edges, starts, ends);

            var verdict = BinAcceptance.Verdict.Pass;
            for (int j = 0; j < bins; j++)
            {
                BinAcceptance.Verdict binVerdict = BinAcceptance.JudgeBin(prefix, starts[j], ends[j], maxRelativeUncertainty);
                if (binVerdict == BinAcceptance.Verdict.Fail)
                {
                    return BinAcceptance.Verdict.Fail;
                }

                if (binVerdict == BinAcceptance.Verdict.Undecided)
                {
                    verdict = BinAcceptance.Verdict.Undecided;
                }
            }

            return verdict;
        }
    }
}
