using HnlService.Domain.Analysis;

namespace HnlService.Domain.Tests.Analysis;

public sealed class ChannelCombinationTests
{
    [Fact]
    public void Combine_AveragesAndAddsInQuadrature_WhenSomeChannelsAreOk()
    {
        // Z = 3 +- 0.5 and 4 +- 1: average 3.5 +- 0.75; combined sqrt(9 + 16) = 5,
        // uncertainty sqrt((3 * 0.5)^2 + (4 * 1)^2) / 5 = sqrt(18.25) / 5.
        ChannelResult[] channels = [Ok(3, 0.5), Ok(4, 1), NotOk(ChannelOutcome.NoSignal)];

        MassSummary? summary = ChannelCombination.Combine(channels);

        Assert.NotNull(summary);
        Assert.Equal(3.5, summary.Average, 1e-15);
        Assert.Equal(0.75, summary.AverageUncertainty, 1e-15);
        Assert.Equal(5.0, summary.Combined, 1e-15);
        Assert.Equal(Math.Sqrt(18.25) / 5, summary.CombinedUncertainty, 1e-15);
        Assert.Equal(2, summary.Channels);
    }

    [Fact]
    public void Combine_ReturnsNull_WhenNoChannelIsOk()
    {
        MassSummary? summary = ChannelCombination.Combine([NotOk(ChannelOutcome.NoSignal), NotOk(ChannelOutcome.NoBackground)]);

        Assert.Null(summary);
    }

    [Fact]
    public void Combine_ReturnsZeroUncertainty_WhenCombinedIsZero()
    {
        MassSummary? summary = ChannelCombination.Combine([Ok(0, 0)]);

        Assert.NotNull(summary);
        Assert.Equal(0.0, summary.Combined);
        Assert.Equal(0.0, summary.CombinedUncertainty);
    }

    private static ChannelResult Ok(double z, double sigma) => new(ChannelOutcome.Ok, [0, 1], [1], [1], [1], [1], z, sigma);

    private static ChannelResult NotOk(ChannelOutcome outcome) => new(outcome, [], [], [], [], [], 0, 0);
}
