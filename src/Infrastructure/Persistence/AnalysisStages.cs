namespace HnlService.Infrastructure.Persistence;

/// <summary>Stage names stored with an analysis; the pipeline reports loading, scoring and binning itself.</summary>
public static class AnalysisStages
{
    public const string Queued = "queued";

    public const string Loading = "loading";

    public const string Scoring = "scoring";

    public const string Binning = "binning";

    public const string Saving = "saving";

    public const string Done = "done";
}
