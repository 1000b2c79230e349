using HnlService.Api.Contracts;
using HnlService.Api.Errors;
using HnlService.Infrastructure.Jobs;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HnlService.Api.Analyses;

/// <summary>Creates, cancels and deletes analyses. The database row is written before the job is enqueued.</summary>
public sealed partial class AnalysisCommands(
    HnlDbContext context,
    AnalysisSpecValidator validator,
    AnalysisJobScheduler scheduler,
    TimeProvider time,
    ILogger<AnalysisCommands> logger)
{
    public async Task<AnalysisEntity> CreateAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var validated = await validator.ValidateAsync(request, cancellationToken);
        var analysis = new AnalysisEntity
        {
            Id = Guid.NewGuid(),
            Name = request.Name,
            DatasetId = validated.Spec.DatasetId,
            SpecJson = StoredJson.Serialize(validated.Spec),
            Status = AnalysisStatus.Queued,
            Stage = AnalysisStages.Queued,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            ShareToken = ShareTokens.Create(),
            Discriminants = validated.Discriminants.ToList(),
        };
        context.Analyses.Add(analysis);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The dataset or a model was deleted between validation and this insert, and the foreign key
            // stopped the row. Validating again reports which one, as for a request that came later.
            context.ChangeTracker.Clear();
            await validator.ValidateAsync(request, cancellationToken);
            throw;
        }

        // The row exists before the job does, so a job can never look for a missing analysis; a crash
        // between the two leaves a queued row that the standalone start-up enqueues again.
        analysis.HangfireJobId = scheduler.Enqueue(analysis.Id);
        await context.SaveChangesAsync(CancellationToken.None);
        LogCreated(analysis.Id, analysis.DatasetId, analysis.Discriminants.Count, analysis.HangfireJobId);
        return analysis;
    }

    /// <summary>
    /// Requests cancellation. A queued analysis becomes cancelled at once; a running one stops at the
    /// job's next heartbeat. Cancelling a finished analysis changes nothing.
    /// </summary>
    public async Task CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var requested = await context.Analyses
            .Where(a => a.Id == id && (a.Status == AnalysisStatus.Queued || a.Status == AnalysisStatus.Running))
            .ExecuteUpdateAsync(setters => setters.SetProperty(a => a.CancelRequested, true), cancellationToken);
        if (requested == 0 && !await context.Analyses.AnyAsync(a => a.Id == id, cancellationToken))
        {
            throw new ResourceNotFoundException($"Analysis {id} was not found.");
        }

        await context.Analyses
            .Where(a => a.Id == id && a.Status == AnalysisStatus.Queued)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(a => a.Status, AnalysisStatus.Cancelled)
                    .SetProperty(a => a.FinishedAt, now),
                cancellationToken);
        LogCancelRequested(id);
    }

    /// <summary>Deletes the analysis and its results; a job still running finds its lease gone and stops without writing.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var deleted = await context.Analyses.Where(a => a.Id == id).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            throw new ResourceNotFoundException($"Analysis {id} was not found.");
        }

        LogDeleted(id);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Analysis {AnalysisId} created on dataset {DatasetId} with {DiscriminantCount} discriminants as Hangfire job {JobId}")]
    private partial void LogCreated(Guid analysisId, Guid datasetId, int discriminantCount, string jobId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Cancellation of analysis {AnalysisId} requested")]
    private partial void LogCancelRequested(Guid analysisId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Analysis {AnalysisId} deleted")]
    private partial void LogDeleted(Guid analysisId);
}
