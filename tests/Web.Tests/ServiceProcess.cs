using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HnlService.Web.Tests;

/// <summary>
/// The real Api, started as a child process in standalone mode (SQLite, in-memory Hangfire) on a free
/// loopback port with its own temporary data directory. Disposing it kills that process by its id.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServiceProcess(Process process, StreamWriter log, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    /// <summary>Starts the Api built next to these tests and waits until GET /health returns 200.</summary>
    public static async Task<ServiceProcess> StartAsync(string logPath)
    {
        var apiDll = TestPaths.ApiAssembly();
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var dataDirectory = Directory.CreateTempSubdirectory("hnl-web-tests-").FullName;

        var startInfo = new ProcessStartInfo("dotnet")
        {
            // The content root is the Api project folder, so the committed wwwroot is what gets served.
            WorkingDirectory = TestPaths.ApiProjectDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(apiDll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        startInfo.Environment["DataDirectory"] = dataDirectory;
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Standalone mode even on a machine where a PostgreSQL connection string is configured.
        startInfo.Environment.Remove("ConnectionStrings__Postgres");
        startInfo.Environment.Remove("Auth__ApiKeys__0");

        var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Starting 'dotnet {apiDll}' failed.");
        process.OutputDataReceived += (_, line) => WriteLine(log, line.Data);
        process.ErrorDataReceived += (_, line) => WriteLine(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var service = new ServiceProcess(process, log, baseAddress, dataDirectory);
        await service.WaitUntilHealthyAsync(logPath);
        return service;
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilHealthyAsync(string logPath)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The Api exited with code {_process.ExitCode} before it was healthy; its output is in {logPath}.");
            }
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // The request timed out while the service was still starting.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"GET /health did not return 200 within {StartTimeout.TotalSeconds} s; the Api's output is in {logPath}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
        TryDeleteDataDirectory();
    }

    private void TryDeleteDataDirectory()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; the operating system cleans /tmp.
        }
    }
}
