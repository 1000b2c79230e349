namespace HnlService.Domain.Analysis;

/// <summary>
/// Binned yields and significance of one channel at one mass hypothesis. Edges has one more
/// element than each yield array. For a non-Ok outcome all arrays are empty and Z and sigma are 0.
/// </summary>
public sealed record ChannelResult(
    ChannelOutcome Outcome,
    double[] Edges,
    double[] Signal,
    double[] Background,
    double[] SignalError,
    double[] BackgroundError,
    double Significance,
    double Uncertainty);
