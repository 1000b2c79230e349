using HnlService.Domain.Analysis;
using HnlService.Infrastructure.Analyses;
using HnlService.Infrastructure.Jobs;

namespace HnlService.Api.Tests.Fixtures;

/// <summary>
/// Stands in for the pipeline in tests of job bookkeeping: it reports progress, waits the given time while
/// honouring cancellation, counts its runs and returns a fixed one-bin outcome for the plan's discriminants.
/// </summary>
public sealed class FakeAnalysisRunner(TimeSpan duration, double significance = 2.0) : IAnalysisRunner
{
    private int runs;

    public int Runs => Volatile.Read(ref runs);

    public async Task<AnalysisOutcome> RunAsync(AnalysisPlan plan, IProgress<AnalysisProgress> progress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref runs);
        var steps = 10;
        for (var step = 0; step < steps; step++)
        {
            progress.Report(new AnalysisProgress("scoring", step / (double)steps));
            await Task.Delay(duration / steps, cancellationToken);
        }

        var channels = plan.Channels ?? SeededData.Channels;
        var masses = (plan.Masses ?? SeededData.Masses).Select(m => (double?)m).ToList();
        var result = new ChannelResult(ChannelOutcome.Ok, [0, 1], [3], [4], [0.5], [0.25], significance, 0.1);
        var discriminants = plan.Discriminants
            .Select(d => new DiscriminantOutcome(
                d.Name,
                masses.Select(m => new MassOutcome(m, channels.ToDictionary(c => c, _ => result), new MassSummary(significance, 0.1, significance, 0.1, channels.Count))).ToList(),
                significance))
            .ToList();
        return new AnalysisOutcome(channels, masses, discriminants, new AnalysisTimings(1, 2, 3));
    }
}
