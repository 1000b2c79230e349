using HnlService.Domain.Analysis;

namespace HnlService.Domain.Tests.Analysis;

public sealed class SignificanceCalculatorTests
{
    [Fact]
    public void Compute_MatchesCowanCheck_WhenBackgroundIsExact()
    {
        // Published check of the asimov-with-uncertainty formula: s = 5, b = 10, sigma_b = 0.
        (double z, _) = SignificanceCalculator.Compute(SignificanceFormula.AsimovWithUncertainty, [5], [10], [1], [0]);

        Assert.Equal(1.471038, z, 1e-6);
    }

    [Fact]
    public void Compute_MatchesCowanCheck_WhenBackgroundIsUncertain()
    {
        // Published check: s = 6, b = 9, sigma_b = 3.
        (double z, _) = SignificanceCalculator.Compute(SignificanceFormula.AsimovWithUncertainty, [6], [9], [1], [3]);

        Assert.Equal(1.231271, z, 1e-6);
    }

    [Fact]
    public void Compute_SkipsBins_WhenYieldIsNotPositive()
    {
        // Only the last bin counts: Z = 4 / sqrt(4) = 2; dZ/ds = s / (b Z) = 0.5, dZ/db = -s^2 / (2 b^2 Z) = -0.25.
        (double z, double sigma) = SignificanceCalculator.Compute(
            SignificanceFormula.SOverSqrtB, [-1, 3, 4], [5, 0, 4], [1, 1, 2], [1, 1, 2]);

        Assert.Equal(2.0, z, 1e-15);
        Assert.Equal(Math.Sqrt(1.0 + 0.25), sigma, 1e-15);
    }

    [Fact]
    public void Compute_ReturnsZeros_WhenNoBinCounts()
    {
        (double z, double sigma) = SignificanceCalculator.Compute(SignificanceFormula.Asimov, [0, -1], [1, 1], [1, 1], [1, 1]);

        Assert.Equal(0.0, z);
        Assert.Equal(0.0, sigma);
    }

    [Fact]
    public void Compute_MatchesUncertaintyOfReference_WhenBackgroundIsUncertain()
    {
        // From the Python reference: sigma_Z for s = 6 +- 1, b = 9 +- 3.
        (_, double sigma) = SignificanceCalculator.Compute(SignificanceFormula.AsimovWithUncertainty, [6], [9], [1], [3]);

        Assert.Equal(0.18698161368301872, sigma, 1e-12);
    }

    [Theory]
    [InlineData(1e-20)]
    [InlineData(1e-9)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void Log1P_AgreesWithSeries_ForSmallAndModerateArguments(double x)
    {
        // Independent value: ln(1 + x) via the series 2 atanh(x / (2 + x)) = 2 sum y^(2k+1) / (2k+1).
        double y = x / (2 + x);
        double expected = 0.0;
        for (int k = 0; k < 200; k++)
        {
            expected += 2 * Math.Pow(y, 2 * k + 1) / (2 * k + 1);
        }

        Assert.Equal(expected, SignificanceCalculator.Log1P(x), Math.Abs(expected) * 1e-14);
    }
}
