using HnlService.Infrastructure.Hosting;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HnlService.Infrastructure.Jobs;

/// <summary>
/// Row-level claims on analyses. A claim succeeds only on a queued analysis or on a running one whose
/// lease has expired, in one conditional UPDATE, so two workers handed the same Hangfire job cannot
/// both run it: the second one sees a live lease.
/// </summary>
public sealed class AnalysisLeases(HnlDbContext context, IOptions<JobOptions> options, TimeProvider time)
{
    private readonly JobOptions options = options.Value;

    private DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>Returns the attempt number of the new claim, or null when the analysis cannot be claimed now.</summary>
    public async Task<int?> TryClaimAsync(Guid analysisId, string owner, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var expires = now + options.LeaseDuration;
        var maxAttempts = options.MaxAttempts;

        var claimed = await context.Analyses
            .Where(a => a.Id == analysisId && !a.CancelRequested && a.Attempt < maxAttempts)
            .Where(a => a.Status == AnalysisStatus.Queued || (a.Status == AnalysisStatus.Running && a.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(a => a.Status, AnalysisStatus.Running)
                    .SetProperty(a => a.Attempt, a => a.Attempt + 1)
                    .SetProperty(a => a.LeaseOwner, owner)
                    .SetProperty(a => a.LeaseExpiresAt, expires)
                    .SetProperty(a => a.StartedAt, now)
                    .SetProperty(a => a.FinishedAt, (DateTime?)null)
                    .SetProperty(a => a.Stage, AnalysisStages.Loading)
                    .SetProperty(a => a.Progress, 0.0)
                    .SetProperty(a => a.ErrorCode, (string?)null)
                    .SetProperty(a => a.ErrorTitle, (string?)null)
                    .SetProperty(a => a.ErrorDetail, (string?)null),
                cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        return await context.Analyses.Where(a => a.Id == analysisId).Select(a => a.Attempt).SingleAsync(cancellationToken);
    }

    public Task<AnalysisState?> ReadStateAsync(Guid analysisId, CancellationToken cancellationToken) =>
        context.Analyses
            .Where(a => a.Id == analysisId)
            .Select(a => new AnalysisState(a.Status, a.CancelRequested, a.Attempt, a.LeaseOwner, a.LeaseExpiresAt))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Writes progress and extends the lease; returns false when this owner no longer holds it.</summary>
    public async Task<bool> RenewAsync(Guid analysisId, string owner, string stage, double progress, CancellationToken cancellationToken)
    {
        var expires = UtcNow + options.LeaseDuration;
        var renewed = await context.Analyses
            .Where(a => a.Id == analysisId && a.LeaseOwner == owner && a.Status == AnalysisStatus.Running)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(a => a.LeaseExpiresAt, expires)
                    .SetProperty(a => a.Stage, stage)
                    .SetProperty(a => a.Progress, progress),
                cancellationToken);
        return renewed == 1;
    }

    public Task<bool> IsCancelRequestedAsync(Guid analysisId, CancellationToken cancellationToken) =>
        context.Analyses.Where(a => a.Id == analysisId).Select(a => a.CancelRequested).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Puts a claimed analysis back in the queue, for a retry or after a shutdown.</summary>
    public Task ReleaseAsync(Guid analysisId, string owner, CancellationToken cancellationToken) =>
        context.Analyses
            .Where(a => a.Id == analysisId && a.LeaseOwner == owner && a.Status == AnalysisStatus.Running)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(a => a.Status, AnalysisStatus.Queued)
                    .SetProperty(a => a.Stage, AnalysisStages.Queued)
                    .SetProperty(a => a.LeaseOwner, (string?)null)
                    .SetProperty(a => a.LeaseExpiresAt, (DateTime?)null),
                cancellationToken);

    /// <summary>Ends a claimed analysis as cancelled or failed.</summary>
    public Task<int> FinishAsync(Guid analysisId, string owner, AnalysisStatus status, AnalysisError? error, CancellationToken cancellationToken) =>
        Finish(context.Analyses.Where(a => a.Id == analysisId && a.LeaseOwner == owner && a.Status == AnalysisStatus.Running), status, error, cancellationToken);

    /// <summary>Ends an analysis that no worker holds: queued, or running with an expired lease.</summary>
    public Task<int> FinishUnclaimedAsync(Guid analysisId, AnalysisStatus status, AnalysisError? error, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var unclaimed = context.Analyses
            .Where(a => a.Id == analysisId)
            .Where(a => a.Status == AnalysisStatus.Queued || (a.Status == AnalysisStatus.Running && a.LeaseExpiresAt < now));
        return Finish(unclaimed, status, error, cancellationToken);
    }

    // The stage is left as it was, so a failed or cancelled analysis shows where it stopped (for example
    // "scoring" at 55%). Only a success moves it to "done".
    private Task<int> Finish(IQueryable<AnalysisEntity> analyses, AnalysisStatus status, AnalysisError? error, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var code = error?.Code;
        var title = error?.Title;
        var detail = error?.Detail;
        return analyses.ExecuteUpdateAsync(
            setters => setters
                .SetProperty(a => a.Status, status)
                .SetProperty(a => a.FinishedAt, now)
                .SetProperty(a => a.LeaseOwner, (string?)null)
                .SetProperty(a => a.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(a => a.ErrorCode, code)
                .SetProperty(a => a.ErrorTitle, title)
                .SetProperty(a => a.ErrorDetail, detail),
            cancellationToken);
    }
}
