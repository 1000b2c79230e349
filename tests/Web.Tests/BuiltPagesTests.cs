namespace HnlService.Web.Tests;

/// <summary>
/// The committed wwwroot is the output of web/build.mjs. These checks catch an edit made to the
/// output alone, or sources changed without rebuilding, either of which would make the two disagree.
/// </summary>
public sealed class BuiltPagesTests
{
    [Fact]
    public void Wwwroot_MatchesWebSources_ForEveryPageFile()
    {
        var sourceRoot = Path.Combine(TestPaths.RepositoryRoot(), "web", "src");
        var outputRoot = Path.Combine(TestPaths.ApiProjectDirectory(), "wwwroot");
        var sources = Directory.GetFiles(sourceRoot, "*", SearchOption.AllDirectories);

        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var relative = Path.GetRelativePath(sourceRoot, source);
            var output = Path.Combine(outputRoot, relative);
            Assert.True(File.Exists(output), $"{relative} is in web/src but not in wwwroot: run 'npm run build' in web/.");
            Assert.True(
                File.ReadAllBytes(source).AsSpan().SequenceEqual(File.ReadAllBytes(output)),
                $"wwwroot/{relative} differs from web/src/{relative}: edit web/src and run 'npm run build' in web/.");
        }
    }

    [Fact]
    public void Wwwroot_ContainsOnlySourcesAndChartJs()
    {
        var sourceRoot = Path.Combine(TestPaths.RepositoryRoot(), "web", "src");
        var outputRoot = Path.Combine(TestPaths.ApiProjectDirectory(), "wwwroot");

        var extra = Directory.GetFiles(outputRoot, "*", SearchOption.AllDirectories)
            .Select(output => Path.GetRelativePath(outputRoot, output))
            .Where(relative => !relative.StartsWith("vendor" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(relative => !File.Exists(Path.Combine(sourceRoot, relative)))
            .ToList();

        Assert.Empty(extra);
        Assert.True(File.Exists(Path.Combine(outputRoot, "vendor", "chart.umd.min.js")));
    }
}
