using HnlService.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HnlService.Infrastructure.Persistence;

/// <summary>
/// Creates or upgrades the database at start. On PostgreSQL an advisory lock serialises the Api and every
/// Worker that start at the same time, so only one of them applies a migration.
/// </summary>
public sealed partial class DatabaseMigrator(HnlDbContext context, ServiceEnvironment environment, ILogger<DatabaseMigrator> logger)
{
    /// <summary>Arbitrary constant naming this service's migration lock among PostgreSQL advisory locks.</summary>
    private const long MigrationLockKey = 0x484E4C_4D494752;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (environment.Mode == ServiceMode.Standalone)
        {
            Directory.CreateDirectory(environment.DataDirectory);
            await context.Database.MigrateAsync(cancellationToken);
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            LogMigrated(environment.Mode);
            return;
        }

        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await context.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                await context.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await context.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }

        LogMigrated(environment.Mode);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database migrated and ready in {Mode} mode")]
    private partial void LogMigrated(ServiceMode mode);
}
