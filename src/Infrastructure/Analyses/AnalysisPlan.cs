using HnlService.Domain.Analysis;
using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Models;

namespace HnlService.Infrastructure.Analyses;

/// <summary>
/// Everything a worker needs to run one analysis, resolved from the database. Channels and Masses
/// null mean all of the dataset's; a dataset without a mass column has one hypothesis (mass null).
/// </summary>
public sealed record AnalysisPlan(
    string DatasetPath,
    string DatasetSha256,
    ColumnRoles Roles,
    ChannelMapping Mapping,
    IReadOnlyList<PlannedDiscriminant> Discriminants,
    IReadOnlyList<string>? Channels,
    IReadOnlyList<double>? Masses,
    BinningSpec Binning,
    SignificanceFormula Formula);

/// <summary>A dataset column or a model whose score is binned. ModelKey identifies the model in the score cache.</summary>
public sealed record PlannedDiscriminant(string Name, string? Column, ValidatedModel? Model, string? ModelKey);
