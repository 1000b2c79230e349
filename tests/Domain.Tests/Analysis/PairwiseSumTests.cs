using HnlService.Domain.Analysis;

namespace HnlService.Domain.Tests.Analysis;

public sealed class PairwiseSumTests
{
    [Fact]
    public void Sum_MatchesNumPy_WhenOrderChangesTheRoundedResult()
    {
        // NumPy 1.24: np.sum([1e16] + [1.0] * 299) == 1.000000000000029e16, because 8 partial
        // sums collect the ones; a left-to-right sum stays at 1e16.
        double[] values = [1e16, .. Enumerable.Repeat(1.0, 299)];

        double sum = PairwiseSum.Sum(values);

        Assert.Equal(1.000000000000029e16, sum);
    }

    [Fact]
    public void Sum_ReturnsZero_WhenEmpty()
    {
        Assert.Equal(0.0, PairwiseSum.Sum([]));
    }
}
