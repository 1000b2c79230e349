using System.Security.Cryptography;

namespace HnlService.Infrastructure.Storage;

/// <summary>
/// Content-addressed files under a root folder: the SHA-256 of the content names each file, stored as
/// <c>&lt;root&gt;/&lt;first two hex digits&gt;/&lt;sha256&gt;&lt;extension&gt;</c>. Content is streamed through a
/// temporary file under <c>&lt;root&gt;/tmp</c>, so no upload is held in memory.
/// </summary>
public sealed class FileStore(string root)
{
    private const int CopyBufferBytes = 1 << 16;

    private const string TemporaryFolder = "tmp";

    private const string TombstoneMarker = ".deleting-";

    public string Root { get; } = root;

    /// <summary>Streams content into the store and returns its hash and relative path; identical content is stored once.</summary>
    public async Task<StoredFile> SaveAsync(Stream content, string extension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);

        var temporaryPath = CreateTemporaryPath(extension);
        try
        {
            var (sha256, sizeBytes) = await CopyHashingAsync(content, temporaryPath, cancellationToken);
            return MoveIntoStore(temporaryPath, sha256, sizeBytes, extension);
        }
        finally
        {
            DeleteIfExists(temporaryPath);
        }
    }

    /// <summary>
    /// Moves a finished file (usually one from <see cref="CreateTemporaryPath"/>) into the store under the
    /// hash of its content. When identical content is already stored, the given file is deleted instead.
    /// </summary>
    public async Task<StoredFile> AddFileAsync(string path, string extension, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        string sha256;
        long sizeBytes;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferBytes, useAsync: true))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            sizeBytes = stream.Length;
        }

        try
        {
            return MoveIntoStore(path, sha256, sizeBytes, extension);
        }
        finally
        {
            DeleteIfExists(path);
        }
    }

    /// <summary>Returns a new unique path under the store's temporary folder; the caller deletes what it does not add.</summary>
    public string CreateTemporaryPath(string extension)
    {
        var folder = Path.Combine(Root, TemporaryFolder);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Guid.NewGuid().ToString("N") + extension);
    }

    public string GetFullPath(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>Deletes a file when it exists; used to clean up temporary files.</summary>
    public static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static async Task<(string Sha256, long SizeBytes)> CopyHashingAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[CopyBufferBytes];
        long sizeBytes = 0;

        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferBytes, useAsync: true);
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            sizeBytes += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), sizeBytes);
    }

    /// <summary>
    /// Deletes a stored file that no row references any more, unless it was written or reused within
    /// <paramref name="grace"/>. The caller checks the references first. The grace period covers an
    /// upload of the same content that has reused the file but not yet stored its row: reusing a file
    /// sets its write time (see MoveIntoStore), which keeps it here. Returns true when the file was deleted.
    /// </summary>
    public bool DeleteIfUnused(string relativePath, TimeSpan grace)
    {
        var fullPath = GetFullPath(relativePath);
        var cutoff = DateTime.UtcNow - grace;
        if (!File.Exists(fullPath) || File.GetLastWriteTimeUtc(fullPath) > cutoff)
        {
            return false;
        }

        // The rename is atomic, so an upload that reuses the file from now on finds it gone and moves its
        // own copy in. One that reused it just before the rename left a recent write time, and the file goes back.
        var tombstone = fullPath + TombstoneMarker + Guid.NewGuid().ToString("N");
        try
        {
            File.Move(fullPath, tombstone, overwrite: false);
        }
        catch (FileNotFoundException)
        {
            return false;
        }

        if (File.GetLastWriteTimeUtc(tombstone) > cutoff)
        {
            RestoreTombstone(tombstone, fullPath);
            return false;
        }

        File.Delete(tombstone);
        return true;
    }

    /// <summary>
    /// Lists the content-addressed files of the store as relative paths: the files in folders named by two
    /// hex digits. Temporary uploads and the other folders under the root are left out.
    /// </summary>
    public IEnumerable<string> EnumerateStoredFiles()
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(folder);
            if (name.Length != 2 || !Uri.IsHexDigit(name[0]) || !Uri.IsHexDigit(name[1]))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (!Path.GetFileName(file).Contains(TombstoneMarker, StringComparison.Ordinal))
                {
                    yield return Path.Combine(name, Path.GetFileName(file));
                }
            }
        }
    }

    /// <summary>
    /// Deletes what a crashed process left behind: temporary upload files untouched for temporaryAge,
    /// and files DeleteIfUnused renamed for deletion whose write time is older than grace. A younger one
    /// may be about to go back, because an upload reused it. Returns the number deleted.
    /// </summary>
    public int DeleteLeftovers(TimeSpan temporaryAge, TimeSpan grace)
    {
        var deleted = 0;
        var temporaryFolder = Path.Combine(Root, TemporaryFolder);
        if (Directory.Exists(temporaryFolder))
        {
            var cutoff = DateTime.UtcNow - temporaryAge;
            foreach (var file in Directory.EnumerateFiles(temporaryFolder))
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff && TryDeleteFile(file))
                {
                    deleted++;
                }
            }
        }

        // A tombstone outlives DeleteIfUnused only when the process died between its rename and its delete.
        var tombstoneCutoff = DateTime.UtcNow - grace;
        foreach (var folder in Directory.Exists(Root) ? Directory.EnumerateDirectories(Root) : [])
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*" + TombstoneMarker + "*"))
            {
                if (File.GetLastWriteTimeUtc(file) < tombstoneCutoff && TryDeleteFile(file))
                {
                    deleted++;
                }
            }
        }

        return deleted;
    }

    private static bool TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void RestoreTombstone(string tombstone, string fullPath)
    {
        try
        {
            File.Move(tombstone, fullPath, overwrite: false);
        }
        catch (IOException) when (File.Exists(fullPath))
        {
            // An upload moved its own copy in meanwhile; it has the same bytes.
            File.Delete(tombstone);
        }
    }

    private StoredFile MoveIntoStore(string temporaryPath, string sha256, long sizeBytes, string extension)
    {
        var relativePath = Path.Combine(sha256[..2], sha256 + extension);
        var fullPath = GetFullPath(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        // A deletion may take the file between the two steps, so this repeats a few times. Each round
        // either reuses the file or moves this upload's copy in.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (TryReuse(fullPath))
            {
                return new StoredFile(sha256, relativePath, sizeBytes);
            }

            try
            {
                File.Move(temporaryPath, fullPath, overwrite: false);

                // The move keeps the temporary file's write time, which can be older than the grace period.
                TryReuse(fullPath);
                return new StoredFile(sha256, relativePath, sizeBytes);
            }
            catch (IOException) when (File.Exists(fullPath))
            {
                // Another upload of the same content won the race; its file has the same bytes.
            }
        }

        throw new IOException($"The stored file {relativePath} kept disappearing while it was being stored; try the upload again.");
    }

    // Marks an existing file as just used, so that DeleteIfUnused keeps it until this upload has stored its
    // row. Returns false when there is no file, or when DeleteIfUnused took it away a moment ago.
    private static bool TryReuse(string fullPath)
    {
        try
        {
            File.SetLastWriteTimeUtc(fullPath, DateTime.UtcNow);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }
}

/// <summary>A file in the store: lower-case hex SHA-256 of its bytes, path relative to the store root, and size.</summary>
public sealed record StoredFile(string Sha256, string RelativePath, long SizeBytes);
