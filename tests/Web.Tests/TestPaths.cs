namespace HnlService.Web.Tests;

/// <summary>Locations of the repository, the Api build output and the test data.</summary>
public static class TestPaths
{
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HnlService.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName
            ?? throw new DirectoryNotFoundException($"No HnlService.sln above {AppContext.BaseDirectory}.");
    }

    public static string ApiProjectDirectory() => Path.Combine(RepositoryRoot(), "src", "Api");

    /// <summary>
    /// HnlService.Api.dll from the Api project's own build output, in the configuration these tests were
    /// built with (the test project references the Api, so building the tests builds it).
    /// </summary>
    public static string ApiAssembly()
    {
        var outputDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var targetFramework = outputDirectory.Name;
        var configuration = outputDirectory.Parent?.Name ?? "Debug";
        var path = Path.Combine(ApiProjectDirectory(), "bin", configuration, targetFramework, "HnlService.Api.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The Api is not built at {path}; run 'dotnet build tests/Web.Tests' first.", path);
    }

    public static string TestData(string fileName) => Path.Combine(AppContext.BaseDirectory, "TestData", fileName);

    public static string OutputFile(string folder, string fileName)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, folder);
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }
}
