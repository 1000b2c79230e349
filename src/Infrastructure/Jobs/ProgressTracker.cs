using HnlService.Infrastructure.Analyses;

namespace HnlService.Infrastructure.Jobs;

/// <summary>Keeps the latest progress report; the heartbeat writes it to the database at its own pace.</summary>
public sealed class ProgressTracker : IProgress<AnalysisProgress>
{
    private AnalysisProgress latest = new(Persistence.AnalysisStages.Loading, 0);

    public AnalysisProgress Latest => Volatile.Read(ref latest);

    public void Report(AnalysisProgress value)
    {
        var fraction = double.IsFinite(value.Fraction) ? Math.Clamp(value.Fraction, 0, 1) : 0;
        Volatile.Write(ref latest, value with { Fraction = fraction });
    }
}
