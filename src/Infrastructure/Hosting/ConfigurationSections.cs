namespace HnlService.Infrastructure.Hosting;

/// <summary>Configuration keys shared by the Api, the Worker and the tests.</summary>
public static class ConfigurationSections
{
    /// <summary>Name under ConnectionStrings; when set, the service runs in cluster mode on PostgreSQL.</summary>
    public const string PostgresConnectionName = "Postgres";

    /// <summary>Root key: folder holding the SQLite database (standalone) and the file store.</summary>
    public const string DataDirectory = "DataDirectory";

    public const string Upload = "Upload";

    public const string Auth = "Auth";

    public const string Hangfire = "Hangfire";

    public const string Jobs = "Jobs";

    public const string Scoring = "Scoring";
}
