using System.Globalization;
using HnlService.Api.Contracts;
using HnlService.Api.Errors;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HnlService.Api.Analyses;

/// <summary>Reads analyses and their results, by id or by share token, into response shapes.</summary>
public sealed class AnalysisReader(HnlDbContext context)
{
    public async Task<IReadOnlyList<AnalysisEntity>> ListAsync(Guid? datasetId, CancellationToken cancellationToken)
    {
        var query = context.Analyses.AsNoTracking().Include(a => a.Discriminants).AsQueryable();
        if (datasetId is { } id)
        {
            query = query.Where(a => a.DatasetId == id);
        }

        return await query.OrderByDescending(a => a.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<AnalysisEntity> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await context.Analyses.AsNoTracking().Include(a => a.Discriminants).SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
        ?? throw new ResourceNotFoundException($"Analysis {id} was not found.");

    public async Task<AnalysisEntity> GetByShareTokenAsync(string token, CancellationToken cancellationToken) =>
        await context.Analyses.AsNoTracking().Include(a => a.Discriminants).SingleOrDefaultAsync(a => a.ShareToken == token, cancellationToken)
        ?? throw new ResourceNotFoundException("No analysis has this share token.");

    public Task<bool> ShareTokenExistsAsync(string token, CancellationToken cancellationToken) =>
        context.Analyses.AsNoTracking().AnyAsync(a => a.ShareToken == token, cancellationToken);

    public async Task<CurvesResponse> GetCurvesAsync(AnalysisEntity analysis, CancellationToken cancellationToken)
    {
        EnsureSucceeded(analysis);
        var summaries = await context.MassSummaries.AsNoTracking().Where(s => s.AnalysisId == analysis.Id).ToListAsync(cancellationToken);
        var results = await context.ChannelResults.AsNoTracking()
            .Where(r => r.AnalysisId == analysis.Id)
            .Select(r => new { r.DiscriminantOrdinal, r.MassKey, r.Channel, r.Outcome, r.Significance, r.Uncertainty })
            .ToListAsync(cancellationToken);

        var curves = analysis.Discriminants.OrderBy(d => d.Ordinal).Select(discriminant =>
        {
            var points = summaries
                .Where(s => s.DiscriminantOrdinal == discriminant.Ordinal)
                .OrderBy(s => s.Mass ?? double.NegativeInfinity)
                .Select(summary => new CurvePointResponse(
                    FiniteNumbers.OrNull(summary.Mass),
                    FiniteNumbers.OrNull(summary.Average),
                    FiniteNumbers.OrNull(summary.AverageUncertainty),
                    FiniteNumbers.OrNull(summary.Combined),
                    FiniteNumbers.OrNull(summary.CombinedUncertainty),
                    results
                        .Where(r => r.DiscriminantOrdinal == discriminant.Ordinal && r.MassKey == summary.MassKey)
                        .ToDictionary(
                            r => r.Channel,
                            r => new ChannelPointResponse(r.Outcome, FiniteNumbers.OrNull(r.Significance), FiniteNumbers.OrNull(r.Uncertainty)))))
                .ToList();
            return new CurveResponse(discriminant.Name, discriminant.Kind, FiniteNumbers.OrNull(discriminant.Area), discriminant.Rank, points);
        }).ToList();

        return new CurvesResponse(analysis.Id, ResultMasses(analysis), ResultChannels(analysis), curves);
    }

    /// <param name="mass">Invariant-culture number; null or empty for an analysis with a single hypothesis.</param>
    public async Task<HistogramResponse> GetHistogramAsync(
        AnalysisEntity analysis, string? discriminantName, string? channel, string? mass, CancellationToken cancellationToken)
    {
        EnsureSucceeded(analysis);
        if (string.IsNullOrEmpty(discriminantName))
        {
            throw RequestValidationException.For("discriminant", "missing-field",
                $"The discriminant query parameter is required; this analysis has {string.Join(", ", analysis.Discriminants.Select(d => d.Name))}.");
        }

        var discriminant = analysis.Discriminants.SingleOrDefault(d => d.Name == discriminantName)
            ?? throw RequestValidationException.For("discriminant", "unknown-discriminant",
                $"Discriminant '{discriminantName}' is not part of the analysis; it has {string.Join(", ", analysis.Discriminants.Select(d => d.Name))}.");
        if (string.IsNullOrEmpty(channel))
        {
            throw RequestValidationException.For("channel", "missing-field", "The channel query parameter is required.");
        }

        var massKey = ParseMassKey(mass);
        var result = await context.ChannelResults.AsNoTracking().SingleOrDefaultAsync(
                r => r.AnalysisId == analysis.Id && r.DiscriminantOrdinal == discriminant.Ordinal && r.Channel == channel && r.MassKey == massKey,
                cancellationToken)
            ?? throw new ResourceNotFoundException(
                $"No histogram for discriminant '{discriminant.Name}', channel '{channel}' and mass '{mass ?? "(none)"}' in analysis {analysis.Id}.");
        return HistogramResponse.From(discriminant.Name, result);
    }

    public async Task<IReadOnlyList<HistogramResponse>> GetAllHistogramsAsync(AnalysisEntity analysis, CancellationToken cancellationToken)
    {
        EnsureSucceeded(analysis);
        var names = analysis.Discriminants.ToDictionary(d => d.Ordinal, d => d.Name);
        var results = await context.ChannelResults.AsNoTracking().Where(r => r.AnalysisId == analysis.Id).ToListAsync(cancellationToken);
        return results
            .OrderBy(r => r.DiscriminantOrdinal)
            .ThenBy(r => r.Mass ?? double.NegativeInfinity)
            .ThenBy(r => r.Channel, StringComparer.Ordinal)
            .Select(r => HistogramResponse.From(names[r.DiscriminantOrdinal], r))
            .ToList();
    }

    private static string ParseMassKey(string? mass)
    {
        if (string.IsNullOrEmpty(mass))
        {
            return MassKeys.For(null);
        }

        if (!double.TryParse(mass, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw RequestValidationException.For("mass", "invalid-number", $"mass '{mass}' is not a number.");
        }

        return MassKeys.For(value);
    }

    private static void EnsureSucceeded(AnalysisEntity analysis)
    {
        if (analysis.Status != AnalysisStatus.Succeeded)
        {
            throw new ResourceConflictException(
                "analysis-not-finished",
                $"Analysis {analysis.Id} is {analysis.Status.ToString().ToLowerInvariant()}; results exist once it has succeeded.");
        }
    }

    private static IReadOnlyList<double?> ResultMasses(AnalysisEntity analysis) =>
        analysis.ResultMassesJson is null ? [] : FiniteNumbers.OrNull(StoredJson.Deserialize<List<double?>>(analysis.ResultMassesJson));

    private static IReadOnlyList<string> ResultChannels(AnalysisEntity analysis) =>
        analysis.ResultChannelsJson is null ? [] : StoredJson.Deserialize<List<string>>(analysis.ResultChannelsJson);
}
