using HnlService.Domain.Analysis;

namespace HnlService.Domain.Tests.Analysis;

/// <summary>Invariants checked on seeded random samples with ties and negative weights.</summary>
public sealed class ChannelAnalysisPropertyTests
{
    public static TheoryData<int, BinningStrategy, SignificanceFormula> Cases()
    {
        var data = new TheoryData<int, BinningStrategy, SignificanceFormula>();
        foreach (int seed in new[] { 1, 2, 3, 4, 5, 6, 7, 8 })
        {
            data.Add(seed, BinningStrategy.RightToLeft, (SignificanceFormula)(seed % 3));
            data.Add(seed, BinningStrategy.EqualSignal, (SignificanceFormula)(seed % 3));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_KeepsInvariants_ForRandomSamples(int seed, BinningStrategy strategy, SignificanceFormula formula)
    {
        var random = new Random(seed);
        (double[] signalValues, double[] signalWeights) = Sample(random, 200 + random.Next(2000), skew: 0.4);
        (double[] backgroundValues, double[] backgroundWeights) = Sample(random, 1000 + random.Next(20000), skew: 2.5);
        var binning = new BinningSpec(strategy, 0.1 + 0.3 * random.NextDouble(), 30);

        ChannelResult result = ChannelAnalysis.Evaluate(signalValues, signalWeights, backgroundValues, backgroundWeights, binning, formula);

        Assert.Equal(ChannelOutcome.Ok, result.Outcome);
        AssertStrictlyIncreasing(result.Edges);
        Assert.Equal(Math.Min(signalValues.Min(), backgroundValues.Min()), result.Edges[0]);
        Assert.Equal(Math.Max(signalValues.Max(), backgroundValues.Max()), result.Edges[^1]);
        AssertSumEqualsTotal(signalWeights, result.Signal);
        AssertSumEqualsTotal(backgroundWeights, result.Background);
        AssertAllFinite(result);
        if (strategy == BinningStrategy.RightToLeft)
        {
            AssertBinsAboveBottomPass(result, binning.MaxRelativeUncertainty);
        }
    }

    [Fact]
    public void Evaluate_AllBinsPass_WhenEqualSignalKeepsSeveralBins()
    {
        var random = new Random(42);
        (double[] signalValues, double[] signalWeights) = Sample(random, 5000, skew: 0.4);
        (double[] backgroundValues, double[] backgroundWeights) = Sample(random, 50000, skew: 2.5);
        var binning = new BinningSpec(BinningStrategy.EqualSignal, 0.2, 30);

        ChannelResult result = ChannelAnalysis.Evaluate(signalValues, signalWeights, backgroundValues, backgroundWeights, binning, SignificanceFormula.Asimov);

        Assert.True(result.Signal.Length > 1, $"expected several bins, got {result.Signal.Length}");
        for (int j = 0; j < result.Signal.Length; j++)
        {
            Assert.True(BinPasses(result, j, binning.MaxRelativeUncertainty), $"bin {j} fails the acceptance test");
        }
    }

    /// <summary>
    /// Draws values rounded to 1e-3 (so ties occur) from a skewed distribution on [0, 1], with
    /// weights in [0.5, 1.5) of which about 5% are negated.
    /// </summary>
    private static (double[] Values, double[] Weights) Sample(Random random, int count, double skew)
    {
        var values = new double[count];
        var weights = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = Math.Round(Math.Pow(random.NextDouble(), skew), 3);
            double weight = 0.5 + random.NextDouble();
            weights[i] = random.NextDouble() < 0.05 ? -weight : weight;
        }

        return (values, weights);
    }

    private static void AssertStrictlyIncreasing(double[] edges)
    {
        Assert.True(edges.Length >= 2, "fewer than two edges");
        for (int i = 1; i < edges.Length; i++)
        {
            Assert.True(edges[i] > edges[i - 1], $"edge {i} ({edges[i]:R}) is not above edge {i - 1} ({edges[i - 1]:R})");
        }
    }

    private static void AssertSumEqualsTotal(double[] weights, double[] yields)
    {
        double total = weights.Sum();
        double scale = weights.Sum(Math.Abs);
        Assert.True(Math.Abs(yields.Sum() - total) <= 1e-9 * scale, $"yields sum to {yields.Sum():R}, weights to {total:R}");
    }

    private static void AssertAllFinite(ChannelResult result)
    {
        double[][] arrays = [result.Edges, result.Signal, result.Background, result.SignalError, result.BackgroundError];
        Assert.All(arrays.SelectMany(array => array), value => Assert.True(double.IsFinite(value)));
        Assert.True(double.IsFinite(result.Significance));
        Assert.True(double.IsFinite(result.Uncertainty));
    }

    private static void AssertBinsAboveBottomPass(ChannelResult result, double maxRelativeUncertainty)
    {
        for (int j = 1; j < result.Signal.Length; j++)
        {
            Assert.True(BinPasses(result, j, maxRelativeUncertainty), $"bin {j} above the bottom fails the closing test");
        }
    }

    private static bool BinPasses(ChannelResult result, int j, double maxRelativeUncertainty)
    {
        return result.Signal[j] > 0
            && result.Background[j] > 0
            && result.SignalError[j] / result.Signal[j] < maxRelativeUncertainty
            && result.BackgroundError[j] / result.Background[j] < maxRelativeUncertainty;
    }
}
