namespace HnlService.Infrastructure.Persistence;

/// <summary>
/// Histogram and significance of one (discriminant, channel, mass). MassKey is the mass in round-trip
/// invariant text, or empty for a single hypothesis, so the unique index also covers a null Mass.
/// </summary>
public sealed class ChannelResultEntity
{
    public long Id { get; set; }

    public Guid AnalysisId { get; set; }

    public int DiscriminantOrdinal { get; set; }

    public required string Channel { get; set; }

    public double? Mass { get; set; }

    public required string MassKey { get; set; }

    /// <summary>ok, no-signal or no-background.</summary>
    public required string Outcome { get; set; }

    public double[] Edges { get; set; } = [];

    public double[] Signal { get; set; } = [];

    public double[] Background { get; set; } = [];

    public double[] SignalError { get; set; } = [];

    public double[] BackgroundError { get; set; } = [];

    public double Significance { get; set; }

    public double Uncertainty { get; set; }
}
