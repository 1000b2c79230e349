using HnlService.Domain.Analysis;

namespace HnlService.Infrastructure.Analyses;

/// <summary>All results of one analysis, ready to be written in one transaction.</summary>
public sealed record AnalysisOutcome(
    IReadOnlyList<string> Channels,
    IReadOnlyList<double?> Masses,
    IReadOnlyList<DiscriminantOutcome> Discriminants,
    AnalysisTimings Timings);

/// <summary>
/// One discriminant: a point per mass and the trapezoid area under its average curve over ascending
/// masses (0 with fewer than two points). A dataset without a mass column has the single point of mass
/// null, and its area is that point's average significance, so discriminants still rank by area.
/// </summary>
public sealed record DiscriminantOutcome(string Name, IReadOnlyList<MassOutcome> Masses, double Area);

/// <summary>Per-channel results at one mass (null for a single hypothesis) and their combination.</summary>
public sealed record MassOutcome(double? Mass, IReadOnlyDictionary<string, ChannelResult> Channels, MassSummary? Summary);

/// <summary>Wall-clock time of each stage, in milliseconds.</summary>
public sealed record AnalysisTimings(long LoadingMs, long ScoringMs, long BinningMs);

/// <summary>Stage name (loading, scoring, binning) and overall fraction done, 0..1.</summary>
public sealed record AnalysisProgress(string Stage, double Fraction);
