using HnlService.Domain.Analysis;

namespace HnlService.Domain.Tests.Analysis;

public sealed class BinAcceptanceTests
{
    [Theory]
    [InlineData(1.001, (int)BinAcceptance.Verdict.Pass)]
    [InlineData(1.0, (int)BinAcceptance.Verdict.Undecided)]
    [InlineData(0.999, (int)BinAcceptance.Verdict.Fail)]
    public void JudgeBin_ReturnsVerdict_ForRatioNearLimit(double maxRelativeUncertainty, int expectedVerdict)
    {
        // One event of weight 1 has ratio sqrt(1) / 1 = 1 exactly.
        EventSample sample = EventSample.Create([5.0], [1.0]);
        using var prefix = new CompensatedPrefixSums(sample);

        BinAcceptance.Verdict verdict = BinAcceptance.JudgeBin(prefix, 0, 1, maxRelativeUncertainty);

        Assert.Equal((BinAcceptance.Verdict)expectedVerdict, verdict);
    }

    [Fact]
    public void JudgeBin_Fails_WhenBinIsEmpty()
    {
        EventSample sample = EventSample.Create([5.0], [1.0]);
        using var prefix = new CompensatedPrefixSums(sample);

        Assert.Equal(BinAcceptance.Verdict.Fail, BinAcceptance.JudgeBin(prefix, 1, 1, 0.3));
    }

    [Fact]
    public void JudgeBin_IsUndecided_WhenSumCancelsToNearZero()
    {
        // 0.1 + 0.2 - 0.3 is 5.6e-17 in doubles, within rounding of zero.
        EventSample sample = EventSample.Create([1.0, 2.0, 3.0], [0.1, 0.2, -0.3]);
        using var prefix = new CompensatedPrefixSums(sample);

        Assert.Equal(BinAcceptance.Verdict.Undecided, BinAcceptance.JudgeBin(prefix, 0, 3, 0.3));
    }
}
