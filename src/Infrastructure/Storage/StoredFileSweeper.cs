using HnlService.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HnlService.Infrastructure.Storage;

/// <summary>
/// Removes stored files that no dataset or model row references, and score cache folders of datasets and
/// models no longer stored, once they have been untouched for <see cref="Grace"/>. Deleting a row therefore frees
/// its file at the latest on the first sweep after the grace period.
/// </summary>
public sealed partial class StoredFileSweeper(FileStore store, string scoreCacheDirectory, ILogger<StoredFileSweeper> logger)
{
    /// <summary>
    /// An estimate: far longer than an upload takes from reusing a stored file to storing its row, so a
    /// file an upload is about to reference is kept.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    /// <summary>An estimate: far longer than any upload takes to arrive, so an older temporary file is a crash's leftover.</summary>
    public static readonly TimeSpan TemporaryFileAge = TimeSpan.FromDays(1);

    /// <summary>Deletes every unreferenced file and cache folder older than the grace period; returns the number of files deleted.</summary>
    public async Task<int> SweepAsync(HnlDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Rows read before the files are listed: a row stored after this read belongs to an upload that
        // has just written or reused its file, which the grace period keeps.
        var datasets = await context.Datasets.AsNoTracking().Select(d => new { d.StoredPath, d.Sha256 }).ToListAsync(cancellationToken);
        var referenced = datasets.Select(d => d.StoredPath)
            .Concat(await context.ModelFiles.AsNoTracking().Select(f => f.StoredPath).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var datasetHashes = datasets.Select(d => d.Sha256).ToHashSet(StringComparer.Ordinal);
        var modelKeys = (await context.Models.AsNoTracking().Select(m => m.Id).ToListAsync(cancellationToken))
            .Select(id => id.ToString())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var storedFiles = store.EnumerateStoredFiles().ToList();
        if (referenced.Count == 0 && storedFiles.Count > 0)
        {
            // A database with no dataset or model beside a store full of files is more likely a new or
            // wrong database (a recreated volume, a typo in the connection string) than deleted rows.
            // Nothing is deleted on that evidence.
            LogSkippedEmptyDatabase(storedFiles.Count);
            return 0;
        }

        var deletedFiles = storedFiles.Count(path => !referenced.Contains(path) && TryDelete(path));
        var deletedCaches = DeleteStaleScoreCaches(datasetHashes, modelKeys);
        deletedFiles += store.DeleteLeftovers(TemporaryFileAge, Grace);

        if (deletedFiles + deletedCaches > 0)
        {
            LogSwept(deletedFiles, deletedCaches);
        }

        return deletedFiles;
    }

    /// <summary>
    /// Deletes the given stored files of a row just deleted, where no other row references them and they are
    /// older than the grace period. The next sweep deletes the others. Returns the number deleted.
    /// </summary>
    public async Task<int> FreeAsync(HnlDbContext context, IReadOnlyCollection<string> storedPaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(storedPaths);

        var stillReferenced = (await context.Datasets.AsNoTracking().Where(d => storedPaths.Contains(d.StoredPath)).Select(d => d.StoredPath).ToListAsync(cancellationToken))
            .Concat(await context.ModelFiles.AsNoTracking().Where(f => storedPaths.Contains(f.StoredPath)).Select(f => f.StoredPath).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        return storedPaths.Count(path => !stillReferenced.Contains(path) && TryDelete(path));
    }

    // A file that cannot be deleted now (permissions, a busy file system) stays for the next sweep.
    // The row it belonged to is already gone, so failing the request would change nothing.
    private bool TryDelete(string storedPath)
    {
        try
        {
            return store.DeleteIfUnused(storedPath, Grace);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogFileNotDeleted(storedPath, exception.Message);
            return false;
        }
    }

    // The score cache keeps {dataset hash}/{model id}/ folders (see ScoreCache). A folder written to within
    // the grace period may belong to a row stored after the rows were read, so it stays.
    private int DeleteStaleScoreCaches(HashSet<string> datasetHashes, HashSet<string> modelKeys)
    {
        if (!Directory.Exists(scoreCacheDirectory))
        {
            return 0;
        }

        var cutoff = DateTime.UtcNow - Grace;
        var deleted = 0;
        foreach (var datasetFolder in Directory.EnumerateDirectories(scoreCacheDirectory))
        {
            if (!datasetHashes.Contains(Path.GetFileName(datasetFolder)))
            {
                deleted += TryDeleteFolder(datasetFolder, cutoff);
                continue;
            }

            foreach (var modelFolder in Directory.EnumerateDirectories(datasetFolder))
            {
                if (!modelKeys.Contains(Path.GetFileName(modelFolder)))
                {
                    deleted += TryDeleteFolder(modelFolder, cutoff);
                }
            }
        }

        return deleted;
    }

    private int TryDeleteFolder(string folder, DateTime cutoff)
    {
        if (Directory.GetLastWriteTimeUtc(folder) > cutoff)
        {
            return 0;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
            return 1;
        }
        catch (IOException exception)
        {
            LogCacheNotDeleted(folder, exception.Message);
            return 0;
        }
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Swept the file store: {FileCount} unreferenced files and {CacheCount} score cache folders deleted")]
    private partial void LogSwept(int fileCount, int cacheCount);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Warning, Message = "Stored file {StoredPath} could not be deleted and is left for the next sweep: {Reason}")]
    private partial void LogFileNotDeleted(string storedPath, string reason);

    [LoggerMessage(EventId = 3405, Level = LogLevel.Warning, Message = "Sweep skipped: the database references no stored file, but the store holds {FileCount} files; check the connection string and data directory")]
    private partial void LogSkippedEmptyDatabase(int fileCount);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Score cache folder {Folder} could not be deleted: {Reason}")]
    private partial void LogCacheNotDeleted(string folder, string reason);
}
