namespace HnlService.Infrastructure.Persistence;

/// <summary>One discriminant of an analysis in request order; Area and Rank are set with the results.</summary>
public sealed class AnalysisDiscriminantEntity
{
    public Guid AnalysisId { get; set; }

    public int Ordinal { get; set; }

    public required string Name { get; set; }

    /// <summary>"model" or "column".</summary>
    public required string Kind { get; set; }

    public Guid? ModelId { get; set; }

    public string? Column { get; set; }

    public double? Area { get; set; }

    /// <summary>1 for the largest area.</summary>
    public int? Rank { get; set; }
}
