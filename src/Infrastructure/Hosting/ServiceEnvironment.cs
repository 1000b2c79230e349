using Microsoft.Extensions.Configuration;

namespace HnlService.Infrastructure.Hosting;

/// <summary>
/// The mode and folders resolved once from configuration. DataDirectory defaults to ./data relative to
/// the current directory, so `dotnet run --project src/Api` keeps its state next to where it was started.
/// </summary>
public sealed record ServiceEnvironment(ServiceMode Mode, string? PostgresConnectionString, string DataDirectory)
{
    public const string DefaultDataDirectory = "data";

    public const string SqliteFileName = "hnlservice.db";

    public const string FilesFolderName = "files";

    public string FilesDirectory => Path.Combine(DataDirectory, FilesFolderName);

    public string SqlitePath => Path.Combine(DataDirectory, SqliteFileName);

    public static ServiceEnvironment FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConfigurationSections.PostgresConnectionName);
        var dataDirectory = configuration[ConfigurationSections.DataDirectory];
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            dataDirectory = DefaultDataDirectory;
        }

        var mode = string.IsNullOrWhiteSpace(connectionString) ? ServiceMode.Standalone : ServiceMode.Cluster;
        return new ServiceEnvironment(mode, mode == ServiceMode.Cluster ? connectionString : null, Path.GetFullPath(dataDirectory));
    }
}
