using System.Diagnostics;
using HnlService.Domain.Analysis;
using HnlService.Infrastructure.Analyses;
using HnlService.Infrastructure.Hosting;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HnlService.Infrastructure.Jobs;

/// <summary>
/// Writes all results of an analysis in one transaction: delete whatever an earlier attempt left, insert
/// every row, then mark the analysis succeeded. A worker that dies before the commit leaves nothing behind.
/// </summary>
public sealed class AnalysisResultWriter(HnlDbContext context, IOptions<JobOptions> options, TimeProvider time)
{
    /// <summary>Returns false, writing nothing, when this owner no longer holds the analysis.</summary>
    public async Task<bool> WriteAsync(Guid analysisId, string owner, AnalysisOutcome outcome, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);

        // Re-checking the lease inside the transaction also locks the row on PostgreSQL until the commit.
        var leaseExpires = time.GetUtcNow().UtcDateTime + options.Value.LeaseDuration;
        var owned = await context.Analyses
            .Where(a => a.Id == analysisId && a.LeaseOwner == owner && a.Status == AnalysisStatus.Running)
            .ExecuteUpdateAsync(
                setters => setters.SetProperty(a => a.Stage, AnalysisStages.Saving).SetProperty(a => a.LeaseExpiresAt, leaseExpires),
                cancellationToken);
        if (owned == 0)
        {
            return false;
        }

        await context.ChannelResults.Where(r => r.AnalysisId == analysisId).ExecuteDeleteAsync(cancellationToken);
        await context.MassSummaries.Where(s => s.AnalysisId == analysisId).ExecuteDeleteAsync(cancellationToken);

        var discriminants = await context.AnalysisDiscriminants
            .Where(d => d.AnalysisId == analysisId)
            .OrderBy(d => d.Ordinal)
            .ToListAsync(cancellationToken);
        AddResultRows(analysisId, outcome, discriminants);
        await context.SaveChangesAsync(cancellationToken);

        await MarkSucceededAsync(analysisId, outcome, stopwatch.ElapsedMilliseconds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private void AddResultRows(Guid analysisId, AnalysisOutcome outcome, List<AnalysisDiscriminantEntity> discriminants)
    {
        var ranks = outcome.Discriminants
            .OrderByDescending(d => double.IsFinite(d.Area) ? d.Area : double.NegativeInfinity)
            .Select((d, index) => (d.Name, Rank: index + 1))
            .ToDictionary(pair => pair.Name, pair => pair.Rank, StringComparer.Ordinal);

        foreach (var discriminantOutcome in outcome.Discriminants)
        {
            var discriminant = discriminants.SingleOrDefault(d => d.Name == discriminantOutcome.Name)
                ?? throw new InvalidOperationException(
                    $"The pipeline returned discriminant '{discriminantOutcome.Name}', which analysis {analysisId} does not have.");
            discriminant.Area = discriminantOutcome.Area;
            discriminant.Rank = ranks[discriminantOutcome.Name];

            foreach (var mass in discriminantOutcome.Masses)
            {
                AddMassRows(analysisId, discriminant.Ordinal, mass);
            }
        }
    }

    private void AddMassRows(Guid analysisId, int ordinal, MassOutcome mass)
    {
        var massKey = MassKeys.For(mass.Mass);
        foreach (var (channel, result) in mass.Channels)
        {
            context.ChannelResults.Add(ToEntity(analysisId, ordinal, channel, mass.Mass, massKey, result));
        }

        context.MassSummaries.Add(new MassSummaryEntity
        {
            AnalysisId = analysisId,
            DiscriminantOrdinal = ordinal,
            Mass = mass.Mass,
            MassKey = massKey,
            Average = mass.Summary?.Average,
            AverageUncertainty = mass.Summary?.AverageUncertainty,
            Combined = mass.Summary?.Combined,
            CombinedUncertainty = mass.Summary?.CombinedUncertainty,
            Channels = mass.Summary?.Channels ?? 0,
        });
    }

    private static ChannelResultEntity ToEntity(Guid analysisId, int ordinal, string channel, double? mass, string massKey, ChannelResult result) => new()
    {
        AnalysisId = analysisId,
        DiscriminantOrdinal = ordinal,
        Channel = channel,
        Mass = mass,
        MassKey = massKey,
        Outcome = SpecNames.OutcomeName(result.Outcome),
        Edges = result.Edges,
        Signal = result.Signal,
        Background = result.Background,
        SignalError = result.SignalError,
        BackgroundError = result.BackgroundError,
        Significance = result.Significance,
        Uncertainty = result.Uncertainty,
    };

    private Task<int> MarkSucceededAsync(Guid analysisId, AnalysisOutcome outcome, long savingMs, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var channelsJson = StoredJson.Serialize(outcome.Channels);
        var massesJson = StoredJson.Serialize(outcome.Masses);
        var timings = outcome.Timings;
        return context.Analyses
            .Where(a => a.Id == analysisId)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(a => a.Status, AnalysisStatus.Succeeded)
                    .SetProperty(a => a.Stage, AnalysisStages.Done)
                    .SetProperty(a => a.Progress, 1.0)
                    .SetProperty(a => a.FinishedAt, now)
                    .SetProperty(a => a.LoadingMs, timings.LoadingMs)
                    .SetProperty(a => a.ScoringMs, timings.ScoringMs)
                    .SetProperty(a => a.BinningMs, timings.BinningMs)
                    .SetProperty(a => a.SavingMs, savingMs)
                    .SetProperty(a => a.ResultChannelsJson, channelsJson)
                    .SetProperty(a => a.ResultMassesJson, massesJson)
                    .SetProperty(a => a.LeaseOwner, (string?)null)
                    .SetProperty(a => a.LeaseExpiresAt, (DateTime?)null),
                cancellationToken);
    }
}
