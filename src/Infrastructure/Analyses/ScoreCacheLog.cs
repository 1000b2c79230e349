using Microsoft.Extensions.Logging;

namespace HnlService.Infrastructure.Analyses;

/// <summary>Log events of the score cache (event ids 3100-3109).</summary>
internal static partial class ScoreCacheLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Score cache file {Path} rejected and deleted: {Reason}")]
    public static partial void FileRejected(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Score cache file {Path} could not be read; scoring again")]
    public static partial void ReadFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Score cache file {Path} could not be written; the next analysis scores again")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Score cache file {Path} could not be deleted")]
    public static partial void DeleteFailed(ILogger logger, Exception exception, string path);
}
