namespace HnlService.Domain.Analysis;

/// <summary>Combines the Ok channels of one mass hypothesis.</summary>
public static class ChannelCombination
{
    /// <summary>
    /// Averages Z and sigma over the Ok channels (the curve the original notebook plotted) and
    /// combines them in quadrature: Z = sqrt(sum Z_c^2), sigma = sqrt(sum (Z_c sigma_c)^2) / Z,
    /// or 0 when Z is 0. Returns null when no channel is Ok.
    /// </summary>
    public static MassSummary? Combine(IEnumerable<ChannelResult> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);

        var ok = channels.Where(channel => channel.Outcome == ChannelOutcome.Ok).ToArray();
        if (ok.Length == 0)
        {
            return null;
        }

        double[] significances = ok.Select(channel => channel.Significance).ToArray();
        double[] uncertainties = ok.Select(channel => channel.Uncertainty).ToArray();
        double[] squares = significances.Select(z => z * z).ToArray();
        double[] weightedSquares = ok.Select(channel => channel.Significance * channel.Uncertainty)
            .Select(product => product * product)
            .ToArray();

        double combined = Math.Sqrt(PairwiseSum.Sum(squares));
        double combinedUncertainty = combined > 0 ? Math.Sqrt(PairwiseSum.Sum(weightedSquares)) / combined : 0.0;

        return new MassSummary(
            PairwiseSum.Sum(significances) / ok.Length,
            PairwiseSum.Sum(uncertainties) / ok.Length,
            combined,
            combinedUncertainty,
            ok.Length);
    }
}
