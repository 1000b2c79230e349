using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HnlService.Api.Tests.Fixtures;

/// <summary>
/// A throwaway PostgreSQL cluster made with initdb and pg_ctl from the machine's binaries (PATH or
/// /usr/lib/postgresql/*/bin), listening on 127.0.0.1 and a free port, removed when the tests end.
/// initdb refuses to run as root, so as root the cluster belongs to the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"hnl-pg-{Guid.NewGuid():N}");
    private string binDirectory = string.Empty;
    private int port;
    private int databaseCounter;

    public string AdminConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";

    public async Task InitializeAsync()
    {
        binDirectory = FindBinDirectory();
        port = FreePort();
        Directory.CreateDirectory(directory);
        var dataDirectory = Path.Combine(directory, "data");
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres:postgres", directory], asPostgres: false);
        }

        await RunAsync(Path.Combine(binDirectory, "initdb"), ["-U", "postgres", "--auth=trust", "-E", "UTF8", "-D", dataDirectory], asPostgres: true);
        await RunAsync(Path.Combine(binDirectory, "pg_ctl"),
            ["start", "-w", "-D", dataDirectory, "-l", Path.Combine(directory, "server.log"),
             "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off"],
            asPostgres: true);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["stop", "-m", "immediate", "-D", Path.Combine(directory, "data")], asPostgres: true);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, int maxPoolSize = 100)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Interlocked.Increment(ref databaseCounter)}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return $"Host=127.0.0.1;Port={port};Username=postgres;Database={name};Maximum Pool Size={maxPoolSize}";
    }

    private static string FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin; install the postgresql package.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres && Environment.UserName == "root")
        {
            start.FileName = "runuser";
            foreach (var argument in new[] { "-u", "postgres", "--", fileName }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = fileName;
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output} {await error}");
        }
    }
}
