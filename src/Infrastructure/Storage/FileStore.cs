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

    private StoredFile MoveIntoStore(string temporaryPath, string sha256, long sizeBytes, string extension)
    {
        var relativePath = Path.Combine(sha256[..2], sha256 + extension);
        var fullPath = GetFullPath(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        if (!File.Exists(fullPath))
        {
            try
            {
                File.Move(temporaryPath, fullPath, overwrite: false);
            }
            catch (IOException) when (File.Exists(fullPath))
            {
                // Another upload of the same content won the race; its file has the same bytes.
            }
        }

        return new StoredFile(sha256, relativePath, sizeBytes);
    }
}

/// <summary>A file in the store: lower-case hex SHA-256 of its bytes, path relative to the store root, and size.</summary>
public sealed record StoredFile(string Sha256, string RelativePath, long SizeBytes);
