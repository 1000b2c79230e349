using HnlService.Domain.Analysis;

namespace HnlService.Domain.Tests.Analysis;

/// <summary>
/// Small hand-checked cases. Where the arithmetic is short it is written out; the other expected
/// values come from the Python reference implementation run with NumPy 1.24.
/// </summary>
public sealed class ChannelAnalysisTests
{
    private const double Tolerance = 1e-12;

    private static readonly BinningSpec RightToLeft101 = new(BinningStrategy.RightToLeft, 1.01);

    [Fact]
    public void Evaluate_KeepsTiesInOneBin_WhenABinCouldCloseInsideATie()
    {
        // Descending: signal 3 (w 0.5) closes [3, 3.5] with background 3.5 (ratios 1 < 1.01).
        // The first signal at 2 would close a bin (1 > 0.5) but its twin follows, so the bin
        // closes after both: s = 2, b = 1 (background 2). Signal 1 then has s = 1, not above 2.
        // The bottom bin [0.5, 2) contains background 1.5 and 0.5: b = 2, ratio 0.707, so it stays.
        ChannelResult result = ChannelAnalysis.Evaluate(
            [3, 2, 2, 1], [0.5, 1, 1, 1], [3.5, 2, 1.5, 0.5], [1, 1, 1, 1], RightToLeft101, SignificanceFormula.SOverSqrtB);

        AssertClose([0.5, 2, 3, 3.5], result.Edges);
        AssertClose([1, 2, 0.5], result.Signal);
        AssertClose([2, 1, 1], result.Background);
        Assert.Equal(Math.Sqrt(1.0 / 2 + 4.0 / 1 + 0.25 / 1), result.Significance, Tolerance);
        Assert.Equal(1.6130634470505263, result.Uncertainty, Tolerance);
    }

    [Fact]
    public void Evaluate_MatchesReference_WhenWeightsAreNegative()
    {
        ChannelResult result = ChannelAnalysis.Evaluate(
            [4, 3, 2, 1], [1, -0.5, 2, 1], [4.5, 3.5, 2.5, 1.5, 0.5], [1, 1, -0.2, 1, 1],
            new BinningSpec(BinningStrategy.RightToLeft, 1.5), SignificanceFormula.SOverSqrtB);

        AssertClose([0.5, 2, 4, 4.5], result.Edges);
        AssertClose([1, 1.5, 1], result.Signal);
        AssertClose([2, 0.8, 1], result.Background);
        AssertClose([1, Math.Sqrt(0.25 + 4), 1], result.SignalError);
        AssertClose([Math.Sqrt(2), Math.Sqrt(1.04), 1], result.BackgroundError);
        Assert.Equal(2.0766559657295187, result.Significance, Tolerance);
        Assert.Equal(2.1365640696105337, result.Uncertainty, Tolerance);
    }

    [Fact]
    public void Evaluate_UsesRunningMaximum_WhenCumulativeSignalWeightDips()
    {
        // Cumulative weight 1, 2, 0.5, 2.5, 3.5, 4.5 has running maximum 1, 2, 2, 2.5, 3.5, 4.5.
        // With N = 3 the targets 1.5 and 3 are first reached at values 2 and 5.
        ChannelResult result = ChannelAnalysis.Evaluate(
            [1, 2, 3, 4, 5, 6], [1, 1, -1.5, 2, 1, 1], [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5], [1, 2, -0.5, 1, 1, 1, 1],
            new BinningSpec(BinningStrategy.EqualSignal, 2.0, 3), SignificanceFormula.Asimov);

        AssertClose([0.5, 2, 5, 6.5], result.Edges);
        AssertClose([1, 1.5, 2], result.Signal);
        AssertClose([3, 1.5, 2], result.Background);
        Assert.Equal(1.7336427277422188, result.Significance, Tolerance);
        Assert.Equal(1.2817282812444342, result.Uncertainty, Tolerance);
    }

    [Fact]
    public void Evaluate_CoversBackgroundAboveSignal_WhenBackgroundIsHigher()
    {
        // Outer edges [1, 6]; the bin closed at 2 takes both background events, and the bottom
        // bin [1, 2) has no background, so it merges: one bin, Z = 2 / sqrt(2).
        ChannelResult result = ChannelAnalysis.Evaluate([1, 2], [1, 1], [5, 6], [1, 1], RightToLeft101, SignificanceFormula.SOverSqrtB);

        AssertClose([1, 6], result.Edges);
        AssertClose([2], result.Signal);
        AssertClose([2], result.Background);
        Assert.Equal(Math.Sqrt(2), result.Significance, Tolerance);
    }

