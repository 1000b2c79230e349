using System.Data.Common;
using System.Diagnostics;
using Hangfire;
using HnlService.Infrastructure.Datasets;
using HnlService.Infrastructure.Hosting;
using HnlService.Infrastructure.Models;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HnlService.Infrastructure.Jobs;

/// <summary>
/// The Hangfire job that runs one analysis. Its only argument is the analysis id: everything else is read
/// from the database. Hangfire may deliver the same job twice (a retry, or a re-fetch after the storage's
/// invisibility timeout while the first worker still runs); the row claim in <see cref="AnalysisLeases"/>
/// makes the body run once, and <see cref="AnalysisResultWriter"/> replaces any partial results in one
/// transaction, so a retry starts from a clean slate.
/// </summary>
public sealed partial class AnalysisJob(
    HnlDbContext context,
    AnalysisLeases leases,
    AnalysisPlanBuilder planBuilder,
    IAnalysisRunner runner,
    AnalysisResultWriter resultWriter,
    IServiceScopeFactory scopeFactory,
    IOptions<JobOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<AnalysisJob> logger)
{
    private readonly JobOptions options = options.Value;

    /// <param name="hangfireToken">
    /// Not observed: Hangfire also cancels it when a re-delivery of the same job starts on another worker,
    /// and this job must then keep running under its lease. Only the host's shutdown stops the job.
    /// </param>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 15, 30])]
    public async Task RunAsync(Guid analysisId, CancellationToken hangfireToken)
    {
        var cancellationToken = lifetime.ApplicationStopping;
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        var attempt = await ClaimOrWaitAsync(analysisId, owner, cancellationToken);
        if (attempt is not { } claimedAttempt)
        {
            return;
        }

        LogStarted(analysisId, claimedAttempt);
        try
        {
            await RunClaimedAsync(analysisId, owner, cancellationToken);
        }
        catch (Exception exception) when (IsExpected(exception))
        {
            LogFailed(analysisId, exception.Message);
            await leases.FinishAsync(analysisId, owner, AnalysisStatus.Failed, ToError(exception), CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is shutting down: hand the analysis back so the next delivery claims it at once.
            LogReleased(analysisId);
            await leases.ReleaseAsync(analysisId, owner, CancellationToken.None);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await HandleUnexpectedAsync(analysisId, owner, claimedAttempt, exception);
            throw;
        }
    }

    private async Task RunClaimedAsync(Guid analysisId, string owner, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var analysis = await context.Analyses.AsNoTracking().Include(a => a.Discriminants).SingleAsync(a => a.Id == analysisId, cancellationToken);
        var plan = await planBuilder.BuildAsync(analysis, cancellationToken);

        var progress = new ProgressTracker();
        Analyses.AnalysisOutcome outcome;
        await using (var heartbeat = new AnalysisHeartbeat(scopeFactory, options, analysisId, owner, progress, logger))
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, heartbeat.JobCancellation.Token);
            try
            {
                outcome = await runner.RunAsync(plan, progress, linked.Token);
            }
            catch (OperationCanceledException) when (heartbeat.CancelRequested && !cancellationToken.IsCancellationRequested)
            {
                await leases.FinishAsync(analysisId, owner, AnalysisStatus.Cancelled, null, CancellationToken.None);
                LogCancelled(analysisId, stopwatch.ElapsedMilliseconds);
                return;
            }
            catch (OperationCanceledException) when (heartbeat.LeaseLost && !cancellationToken.IsCancellationRequested)
            {
                await LogLeaseLostAsync(analysisId);
                return;
            }
        }

        if (!await resultWriter.WriteAsync(analysisId, owner, outcome, cancellationToken))
        {
            await LogLeaseLostAsync(analysisId);
            return;
        }

        var timings = outcome.Timings;
        LogSucceeded(analysisId, stopwatch.ElapsedMilliseconds, timings.LoadingMs, timings.ScoringMs, timings.BinningMs);
    }

    // A lease is lost either because a user deleted the analysis, which is routine, or because another
    // worker took it over after this one stalled, which deserves a warning.
    private async Task LogLeaseLostAsync(Guid analysisId)
    {
        bool deleted;
        try
        {
            deleted = await leases.ReadStateAsync(analysisId, CancellationToken.None) is null;
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            // Only the wording of the log line depends on this query, so a database error does not fail the job.
            deleted = false;
        }

        if (deleted)
        {
            LogDeletedWhileRunning(analysisId);
            return;
        }

        LogLeaseLost(analysisId);
    }

    /// <summary>
    /// Claims the analysis, waiting while another worker holds a live lease on it. Returns the attempt
    /// number, or null when there is nothing to run: finished, deleted, cancelled or out of attempts.
    /// </summary>
    private async Task<int?> ClaimOrWaitAsync(Guid analysisId, string owner, CancellationToken cancellationToken)
    {
        var loggedWait = false;
        while (true)
        {
            if (await leases.TryClaimAsync(analysisId, owner, cancellationToken) is { } attempt)
            {
                return attempt;
            }

            var state = await leases.ReadStateAsync(analysisId, cancellationToken);
            if (state is null || state.IsFinal)
            {
                LogNothingToDo(analysisId, state?.Status.ToString() ?? "deleted");
                return null;
            }

            if (!state.HasLiveLease(time.GetUtcNow().UtcDateTime))
            {
                await FinishUnclaimableAsync(analysisId, state, cancellationToken);
                return null;
            }

            // Another worker runs it. Keep this delivery alive so it can take over if that worker dies.
            if (!loggedWait)
            {
                LogWaitingForLease(analysisId, state.LeaseOwner ?? "unknown");
                loggedWait = true;
            }

            await Task.Delay(options.HeartbeatInterval * 2, time, cancellationToken);
        }
    }

    private async Task FinishUnclaimableAsync(Guid analysisId, AnalysisState state, CancellationToken cancellationToken)
    {
        if (state.CancelRequested)
        {
            await leases.FinishUnclaimedAsync(analysisId, AnalysisStatus.Cancelled, null, cancellationToken);
            LogCancelled(analysisId, 0);
            return;
        }

        var error = new AnalysisError(
            "attempts-exhausted",
            "Analysis failed",
            $"The analysis did not finish in {state.Attempt} attempts; the worker logs name the cause.");
        await leases.FinishUnclaimedAsync(analysisId, AnalysisStatus.Failed, error, cancellationToken);
        LogGaveUp(analysisId, state.Attempt);
    }

    private async Task HandleUnexpectedAsync(Guid analysisId, string owner, int attempt, Exception exception)
    {
        if (attempt < options.MaxAttempts)
        {
            LogWillRetry(exception, analysisId, attempt);
            await leases.ReleaseAsync(analysisId, owner, CancellationToken.None);
            return;
        }

        LogGaveUpWithError(exception, analysisId, attempt);
        var error = new AnalysisError("internal-error", "Analysis failed", $"{exception.GetType().Name}: {exception.Message}");
        await leases.FinishAsync(analysisId, owner, AnalysisStatus.Failed, error, CancellationToken.None);
    }

    private static bool IsExpected(Exception exception) =>
        exception is DatasetValidationException or ModelValidationException
        || (exception is ArgumentException && exception is not ArgumentNullException);

    private static AnalysisError ToError(Exception exception) => exception switch
    {
        DatasetValidationException dataset => new AnalysisError(dataset.Code, "Invalid dataset", dataset.Message),
        ModelValidationException model => new AnalysisError(model.Code, "Invalid model", model.Message),
        _ => new AnalysisError("invalid-analysis", "Invalid analysis", exception.Message),
    };
}
