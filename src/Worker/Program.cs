using HnlService.Infrastructure;
using HnlService.Infrastructure.Hosting;

namespace HnlService.Worker;

/// <summary>
/// A Hangfire server for analysis jobs in cluster mode; it needs ConnectionStrings:Postgres and the same
/// DataDirectory as the Api. A named class rather than top-level statements, so that its Program type does
/// not clash with the Api's in test projects that reference both.
/// </summary>
public static class WorkerProgram
{
    public static void Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddInfrastructureServices(builder.Configuration, HangfireServerRole.Worker);

        using var host = builder.Build();
        host.Run();
    }
}
