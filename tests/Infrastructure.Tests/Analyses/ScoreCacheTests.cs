using HnlService.Infrastructure.Analyses;

namespace HnlService.Infrastructure.Tests.Analyses;

public sealed class ScoreCacheTests : IDisposable
{
    private const string DatasetSha256 = "3f9a0c4b5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708";

    private readonly string root = Path.Combine(Path.GetTempPath(), "hnl-score-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TryRead_ReturnsWrittenScores_WhenRowCountMatches()
    {
        var cache = new ScoreCache(root);
        float[] scores = [0.25f, float.NaN, 1e-30f, 0.999999940f];

        cache.Write(DatasetSha256, "model-1", ScoreCache.MassKey(300), scores);
        var read = cache.TryRead(DatasetSha256, "model-1", ScoreCache.MassKey(300), scores.Length);

        Assert.NotNull(read);
        Assert.Equal(
            scores.Select(BitConverter.SingleToInt32Bits),
            read.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(1, cache.Hits);
        Assert.Equal(0, cache.Misses);
    }

    [Fact]
    public void Write_StoresHeaderAndLittleEndianFloats_WhenScoresAreGiven()
    {
        var cache = new ScoreCache(root);

        cache.Write(DatasetSha256, "model-1", ScoreCache.AllMassesKey, [1.0f, -2.0f]);

        var bytes = File.ReadAllBytes(cache.GetPath(DatasetSha256, "model-1", ScoreCache.AllMassesKey));
        // "HNLSCORE", int64 2, then 1.0f = 0x3F800000 and -2.0f = 0xC0000000 in little-endian order.
        byte[] expected =
        [
            (byte)'H', (byte)'N', (byte)'L', (byte)'S', (byte)'C', (byte)'O', (byte)'R', (byte)'E',
            2, 0, 0, 0, 0, 0, 0, 0,
            0x00, 0x00, 0x80, 0x3F,
            0x00, 0x00, 0x00, 0xC0,
        ];
        Assert.Equal(expected, bytes);
        Assert.Equal(["all.f32"], Directory.GetFiles(Path.GetDirectoryName(cache.GetPath(DatasetSha256, "model-1", "all"))!).Select(Path.GetFileName));
    }

    [Fact]
    public void TryRead_ReturnsNullAndDeletesFile_WhenFileIsTruncated()
    {
        var cache = new ScoreCache(root);
        cache.Write(DatasetSha256, "model-1", ScoreCache.MassKey(85), new float[100]);
        var path = cache.GetPath(DatasetSha256, "model-1", ScoreCache.MassKey(85));
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(16 + 200);
        }

        var read = cache.TryRead(DatasetSha256, "model-1", ScoreCache.MassKey(85), 100);

        Assert.Null(read);
        Assert.False(File.Exists(path));
        Assert.Equal(1, cache.Misses);
    }

    [Fact]
    public void TryRead_ReturnsNull_WhenRowCountDiffers()
    {
        var cache = new ScoreCache(root);
        cache.Write(DatasetSha256, "model-1", ScoreCache.MassKey(85), new float[100]);

        var read = cache.TryRead(DatasetSha256, "model-1", ScoreCache.MassKey(85), 101);

        Assert.Null(read);
    }

    [Fact]
    public void TryRead_ReturnsNull_WhenHeaderIsNotScoreFile()
    {
        var cache = new ScoreCache(root);
        var path = cache.GetPath(DatasetSha256, "model-1", ScoreCache.MassKey(85));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[16 + 8];
        "PAR1PAR1"u8.CopyTo(bytes);
        bytes[8] = 2;
        File.WriteAllBytes(path, bytes);

        var read = cache.TryRead(DatasetSha256, "model-1", ScoreCache.MassKey(85), 2);

        Assert.Null(read);
    }

    [Fact]
    public void TryRead_ReturnsNull_WhenEntryIsAbsent()
    {
        var cache = new ScoreCache(root);

        var read = cache.TryRead(DatasetSha256, "model-1", ScoreCache.MassKey(85), 10);

        Assert.Null(read);
        Assert.Equal(1, cache.Misses);
    }

    [Theory]
    [InlineData(85.0, "85")]
    [InlineData(0.1, "0.1")]
    [InlineData(1250.5, "1250.5")]
    public void MassKey_UsesRoundTripInvariantFormat_WhenMassIsGiven(double mass, string expected)
    {
        Assert.Equal(expected, ScoreCache.MassKey(mass));
    }

    [Fact]
    public void GetPath_HashesModelKey_WhenKeyIsNotSafeFileName()
    {
        var cache = new ScoreCache(root);

        var path = cache.GetPath(DatasetSha256, "../../etc", "85");

        // SHA-256 of the UTF-8 bytes of "../../etc", computed with sha256sum.
        Assert.Equal(Path.Combine(root, DatasetSha256, "74ccf3c5b4c19a8167f9a3d1dd63e0e41fe451bc9616184fb273054c5743786c", "85.f32"), path);
    }
}
