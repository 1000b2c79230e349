using HnlService.Infrastructure.Jobs;
using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HnlService.Infrastructure.Hosting;

/// <summary>
/// Runs before the Hangfire server starts: migrates the database and, in standalone mode, enqueues again
/// every analysis left queued or running by a stop, because the in-memory Hangfire storage lost them and
/// the database is the record of what was requested.
/// </summary>
public sealed partial class StartupTasks(IServiceScopeFactory scopeFactory, ServiceEnvironment environment, HangfireServerRole role, ILogger<StartupTasks> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(environment.FilesDirectory);
        LogStarting(environment.Mode, role, environment.DataDirectory);

        await using var scope = scopeFactory.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);

        if (environment.Mode == ServiceMode.Standalone)
        {
            await RequeueUnfinishedAsync(scope.ServiceProvider, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RequeueUnfinishedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var context = services.GetRequiredService<HnlDbContext>();
        var scheduler = services.GetRequiredService<AnalysisJobScheduler>();
        var unfinished = await context.Analyses
            .Where(a => a.Status == AnalysisStatus.Queued || a.Status == AnalysisStatus.Running)
            .ToListAsync(cancellationToken);

        foreach (var analysis in unfinished)
        {
            analysis.Status = AnalysisStatus.Queued;
            analysis.Stage = AnalysisStages.Queued;
            analysis.Progress = 0;
            analysis.LeaseOwner = null;
            analysis.LeaseExpiresAt = null;
            analysis.HangfireJobId = scheduler.Enqueue(analysis.Id);
        }

        await context.SaveChangesAsync(cancellationToken);
        if (unfinished.Count > 0)
        {
            LogRequeued(unfinished.Count);
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Starting in {Mode} mode as {Role}; data directory {DataDirectory}")]
    private partial void LogStarting(ServiceMode mode, HangfireServerRole role, string dataDirectory);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Enqueued {Count} analyses left unfinished by the previous run")]
    private partial void LogRequeued(int count);
}
