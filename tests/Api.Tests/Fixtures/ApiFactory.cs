using HnlService.Infrastructure.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HnlService.Api.Tests.Fixtures;

/// <summary>
/// The Api on a TestServer with a temporary data directory. Cluster mode when a PostgreSQL connection
/// string is given, standalone SQLite otherwise. Settings and services can be overridden per test.
/// </summary>
public sealed class ApiFactory(
    string? postgresConnectionString,
    IDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null,
    string? dataDirectory = null)
    : WebApplicationFactory<Program>
{
    /// <summary>A fresh temporary folder, deleted on dispose, unless the caller passed its own.</summary>
    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), $"hnl-api-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(ConfigurationSections.DataDirectory, DataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (postgresConnectionString is not null)
        {
            builder.UseSetting($"ConnectionStrings:{ConfigurationSections.PostgresConnectionName}", postgresConnectionString);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (dataDirectory is null && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
