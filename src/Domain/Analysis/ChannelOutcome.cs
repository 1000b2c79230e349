namespace HnlService.Domain.Analysis;

/// <summary>Outcome of one (discriminant, channel, mass) evaluation.</summary>
public enum ChannelOutcome
{
    Ok,
    NoSignal,
    NoBackground,
}
