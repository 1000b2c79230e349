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

    /// <summary>Deletes every unreferenced file and cache folder older than the grace period; returns the number of files deleted.</summary>
    public async Task<int> SweepAsync(HnlDbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Rows read before the files are listed: a row stored after this read belongs to an upload that
        // has just written or reused its file, which the grace period keeps.
        var referenced = (await context.Datasets.AsNoTracking().Select(d => d.StoredPath).ToListAsync(cancellationToken))
            .Concat(await context.ModelFiles.AsNoTracking().Select(f => f.StoredPath).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var datasetHashes = (await context.Datasets.AsNoTracking().Select(d => d.Sha256).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var modelKeys = (await context.Models.AsNoTracking().Select(m => m.Id).ToListAsync(cancellationToken))
            .Select(id => id.ToString())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var deletedFiles = store.EnumerateStoredFiles().ToList()
            .Count(path => !referenced.Contains(path) && store.DeleteIfUnused(path, Grace));
        var deletedCaches = DeleteStaleScoreCaches(datasetHashes, modelKeys);

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

        return storedPaths.Count(path => !stillReferenced.Contains(path) && store.DeleteIfUnused(path, Grace));
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

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Score cache folder {Folder} could not be deleted: {Reason}")]
    private partial void LogCacheNotDeleted(string folder, string reason);
}
