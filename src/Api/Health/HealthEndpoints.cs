using HnlService.Infrastructure.Hosting;
using HnlService.Infrastructure.Persistence;

namespace HnlService.Api.Health;

/// <summary>GET /health: the database answers and the file store accepts a write.</summary>
public static partial class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", CheckAsync).WithTags("Health").WithSummary("Database and storage reachability");
        return routes;
    }

    private static async Task<IResult> CheckAsync(HnlDbContext context, ServiceEnvironment environment, ILogger<HealthReport> logger, CancellationToken cancellationToken)
    {
        var database = await CanConnectAsync(context, logger, cancellationToken);
        var storage = await CanWriteAsync(environment.FilesDirectory, logger, cancellationToken);
        var healthy = database && storage;
        var report = new HealthReport(healthy ? "Healthy" : "Unhealthy", database ? "ok" : "unreachable", storage ? "ok" : "not-writable");
        return TypedResults.Json(report, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<bool> CanConnectAsync(HnlDbContext context, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogDatabaseUnreachable(logger, exception);
            return false;
        }
    }

    private static async Task<bool> CanWriteAsync(string directory, ILogger logger, CancellationToken cancellationToken)
    {
        var probe = Path.Combine(directory, $".health-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogStorageNotWritable(logger, exception, directory);
            return false;
        }
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Health check: database unreachable")]
    private static partial void LogDatabaseUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Health check: storage folder {Directory} is not writable")]
    private static partial void LogStorageNotWritable(ILogger logger, Exception exception, string directory);
}

/// <summary>Body of GET /health.</summary>
public sealed record HealthReport(string Status, string Database, string Storage);
