using HnlService.Infrastructure.Persistence;
using HnlService.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HnlService.Infrastructure.Hosting;

/// <summary>
/// Runs <see cref="StoredFileSweeper"/> in the Api process once at start and then every
/// <see cref="Interval"/>, so files of deleted datasets and models are freed without an operator.
/// Only the Api sweeps, so workers never compete for the same files.
/// </summary>
public sealed partial class StoredFileSweepService(IServiceScopeFactory scopeFactory, StoredFileSweeper sweeper, ILogger<StoredFileSweepService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                await sweeper.SweepAsync(scope.ServiceProvider.GetRequiredService<HnlDbContext>(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed sweep only delays freeing disk space; the next one tries again.
                LogSweepFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 3403, Level = LogLevel.Warning, Message = "Sweeping the file store failed; retrying at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
