using HnlService.Domain.Analysis;
using HnlService.Infrastructure.Analyses;
using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Models;
using HnlService.Infrastructure.Persistence;
using HnlService.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace HnlService.Infrastructure.Jobs;

/// <summary>
/// Resolves a stored analysis into an <see cref="AnalysisPlan"/>: dataset path and roles, and every model
/// validated again from its stored files (ModelValidationException when a file no longer loads).
/// </summary>
public sealed class AnalysisPlanBuilder(HnlDbContext context, FileStore fileStore, ModelValidator validator)
{
    public async Task<AnalysisPlan> BuildAsync(AnalysisEntity analysis, CancellationToken cancellationToken)
    {
        var spec = StoredJson.Deserialize<AnalysisSpec>(analysis.SpecJson);
        var dataset = await context.Datasets.AsNoTracking().SingleAsync(d => d.Id == analysis.DatasetId, cancellationToken);

        var discriminants = new List<PlannedDiscriminant>();
        foreach (var discriminant in analysis.Discriminants.OrderBy(d => d.Ordinal))
        {
            discriminants.Add(await PlanDiscriminantAsync(discriminant, cancellationToken));
        }

        return new AnalysisPlan(
            fileStore.GetFullPath(dataset.StoredPath),
            dataset.Sha256,
            DatasetRoles.From(dataset),
            DatasetRoles.MappingOf(dataset),
            discriminants,
            spec.Channels,
            spec.Masses,
            ToBinningSpec(spec.Binning),
            ToFormula(spec.Formula));
    }

    private async Task<PlannedDiscriminant> PlanDiscriminantAsync(AnalysisDiscriminantEntity discriminant, CancellationToken cancellationToken)
    {
        if (discriminant.ModelId is not { } modelId)
        {
            return new PlannedDiscriminant(discriminant.Name, discriminant.Column, null, null);
        }

        var model = await context.Models.AsNoTracking().Include(m => m.Files).SingleAsync(m => m.Id == modelId, cancellationToken);
        var manifest = StoredJson.Deserialize<ModelManifest>(model.ManifestJson);
        var files = model.Files
            .OrderBy(f => f.Ordinal)
            .Select(f => new ModelFile(f.FileName, fileStore.GetFullPath(f.StoredPath)))
            .ToList();
        var validated = validator.Validate(manifest, files);
        return new PlannedDiscriminant(discriminant.Name, null, validated, model.Id.ToString());
    }

    private static BinningSpec ToBinningSpec(BinningRequest binning)
    {
        if (!SpecNames.TryParseStrategy(binning.Strategy, out var strategy))
        {
            throw new ArgumentException($"Unknown binning strategy '{binning.Strategy}'.", nameof(binning));
        }

        return new BinningSpec(strategy, binning.MaxRelativeUncertainty, binning.InitialBins);
    }

    private static SignificanceFormula ToFormula(string formula)
    {
        if (!SpecNames.TryParseFormula(formula, out var parsed))
        {
            throw new ArgumentException($"Unknown significance formula '{formula}'.", nameof(formula));
        }

        return parsed;
    }
}
