namespace HnlService.Domain.Analysis;

/// <summary>Combines the Ok channels of one mass hypothesis.</summary>
public static class ChannelCombination
{
    /// <summary>Returns null when no channel is Ok.</summary>
    public static MassSummary? Combine(IEnumerable<ChannelResult> channels)
    {
        throw new NotImplementedException();
    }
}
