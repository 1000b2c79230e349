using HnlService.Infrastructure.Analyses;

namespace HnlService.Infrastructure.Tests.Analyses;

/// <summary>Hands each report to the callback on the reporting thread, in order.</summary>
public sealed class RecordingProgress(Action<AnalysisProgress> onReport) : IProgress<AnalysisProgress>
{
    public void Report(AnalysisProgress value) => onReport(value);
}
