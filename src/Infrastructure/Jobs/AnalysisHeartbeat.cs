using HnlService.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HnlService.Infrastructure.Jobs;

/// <summary>
/// Runs beside a claimed job on its own database context: every interval it writes stage and progress,
/// renews the lease and reads the cancel flag. It cancels the job's token when a cancel was requested or
/// the lease was lost (the analysis was deleted, or another worker took it over after an expiry).
/// </summary>
public sealed partial class AnalysisHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public AnalysisHeartbeat(
        IServiceScopeFactory scopeFactory,
        JobOptions options,
        Guid analysisId,
        string owner,
        ProgressTracker progress,
        ILogger logger)
    {
        Logger = logger;
        loop = Task.Run(() => BeatAsync(scopeFactory, options.HeartbeatInterval, analysisId, owner, progress));
    }

    /// <summary>Cancelled when the job must stop: a cancel request or a lost lease.</summary>
    public CancellationTokenSource JobCancellation { get; } = new();

    public bool CancelRequested { get; private set; }

    public bool LeaseLost { get; private set; }

    private ILogger Logger { get; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
        JobCancellation.Dispose();
    }

    private async Task BeatAsync(IServiceScopeFactory scopeFactory, TimeSpan interval, Guid analysisId, string owner, ProgressTracker progress)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<AnalysisLeases>();
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                if (await BeatOnceAsync(leases, analysisId, owner, progress))
                {
                    await JobCancellation.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The job finished and stopped the heartbeat.
        }
    }

    /// <summary>Returns true when the job must stop.</summary>
    private async Task<bool> BeatOnceAsync(AnalysisLeases leases, Guid analysisId, string owner, ProgressTracker progress)
    {
        try
        {
            var latest = progress.Latest;
            if (!await leases.RenewAsync(analysisId, owner, latest.Stage, latest.Fraction, stop.Token))
            {
                LeaseLost = true;
                return true;
            }

            CancelRequested = await leases.IsCancelRequestedAsync(analysisId, stop.Token);
            return CancelRequested;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A database hiccup: the next beat tries again, and the lease only lapses if beats keep failing.
            LogHeartbeatFailed(Logger, exception, analysisId);
            return false;
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Heartbeat of analysis {AnalysisId} failed; retrying at the next interval")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, Guid analysisId);
}
