namespace HnlService.Infrastructure.Storage;

/// <summary>Content-addressed files under a root folder: the SHA-256 of the content names each file.</summary>
public sealed class FileStore(string root)
{
    public string Root { get; } = root;

    /// <summary>Streams content into the store and returns its hash and relative path; identical content is stored once.</summary>
    public Task<StoredFile> SaveAsync(Stream content, string extension, CancellationToken cancellationToken)
    {
        throw new NotImplementedException();
    }

    public string GetFullPath(string relativePath) => Path.Combine(Root, relativePath);
}

/// <summary>A file in the store.</summary>
public sealed record StoredFile(string Sha256, string RelativePath, long SizeBytes);
