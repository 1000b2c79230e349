using HnlService.Api.Tests.Fixtures;
using HnlService.Infrastructure.Analyses;
using HnlService.Infrastructure.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HnlService.Api.Tests.Hosting;

/// <summary>The "Scoring" configuration section reaching the analysis pipeline, and its validation at start.</summary>
public sealed class ScoringSettingsTests
{
    [Fact]
    public async Task Pipeline_UsesConfiguredScoring()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scoring:BatchSize"] = "1000",
            ["Scoring:IntraOpThreads"] = "1",
        };
        await using var factory = new ApiFactory(postgresConnectionString: null, settings);

        var options = factory.Services.GetRequiredService<AnalysisPipelineOptions>();

        Assert.Equal(new ScoringOptions(BatchSize: 1000, IntraOpThreads: 1), options.Scoring);
    }

    [Fact]
    public async Task Start_Fails_WhenBatchSizeZero()
    {
        await using var factory = new ApiFactory(postgresConnectionString: null, new Dictionary<string, string?> { ["Scoring:BatchSize"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Scoring:BatchSize must be between 1 and 1048576 rows.", error.Message, StringComparison.Ordinal);
    }
}
