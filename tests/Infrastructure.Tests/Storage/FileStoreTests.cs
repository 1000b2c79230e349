using System.Text;
using HnlService.Infrastructure.Storage;

namespace HnlService.Infrastructure.Tests.Storage;

public sealed class FileStoreTests : IDisposable
{
    /// <summary>SHA-256 of the ASCII text "abc", the FIPS 180-2 example value.</summary>
    private const string AbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private readonly string root = Path.Combine(Path.GetTempPath(), "hnl-filestore-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task SaveAsync_NamesFileByHash_WhenContentIsStored()
    {
        var store = new FileStore(root);

        var stored = await store.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("abc")), ".bin", CancellationToken.None);

        Assert.Equal(AbcSha256, stored.Sha256);
        Assert.Equal(Path.Combine("ba", AbcSha256 + ".bin"), stored.RelativePath);
        Assert.Equal(3, stored.SizeBytes);
        Assert.Equal("abc", await File.ReadAllTextAsync(store.GetFullPath(stored.RelativePath)));
    }

    [Fact]
    public async Task SaveAsync_StoresOnce_WhenSameContentIsSavedTwice()
    {
        var store = new FileStore(root);

        var first = await store.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("abc")), ".bin", CancellationToken.None);
        var second = await store.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("abc")), ".bin", CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AddFileAsync_MovesTemporaryFileIntoStore_WhenContentIsNew()
    {
        var store = new FileStore(root);
        var temporary = store.CreateTemporaryPath(".bin");
        await File.WriteAllTextAsync(temporary, "abc");

        var stored = await store.AddFileAsync(temporary, ".bin", CancellationToken.None);

        Assert.Equal(AbcSha256, stored.Sha256);
        Assert.False(File.Exists(temporary));
        Assert.True(File.Exists(store.GetFullPath(stored.RelativePath)));
    }

    [Fact]
    public async Task DeleteIfUnused_DeletesFile_WhenOld()
    {
        var store = new FileStore(root);
        var stored = await store.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("abc")), ".bin", CancellationToken.None);
        File.SetLastWriteTimeUtc(store.GetFullPath(stored.RelativePath), DateTime.UtcNow.AddHours(-1));

        var deleted = store.DeleteIfUnused(stored.RelativePath, TimeSpan.FromMinutes(10));

        Assert.True(deleted);
        Assert.Empty(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task DeleteIfUnused_KeepsFile_WhenRecent()
    {
        var store = new FileStore(root);
        var stored = await store.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("abc")), ".bin", CancellationToken.None);

        var deleted = store.DeleteIfUnused(stored.RelativePath, TimeSpan.FromMinutes(10));

        Assert.False(deleted);
        Assert.Equal("abc", await File.ReadAllTextAsync(store.GetFullPath(stored.RelativePath)));
    }

    [Fact]
    public async Task DeleteIfUnused_KeepsFile_WhenReused()
    {
        // An upload of the same content reuses the stored file and marks it as just written.
        var store = new FileStore(root);
        var stored = await store.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("abc")), ".bin", CancellationToken.None);
        File.SetLastWriteTimeUtc(store.GetFullPath(stored.RelativePath), DateTime.UtcNow.AddHours(-1));
        await store.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("abc")), ".bin", CancellationToken.None);

        var deleted = store.DeleteIfUnused(stored.RelativePath, TimeSpan.FromMinutes(10));

        Assert.False(deleted);
        Assert.Equal("abc", await File.ReadAllTextAsync(store.GetFullPath(stored.RelativePath)));
    }

    [Fact]
    public async Task EnumerateStoredFiles_ListsContentFilesOnly()
    {
        var store = new FileStore(root);
        var stored = await store.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("abc")), ".bin", CancellationToken.None);
        await File.WriteAllTextAsync(store.CreateTemporaryPath(".upload"), "in progress");
        Directory.CreateDirectory(Path.Combine(root, "scores", AbcSha256));
        await File.WriteAllTextAsync(Path.Combine(root, "scores", "entry.f32"), "cache");
        await File.WriteAllTextAsync(store.GetFullPath(stored.RelativePath) + ".deleting-0", "being deleted");

        var files = store.EnumerateStoredFiles().ToList();

        Assert.Equal([stored.RelativePath], files);
    }

    [Fact]
    public async Task DeleteLeftovers_DeletesOnlyOldLeftovers()
    {
        var store = new FileStore(root);
        var stored = await store.SaveAsync(new MemoryStream(Encoding.ASCII.GetBytes("abc")), ".bin", CancellationToken.None);
        var oldUpload = store.CreateTemporaryPath(".upload");
        var recentUpload = store.CreateTemporaryPath(".upload");
        await File.WriteAllTextAsync(oldUpload, "abandoned");
        await File.WriteAllTextAsync(recentUpload, "arriving");
        File.SetLastWriteTimeUtc(oldUpload, DateTime.UtcNow.AddDays(-2));
        var tombstone = store.GetFullPath(stored.RelativePath) + ".deleting-0";
        await File.WriteAllTextAsync(tombstone, "left by a crash");
        File.SetLastWriteTimeUtc(tombstone, DateTime.UtcNow.AddHours(-1));
        var recentTombstone = store.GetFullPath(stored.RelativePath) + ".deleting-1";
        await File.WriteAllTextAsync(recentTombstone, "about to be restored");

        var deleted = store.DeleteLeftovers(TimeSpan.FromDays(1), TimeSpan.FromMinutes(10));

        Assert.Equal(2, deleted);
        Assert.False(File.Exists(oldUpload));
        Assert.False(File.Exists(tombstone));
        Assert.True(File.Exists(recentUpload));
        Assert.True(File.Exists(recentTombstone));
        Assert.True(File.Exists(store.GetFullPath(stored.RelativePath)));
    }
}
