namespace HnlService.Infrastructure.Hosting;

/// <summary>The process that registers the infrastructure, which decides whether it runs a Hangfire server.</summary>
public enum HangfireServerRole
{
    /// <summary>The web Api: runs a server in standalone mode, or in cluster mode when Hangfire:RunServerInApi is true.</summary>
    Api,

    /// <summary>A Worker process: always runs a server and requires cluster mode.</summary>
    Worker,
}
