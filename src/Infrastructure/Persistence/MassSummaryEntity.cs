namespace HnlService.Infrastructure.Persistence;

/// <summary>Channels combined at one mass of one discriminant; the values are null when no channel is ok.</summary>
public sealed class MassSummaryEntity
{
    public long Id { get; set; }

    public Guid AnalysisId { get; set; }

    public int DiscriminantOrdinal { get; set; }

    public double? Mass { get; set; }

    /// <summary>Same convention as <see cref="ChannelResultEntity.MassKey"/>.</summary>
    public required string MassKey { get; set; }

    public double? Average { get; set; }

    public double? AverageUncertainty { get; set; }

    public double? Combined { get; set; }

    public double? CombinedUncertainty { get; set; }

    public int Channels { get; set; }
}
