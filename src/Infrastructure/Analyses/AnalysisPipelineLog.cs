using Microsoft.Extensions.Logging;

namespace HnlService.Infrastructure.Analyses;

/// <summary>Log events of the analysis pipeline (event ids 3000-3019), one per stage boundary.</summary>
internal static partial class AnalysisPipelineLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Analysis of dataset {DatasetSha256} started with {DiscriminantCount} discriminants")]
    public static partial void Started(ILogger logger, string datasetSha256, int discriminantCount);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Loaded {RowCount} rows with {FeatureColumnCount} feature columns in {ElapsedMs} ms ({RowsPerSecond} rows/s); analysing {ChannelCount} channels and {MassCount} mass hypotheses")]
    public static partial void Loaded(ILogger logger, int rowCount, int featureColumnCount, long elapsedMs, long rowsPerSecond, int channelCount, int massCount);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information,
        Message = "Scored discriminant {Discriminant}: {RowCount} rows, {CacheHits} cache hits, in {ElapsedMs} ms ({RowsPerSecond} rows/s)")]
    public static partial void Scored(ILogger logger, string discriminant, long rowCount, long cacheHits, long elapsedMs, long rowsPerSecond);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information,
        Message = "Binned {EvaluationCount} (discriminant, mass, channel) combinations in {ElapsedMs} ms")]
    public static partial void Binned(ILogger logger, int evaluationCount, long elapsedMs);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information,
        Message = "Analysis of dataset {DatasetSha256} finished in {ElapsedMs} ms (loading {LoadingMs} ms, scoring {ScoringMs} ms, binning {BinningMs} ms)")]
    public static partial void Finished(ILogger logger, string datasetSha256, long elapsedMs, long loadingMs, long scoringMs, long binningMs);
}
