namespace HnlService.Domain.Analysis;

/// <summary>
/// Right-to-left binning: walk the signal from the highest value down, adding every background
/// event at or above the current signal value to the running bin exactly once, and close the bin
/// (lower edge = current value) when signal and background sums are positive, both fractional
/// MC uncertainties are under the limit, and the signal sum exceeds that of the bin closed before.
/// Tied values are never split. The leftover bottom bin stays only when its background sum is
/// positive with fractional uncertainty under the limit; otherwise it merges into the bin above.
/// </summary>
internal static class RightToLeftBinner
{
    /// <summary>Returns the edges, ascending. Both samples must be non-empty.</summary>
    public static double[] Edges(EventSample signal, EventSample background, double maxRelativeUncertainty)
    {
        (double low, double high) = BinEdges.Outer(signal, background);
        List<double> lowerEdges = ScanClosedBins(signal, background, maxRelativeUncertainty);

        // The lowest closed edge may coincide with the bottom of the range; then there is no leftover bin.
        if (lowerEdges.Count > 0 && lowerEdges[^1] <= low)
        {
            lowerEdges.RemoveAt(lowerEdges.Count - 1);
        }

        lowerEdges.Reverse();
        var edges = new List<double>(BinEdges.Dedupe([low, .. lowerEdges, high]));

        if (edges.Count > 2 && !BottomBinPasses(background, edges[0], edges[1], maxRelativeUncertainty))
        {
            edges.RemoveAt(1);
        }

        return edges.ToArray();
    }

    /// <summary>
    /// Returns the lower edges of the closed bins, descending. Events are visited in descending
    /// value order with ties in input order, and sums are accumulated in that order, as the
    /// reference's stable sort does. Squares come from <see cref="ReferenceSquare"/>, the C library's
    /// pow(w, 2) that the reference uses for scalars.
    /// </summary>
    private static List<double> ScanClosedBins(EventSample signal, EventSample background, double maxRelativeUncertainty)
    {
        var lowerEdges = new List<double>();
        ReadOnlySpan<double> signalValues = signal.SortedValues;
        ReadOnlySpan<double> signalWeights = signal.SortedWeights;
        ReadOnlySpan<double> backgroundValues = background.SortedValues;
        ReadOnlySpan<double> backgroundWeights = background.SortedWeights;

        double signalSum = 0.0, signalSquares = 0.0, backgroundSum = 0.0, backgroundSquares = 0.0;
        double previousSignal = 0.0;
        int backgroundNext = backgroundValues.Length;
        int runEnd = signalValues.Length;
        while (runEnd > 0)
        {
            double x = signalValues[runEnd - 1];
            int runStart = StartOfTies(signalValues, runEnd);
            for (int i = runStart; i < runEnd; i++)
            {
                signalSum += signalWeights[i];
                signalSquares += ReferenceSquare.Of(signalWeights[i]);
            }

            while (backgroundNext > 0 && backgroundValues[backgroundNext - 1] >= x)
            {
                int tiesStart = StartOfTies(backgroundValues, backgroundNext);
                for (int i = tiesStart; i < backgroundNext; i++)
                {
                    backgroundSum += backgroundWeights[i];
                    backgroundSquares += ReferenceSquare.Of(backgroundWeights[i]);
                }

                backgroundNext = tiesStart;
            }

            if (signalSum > 0 && backgroundSum > 0
                && Math.Sqrt(signalSquares) / signalSum < maxRelativeUncertainty
                && Math.Sqrt(backgroundSquares) / backgroundSum < maxRelativeUncertainty
                && signalSum > previousSignal)
            {
                lowerEdges.Add(x);
                previousSignal = signalSum;
                signalSum = signalSquares = backgroundSum = backgroundSquares = 0.0;
            }

            runEnd = runStart;
        }

        return lowerEdges;
    }

    /// <summary>Returns the first index of the run of values equal to <c>sorted[end - 1]</c>.</summary>
    private static int StartOfTies(ReadOnlySpan<double> sorted, int end)
    {
        double value = sorted[end - 1];
        int start = end - 1;
        while (start > 0 && sorted[start - 1] == value)
        {
            start--;
        }

        return start;
    }

    private static bool BottomBinPasses(EventSample background, double low, double high, double maxRelativeUncertainty)
    {
        (double yield, double sumOfSquares) = WeightedHistogram.SumHalfOpenRange(background, low, high);
        return yield > 0 && Math.Sqrt(sumOfSquares) / yield < maxRelativeUncertainty;
    }
}