    [Fact]
    public void Evaluate_MergesBottomBin_WhenItsBackgroundIsNegative()
    {
        // Closed bins at 3 and 2; the leftover [0.2, 2) has background 1 - 2 = -1, so it merges
        // into [2, 3), giving [0.2, 3) with background 1 + 1 - 2 = 0.
        ChannelResult result = ChannelAnalysis.Evaluate(
            [3, 2, 1], [1, 1, 1], [3.5, 2.5, 1.5, 0.2], [1, 1, 1, -2], RightToLeft101, SignificanceFormula.SOverSqrtB);

        AssertClose([0.2, 3, 3.5], result.Edges);
        AssertClose([2, 1], result.Signal);
        AssertClose([0, 1], result.Background);
        AssertClose([Math.Sqrt(6), 1], result.BackgroundError);
        Assert.Equal(1.0, result.Significance, Tolerance);
    }

    [Fact]
    public void Evaluate_KeepsBottomBinWithoutSignal_WhenItsBackgroundPasses()
    {
        // One signal event (2, w 1.5) closes [2, 3]; the bottom bin [1, 2) contains background 1
        // (ratio 1 < 1.01) and stays. Z^2 = 1.5^2 / 1; sigma^2 = (1 * 1.5)^2 + (-0.75 * 1)^2.
        ChannelResult result = ChannelAnalysis.Evaluate([2], [1.5], [1, 3], [1, 1], RightToLeft101, SignificanceFormula.SOverSqrtB);

        AssertClose([1, 2, 3], result.Edges);
        AssertClose([0, 1.5], result.Signal);
        AssertClose([1, 1], result.Background);
        Assert.Equal(1.5, result.Significance, Tolerance);
        Assert.Equal(Math.Sqrt(2.25 + 0.5625), result.Uncertainty, Tolerance);
    }

    [Fact]
    public void Evaluate_FallsBackToOneBin_WhenOnlyOneSignalEventExists()
    {
        // Every N >= 2 collapses to [1, 2, 3], whose bin [1, 2) has no signal; N = 1 passes.
        ChannelResult result = ChannelAnalysis.Evaluate(
            [2], [1.5], [1, 3], [1, 1], new BinningSpec(BinningStrategy.EqualSignal, 1.01), SignificanceFormula.SOverSqrtB);

        AssertClose([1, 3], result.Edges);
        AssertClose([1.5], result.Signal);
        AssertClose([2], result.Background);
        Assert.Equal(1.5 / Math.Sqrt(2), result.Significance, Tolerance);
    }

    [Theory]
    [InlineData(BinningStrategy.RightToLeft, SignificanceFormula.SOverSqrtB, 1.0, 0.8100925873009825)]
    [InlineData(BinningStrategy.EqualSignal, SignificanceFormula.AsimovWithUncertainty, 0.4730541450193714, 0.29934239772530036)]
    public void Evaluate_ReturnsOneClosedBin_WhenAllValuesAreEqual(BinningStrategy strategy, SignificanceFormula formula, double z, double sigma)
    {
        ChannelResult result = ChannelAnalysis.Evaluate([2, 2], [1, 1], [2, 2], [1, 3], new BinningSpec(strategy, 0.9), formula);

        AssertClose([2, 2], result.Edges);
        AssertClose([2], result.Signal);
        AssertClose([4], result.Background);
        Assert.Equal(z, result.Significance, Tolerance);
        Assert.Equal(sigma, result.Uncertainty, Tolerance);
    }

    [Fact]
    public void Evaluate_RejectsCandidate_WhenRatioEqualsLimitExactly()
    {
        // With N = 2 the bin [0.5, 2) contains one signal event of weight 1: ratio 1, not under 1.
        ChannelResult result = ChannelAnalysis.Evaluate(
            [1, 2, 3, 4], [1, 1, 1, 1], [0.5, 1.5, 2.5, 3.5], [1, 1, 1, 1],
            new BinningSpec(BinningStrategy.EqualSignal, 1.0, 4), SignificanceFormula.SOverSqrtB);

        AssertClose([0.5, 4], result.Edges);
    }

    [Fact]
    public void Evaluate_AcceptsCandidate_WhenRatioIsJustUnderLimit()
    {
        // N = 4 leaves [0.5, 1) without signal; N = 3 (edges at 2 and 3) has ratios of at most 1.
        ChannelResult result = ChannelAnalysis.Evaluate(
            [1, 2, 3, 4], [1, 1, 1, 1], [0.5, 1.5, 2.5, 3.5], [1, 1, 1, 1],
            new BinningSpec(BinningStrategy.EqualSignal, 1.001, 4), SignificanceFormula.SOverSqrtB);

        AssertClose([0.5, 2, 3, 4], result.Edges);
        AssertClose([1, 1, 2], result.Signal);
        Assert.Equal(2.345207879911715, result.Significance, Tolerance);
    }

