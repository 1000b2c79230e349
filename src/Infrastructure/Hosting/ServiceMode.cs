namespace HnlService.Infrastructure.Hosting;

/// <summary>How the service stores its state and where jobs run.</summary>
public enum ServiceMode
{
    /// <summary>SQLite and files under the data directory, Hangfire in memory, jobs inside the Api process.</summary>
    Standalone,

    /// <summary>PostgreSQL for data and Hangfire; any number of Worker processes share it and the data directory.</summary>
    Cluster,
}
