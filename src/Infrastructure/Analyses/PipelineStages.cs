namespace HnlService.Infrastructure.Analyses;

/// <summary>Stage names reported in <see cref="AnalysisProgress"/> and the overall fraction at which each starts.</summary>
internal static class PipelineStages
{
    public const string Loading = "loading";

    public const string Scoring = "scoring";

    public const string Binning = "binning";

    public const double ScoringStart = 0.1;

    public const double BinningStart = 0.8;
}