    [Theory]
    [InlineData(new double[] { -1, -2 }, new double[] { 1, 1 }, ChannelOutcome.NoSignal)]
    [InlineData(new double[] { 1, -1 }, new double[] { 1, 1 }, ChannelOutcome.NoSignal)]
    [InlineData(new double[] { 1, 1 }, new double[] { -1, -2 }, ChannelOutcome.NoBackground)]
    [InlineData(new double[] { -1, -1 }, new double[] { -1, -1 }, ChannelOutcome.NoSignal)]
    public void Evaluate_ReturnsOutcome_WhenWeightSumIsNotPositive(double[] signalWeights, double[] backgroundWeights, ChannelOutcome outcome)
    {
        ChannelResult result = ChannelAnalysis.Evaluate([1, 2], signalWeights, [1, 2], backgroundWeights, RightToLeft101, SignificanceFormula.Asimov);

        Assert.Equal(outcome, result.Outcome);
        Assert.Empty(result.Edges);
        Assert.Empty(result.Signal);
        Assert.Equal(0.0, result.Significance);
        Assert.Equal(0.0, result.Uncertainty);
    }

    [Fact]
    public void Evaluate_ReturnsNoSignal_WhenBothInputsAreEmpty()
    {
        ChannelResult result = ChannelAnalysis.Evaluate([], [], [], [], RightToLeft101, SignificanceFormula.SOverSqrtB);

        Assert.Equal(ChannelOutcome.NoSignal, result.Outcome);
    }

    [Fact]
    public void Evaluate_ReturnsNoBackground_WhenOnlyBackgroundIsEmpty()
    {
        ChannelResult result = ChannelAnalysis.Evaluate([1], [1], [], [], RightToLeft101, SignificanceFormula.SOverSqrtB);

        Assert.Equal(ChannelOutcome.NoBackground, result.Outcome);
        Assert.Empty(result.Background);
    }

    [Theory]
    [InlineData(double.NaN, 1, 1, 1, "signalValues")]
    [InlineData(1, double.PositiveInfinity, 1, 1, "signalWeights")]
    [InlineData(1, 1, double.NegativeInfinity, 1, "backgroundValues")]
    [InlineData(1, 1, 1, double.NaN, "backgroundWeights")]
    public void Evaluate_ThrowsNamingParameter_WhenInputIsNotFinite(
        double signalValue, double signalWeight, double backgroundValue, double backgroundWeight, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => ChannelAnalysis.Evaluate(
            [signalValue], [signalWeight], [backgroundValue], [backgroundWeight], RightToLeft101, SignificanceFormula.SOverSqrtB));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Evaluate_ThrowsNamingWeights_WhenLengthsDiffer()
    {
        var error = Assert.Throws<ArgumentException>(() => ChannelAnalysis.Evaluate(
            [1, 2], [1], [1], [1], RightToLeft101, SignificanceFormula.SOverSqrtB));

        Assert.Equal("signalWeights", error.ParamName);
    }

    [Theory]
    [InlineData(0.0, 30)]
    [InlineData(double.NaN, 30)]
    [InlineData(0.3, 0)]
    public void Evaluate_ThrowsOutOfRange_WhenBinningIsInvalid(double maxRelativeUncertainty, int initialBins)
    {
        var binning = new BinningSpec(BinningStrategy.EqualSignal, maxRelativeUncertainty, initialBins);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ChannelAnalysis.Evaluate(
            [1], [1], [1], [1], binning, SignificanceFormula.SOverSqrtB));

        Assert.Equal("binning", error.ParamName);
    }

    [Fact]
    public void Evaluate_GivesSameResult_WhenSamplesArePrepared()
    {
        double[] signalValues = [3, 2, 2, 1];
        double[] signalWeights = [0.5, 1, 1, 1];
        double[] backgroundValues = [3.5, 2, 1.5, 0.5];
        double[] backgroundWeights = [1, 1, 1, 1];

        ChannelResult fromSpans = ChannelAnalysis.Evaluate(
            signalValues, signalWeights, backgroundValues, backgroundWeights, RightToLeft101, SignificanceFormula.Asimov);
        ChannelResult fromSamples = ChannelAnalysis.Evaluate(
            EventSample.Create(signalValues, signalWeights), EventSample.Create(backgroundValues, backgroundWeights),
            RightToLeft101, SignificanceFormula.Asimov);

        Assert.Equal(fromSpans.Edges, fromSamples.Edges);
        Assert.Equal(fromSpans.Background, fromSamples.Background);
        Assert.Equal(fromSpans.Significance, fromSamples.Significance);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"element {i}: {actual[i]:R}, expected {expected[i]:R}");
        }
    }
}
