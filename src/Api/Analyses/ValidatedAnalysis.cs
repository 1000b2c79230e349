using HnlService.Infrastructure.Persistence;

namespace HnlService.Api.Analyses;

/// <summary>A request that passed validation: the spec to store and its discriminant rows in request order.</summary>
public sealed record ValidatedAnalysis(AnalysisSpec Spec, IReadOnlyList<AnalysisDiscriminantEntity> Discriminants);
