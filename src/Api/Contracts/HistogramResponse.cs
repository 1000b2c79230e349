using HnlService.Infrastructure.Persistence;

namespace HnlService.Api.Contracts;

/// <summary>Binned yields of one (discriminant, channel, mass); Edges has one more element than each yield array.</summary>
public sealed record HistogramResponse(
    string Discriminant,
    string Channel,
    double? Mass,
    string Outcome,
    IReadOnlyList<double?> Edges,
    IReadOnlyList<double?> Signal,
    IReadOnlyList<double?> Background,
    IReadOnlyList<double?> SignalError,
    IReadOnlyList<double?> BackgroundError,
    double? Significance,
    double? Uncertainty)
{
    public static HistogramResponse From(string discriminant, ChannelResultEntity result) => new(
        discriminant,
        result.Channel,
        FiniteNumbers.OrNull(result.Mass),
        result.Outcome,
        FiniteNumbers.OrNull(result.Edges),
        FiniteNumbers.OrNull(result.Signal),
        FiniteNumbers.OrNull(result.Background),
        FiniteNumbers.OrNull(result.SignalError),
        FiniteNumbers.OrNull(result.BackgroundError),
        FiniteNumbers.OrNull(result.Significance),
        FiniteNumbers.OrNull(result.Uncertainty));
}
