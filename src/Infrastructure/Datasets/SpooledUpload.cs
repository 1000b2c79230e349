using HnlService.Infrastructure.Storage;

namespace HnlService.Infrastructure.Datasets;

/// <summary>An upload copied into a temporary file of the store; disposing it deletes the file.</summary>
public sealed class SpooledUpload(string path) : IDisposable
{
    public string Path { get; } = path;

    public long SizeBytes { get; internal set; }

    public void Dispose() => FileStore.DeleteIfExists(Path);
}
