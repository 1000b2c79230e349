using System.Diagnostics;

namespace HnlService.Api.Tests.Fixtures;

/// <summary>The built Worker started as a child process against a test database; killed with its process tree on dispose.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process process;

    public WorkerProcess(string connectionString, string dataDirectory, IDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(TestFiles.WorkerAssembly());
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["DataDirectory"] = dataDirectory;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("The Worker process did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
