using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HnlService.Infrastructure.Analyses;

/// <summary>
/// Model scores kept on disk per (dataset, model, mass hypothesis), so that a re-analysis with another
/// binning, limit or formula skips scoring. A file is
/// <c>{root}/{datasetSha256}/{modelKey}/{hypothesis}.f32</c>: the 8 ASCII bytes "HNLSCORE", the row count
/// as a little-endian int64, then one little-endian float32 per dataset row, aligned with the dataset's
/// row order. Rows that the hypothesis does not score hold NaN.
/// </summary>
/// <remarks>
/// Files are written to a temporary name in the same folder and then renamed, so a worker that dies
/// mid-write leaves no partial file under the final name. Concurrent writers of the same entry write
/// identical content, and the last rename wins. A file with the wrong header or length is treated as
/// absent and deleted; the caller scores again and rewrites it.
/// </remarks>
public sealed class ScoreCache
{
    private const int HeaderBytes = 16;

    private static readonly byte[] Magic = "HNLSCORE"u8.ToArray();

    private readonly ILogger logger;

    private long hits;

    private long misses;

    public ScoreCache(string root, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);

        Root = root;
        this.logger = logger ?? NullLogger.Instance;
    }

    public string Root { get; }

    /// <summary>Number of reads that returned cached scores.</summary>
    public long Hits => Interlocked.Read(ref hits);

    /// <summary>Number of reads that found no usable file.</summary>
    public long Misses => Interlocked.Read(ref misses);

    /// <summary>Hypothesis key of a non-parametric model, whose scores do not depend on the mass.</summary>
    public static string AllMassesKey => "all";

    /// <summary>Hypothesis key of a parametric model at mass m: m in round-trip ("R") invariant format.</summary>
    public static string MassKey(double mass) => mass.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Full path of one entry; the model key is replaced by its SHA-256 when it is not a safe file name.</summary>
    public string GetPath(string datasetSha256, string modelKey, string hypothesisKey)
    {
        return Path.Combine(Root, ToSafeSegment(datasetSha256), ToSafeSegment(modelKey), ToSafeSegment(hypothesisKey) + ".f32");
    }

    /// <summary>Returns the cached scores of every row, or null when the entry is absent or unusable.</summary>
    public float[]? TryRead(string datasetSha256, string modelKey, string hypothesisKey, int rowCount)
    {
        var path = GetPath(datasetSha256, modelKey, hypothesisKey);
        var scores = ReadFile(path, rowCount);

        Interlocked.Increment(ref scores is null ? ref misses : ref hits);
        return scores;
    }

    /// <summary>Stores the scores of every row. A failed write is logged and otherwise ignored: the cache only saves time.</summary>
    public void Write(string datasetSha256, string modelKey, string hypothesisKey, float[] scores)
    {
        var path = GetPath(datasetSha256, modelKey, hypothesisKey);
        var temporaryPath = Path.Combine(
            Path.GetDirectoryName(path)!,
            $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            WriteFile(temporaryPath, scores);
            File.Move(temporaryPath, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ScoreCacheLog.WriteFailed(logger, exception, path);
            TryDelete(temporaryPath);
        }
    }

    private float[]? ReadFile(string path, int rowCount)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            var reason = CheckHeader(stream, rowCount);
            if (reason is not null)
            {
                ScoreCacheLog.FileRejected(logger, path, reason);
                TryDelete(path);
                return null;
            }

            var scores = new float[rowCount];
            stream.ReadExactly(MemoryMarshal.AsBytes(scores.AsSpan()));
            FromLittleEndian(scores);
            return scores;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ScoreCacheLog.ReadFailed(logger, exception, path);
            return null;
        }
    }

    private static string? CheckHeader(FileStream stream, int rowCount)
    {
        var expectedLength = HeaderBytes + (4L * rowCount);
        if (stream.Length != expectedLength)
        {
            return $"length {stream.Length} bytes, expected {expectedLength} for {rowCount} rows";
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        stream.ReadExactly(header);
        if (!header[..Magic.Length].SequenceEqual(Magic))
        {
            return "missing HNLSCORE header";
        }

        var storedRows = BinaryPrimitives.ReadInt64LittleEndian(header[Magic.Length..]);
        return storedRows == rowCount ? null : $"header row count {storedRows}, expected {rowCount}";
    }

    private static void WriteFile(string path, float[] scores)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header[Magic.Length..], scores.Length);

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(header);
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(scores.AsSpan()));
        }
        else
        {
            var copy = (float[])scores.Clone();
            ToLittleEndian(copy);
            stream.Write(MemoryMarshal.AsBytes(copy.AsSpan()));
        }

        // Flushed to disk before the rename, so a machine crash cannot leave the final name on an incomplete file.
        stream.Flush(flushToDisk: true);
    }

    private static void FromLittleEndian(float[] values) => ToLittleEndian(values);

    private static void ToLittleEndian(float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            return;
        }

        var bits = MemoryMarshal.Cast<float, int>(values.AsSpan());
        BinaryPrimitives.ReverseEndianness(bits, bits);
    }

    private static string ToSafeSegment(string key)
    {
        var safe = key.Length is > 0 and <= 100
            && key is not "." and not ".."
            && key.All(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '-' or '_' or '+');
        if (safe)
        {
            return key;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ScoreCacheLog.DeleteFailed(logger, exception, path);
        }
    }
}
