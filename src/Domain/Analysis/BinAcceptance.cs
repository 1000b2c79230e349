namespace HnlService.Domain.Analysis;

/// <summary>
/// The acceptance test of a binning: every bin has positive signal and background yields and both
/// fractional MC uncertainties, sqrt(sum w^2) / sum w, strictly under the limit.
/// </summary>
internal static class BinAcceptance
{
    private const double UnitRoundoff = 1.0 / (1L << 53);

    /// <summary>Outcome of a test on estimated yields.</summary>
    public enum Verdict
    {
        Pass,
        Fail,

        /// <summary>The estimate is too close to a threshold to tell; the exact yields decide.</summary>
        Undecided,
    }

    /// <summary>Returns whether every bin of both exact histograms passes.</summary>
    public static bool Passes(WeightedHistogram signal, WeightedHistogram background, double maxRelativeUncertainty)
    {
        return AllBinsPass(signal, maxRelativeUncertainty) && AllBinsPass(background, maxRelativeUncertainty);
    }

    /// <summary>
    /// Judges one bin, the sorted events [start, end), from prefix-sum estimates. The verdict is
    /// Pass or Fail only if it holds for every yield within the combined error bound of the
    /// estimate and of a plain left-to-right sum over the bin's events in any order, which is how
    /// the exact histogram and the reference add them.
    /// </summary>
    public static Verdict JudgeBin(CompensatedPrefixSums prefix, int start, int end, double maxRelativeUncertainty)
    {
        int count = end - start;
        if (count <= 0)
        {
            return Verdict.Fail; // An empty bin has a yield of exactly 0 however it is summed.
        }

        (double sum, double sumBound) = prefix.Sum(start, end);
        (double squares, double squaresBound) = prefix.SumOfSquares(start, end);

        // Error of recursive summation of count terms: at most gamma times the sum of magnitudes,
        // with gamma = count u / (1 - count u) <= 1.01 count u while count u < 0.01.
        double gamma = 1.01 * count * UnitRoundoff;
        double squaresHigh = (squares + squaresBound) * (1.0 + gamma);
        double squaresLow = Math.Max(squares - squaresBound, 0.0) * (1.0 - gamma);

        // Cauchy-Schwarz bounds the sum of |w| by sqrt(count * sum w^2).
        double magnitudeBound = Math.Sqrt(count * squaresHigh) * 1.01;
        double sumError = sumBound + gamma * magnitudeBound;
        double sumLow = sum - sumError;
        double sumHigh = sum + sumError;

        if (sumHigh <= 0)
        {
            return Verdict.Fail;
        }

        if (sumLow <= 0)
        {
            return Verdict.Undecided;
        }

        double ratioHigh = Math.Sqrt(squaresHigh) / sumLow * (1.0 + 8.0 * UnitRoundoff);
        double ratioLow = Math.Sqrt(squaresLow) / sumHigh * (1.0 - 8.0 * UnitRoundoff);
        if (ratioHigh < maxRelativeUncertainty)
        {
            return Verdict.Pass;
        }

        return ratioLow >= maxRelativeUncertainty ? Verdict.Fail : Verdict.Undecided;
    }

    private static bool AllBinsPass(WeightedHistogram histogram, double maxRelativeUncertainty)
    {
        for (int j = 0; j < histogram.Yields.Length; j++)
        {
            double yield = histogram.Yields[j];
            if (!(yield > 0) || !(histogram.Errors[j] / yield < maxRelativeUncertainty))
            {
                return false;
            }
        }

        return true;
    }
}
