namespace HnlService.Api.Tests.Fixtures;

/// <summary>Paths of the test data copied to the output folder, and of the built Worker.</summary>
public static class TestFiles
{
    public static string Synthetic(string relativePath) => Path.Combine(AppContext.BaseDirectory, "TestData", "hnl-like-60k", relativePath);

    /// <summary>The Worker assembly built with the same configuration as this test assembly.</summary>
    public static string WorkerAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "HnlService.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"HnlService.sln was not found above {AppContext.BaseDirectory}.");
        }

        return Path.Combine(root.FullName, "src", "Worker", "bin", configuration, framework, "HnlService.Worker.dll");
    }
}
