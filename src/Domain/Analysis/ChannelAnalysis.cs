namespace HnlService.Domain.Analysis;

/// <summary>Entry point of the engine: bins one channel at one mass and computes its significance.</summary>
/// <remarks>
/// Outcomes: <see cref="ChannelOutcome.NoSignal"/> when there are no signal events or their weights
/// sum to 0 or less; otherwise <see cref="ChannelOutcome.NoBackground"/> likewise for the
/// background; otherwise <see cref="ChannelOutcome.Ok"/>. Totals are added pairwise in input order.
/// Bins are [e_j, e_j+1) except the last, which is closed, and the outer edges are the minimum
/// and maximum over signal and background together. When every value is equal the edges are
/// [v, v], one closed bin. Results never contain NaN or infinity.
/// </remarks>
public static class ChannelAnalysis
{
    /// <summary>Sorts both samples, bins them and computes the significance.</summary>
    /// <exception cref="ArgumentException">
    /// A weights span differs in length from its values span, or a value or weight is NaN or
    /// infinite, or the weights are so large that a sum of squares overflows.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The binning or formula is invalid.</exception>
    public static ChannelResult Evaluate(
        ReadOnlySpan<double> signalValues,
        ReadOnlySpan<double> signalWeights,
        ReadOnlySpan<double> backgroundValues,
        ReadOnlySpan<double> backgroundWeights,
        BinningSpec binning,
        SignificanceFormula formula)
    {
        EventSample.Validate(signalValues, signalWeights, nameof(signalValues), nameof(signalWeights));
        EventSample.Validate(backgroundValues, backgroundWeights, nameof(backgroundValues), nameof(backgroundWeights));
        ValidateSettings(binning, formula);

        // Decide the outcome before sorting, so channels without events cost nothing.
        if (signalValues.Length == 0 || PairwiseSum.Sum(signalWeights) <= 0)
        {
            return Empty(ChannelOutcome.NoSignal);
        }

        if (backgroundValues.Length == 0 || PairwiseSum.Sum(backgroundWeights) <= 0)
        {
            return Empty(ChannelOutcome.NoBackground);
        }

        EventSample signal = EventSample.Rent(signalValues, signalWeights);
        EventSample background = EventSample.Rent(backgroundValues, backgroundWeights);
        try
        {
            return EvaluateSorted(signal, background, binning, formula);
        }
        finally
        {
            signal.ReturnRented();
            background.ReturnRented();
        }
    }

    /// <summary>
    /// Same as the span overload, for samples already sorted by <see cref="EventSample.Create(ReadOnlySpan{double}, ReadOnlySpan{double})"/>,
    /// so a background shared by several mass hypotheses is sorted once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The binning or formula is invalid.</exception>
    public static ChannelResult Evaluate(EventSample signal, EventSample background, BinningSpec binning, SignificanceFormula formula)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(background);
        ValidateSettings(binning, formula);

        if (signal.Count == 0 || signal.TotalWeight <= 0)
        {
            return Empty(ChannelOutcome.NoSignal);
        }

        if (background.Count == 0 || background.TotalWeight <= 0)
        {
            return Empty(ChannelOutcome.NoBackground);
        }

        return EvaluateSorted(signal, background, binning, formula);
    }

    private static ChannelResult EvaluateSorted(EventSample signal, EventSample background, BinningSpec binning, SignificanceFormula formula)
    {
        double[] edges = binning.Strategy == BinningStrategy.RightToLeft
            ? RightToLeftBinner.Edges(signal, background, binning.MaxRelativeUncertainty)
            : EqualSignalBinner.Edges(signal, background, binning.MaxRelativeUncertainty, binning.InitialBins);

        WeightedHistogram signalHistogram = WeightedHistogram.Fill(signal, edges);
        WeightedHistogram backgroundHistogram = WeightedHistogram.Fill(background, edges);
        ThrowIfOverflowed(signalHistogram, "signalWeights");
        ThrowIfOverflowed(backgroundHistogram, "backgroundWeights");

        (double z, double sigma) = SignificanceCalculator.Compute(
            formula, signalHistogram.Yields, backgroundHistogram.Yields, signalHistogram.Errors, backgroundHistogram.Errors);
        if (!double.IsFinite(z) || !double.IsFinite(sigma))
        {
            throw new ArgumentException(
                $"The significance overflowed (Z = {z}, sigma = {sigma}); rescale the weights so yields stay well inside the double range.",
                "signalWeights");
        }

        return new ChannelResult(
            ChannelOutcome.Ok,
            edges,
            signalHistogram.Yields,
            backgroundHistogram.Yields,
            signalHistogram.Errors,
            backgroundHistogram.Errors,
            z,
            sigma);
    }

    private static void ValidateSettings(BinningSpec binning, SignificanceFormula formula)
    {
        ArgumentNullException.ThrowIfNull(binning);
        if (!Enum.IsDefined(binning.Strategy))
        {
            throw new ArgumentOutOfRangeException(nameof(binning), binning.Strategy, "Unknown binning strategy.");
        }

        if (!double.IsFinite(binning.MaxRelativeUncertainty) || binning.MaxRelativeUncertainty <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(binning), binning.MaxRelativeUncertainty, "MaxRelativeUncertainty must be a finite number above 0.");
        }

        if (binning.Strategy == BinningStrategy.EqualSignal && binning.InitialBins < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(binning), binning.InitialBins, "InitialBins must be at least 1.");
        }

        if (!Enum.IsDefined(formula))
        {
            throw new ArgumentOutOfRangeException(nameof(formula), formula, "Unknown significance formula.");
        }
    }

    private static void ThrowIfOverflowed(WeightedHistogram histogram, string weightsName)
    {
        for (int j = 0; j < histogram.Yields.Length; j++)
        {
            if (!double.IsFinite(histogram.Yields[j]) || !double.IsFinite(histogram.Errors[j]))
            {
                throw new ArgumentException(
                    $"Bin {j} overflowed the double range (yield {histogram.Yields[j]}, error {histogram.Errors[j]}); rescale the weights.",
                    weightsName);
            }
        }
    }

    private static ChannelResult Empty(ChannelOutcome outcome)
    {
        return new ChannelResult(outcome, [], [], [], [], [], 0.0, 0.0);
    }
}
